"""The main window's menus and status bar, built onto the window. New entries
go here (one `add_action` line each); their slots stay on the window.

A menu text is given as its English source (`QT_TRANSLATE_NOOP("Menus", …)`, so
pyside6-lupdate finds it) and translated by `retranslate_menus`, at build time and
again on every language switch."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar

from ..core.i18n import LANGUAGE_NAMES, current_language

if TYPE_CHECKING:
    from .main_window import MainWindow

LEVEL_TEXTS = {
    "stage": QT_TRANSLATE_NOOP("Menus", "Stage level"),
    "block": QT_TRANSLATE_NOOP("Menus", "Block level"),
    "op": QT_TRANSLATE_NOOP("Menus", "Op level"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def _remember(w: MainWindow, item: QAction | QMenu, source: str) -> None:
    """Register `item`'s English text; retranslate_menus sets it in the current language."""
    if not hasattr(w, "menu_texts"):
        w.menu_texts = []
    w.menu_texts.append((item, source))


def add_action(w: MainWindow, menu: QMenu, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
    """`text`: the English source, marked with QT_TRANSLATE_NOOP("Menus", …)."""
    act = QAction(_tr(text), w)
    _remember(w, act, text)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def add_menu(w: MainWindow, parent, text: str) -> QMenu:  # type: ignore[no-untyped-def]
    menu = parent.addMenu(_tr(text))
    _remember(w, menu, text)
    return menu


def retranslate_window(w: MainWindow) -> None:
    """The window's own texts in the current language: dock and tab titles, menus,
    status. Texts from the core and the run follow once per switch (refresh_language)."""
    controls, inspector, activations = w.docks
    controls.setWindowTitle(QCoreApplication.translate("MainWindow", "Controls"))
    inspector.setWindowTitle(QCoreApplication.translate("MainWindow", "Inspector"))
    activations.setWindowTitle(QCoreApplication.translate("MainWindow", "Activations"))
    w._placeholder.setText(QCoreApplication.translate("MainWindow", "activations appear when the live model has run"))
    w.bottom.setTabText(0, QCoreApplication.translate("MainWindow", "Activations"))
    w.bottom.setTabText(w.bottom.indexOf(w.summary), QCoreApplication.translate("MainWindow", "Summary (torchinfo)"))
    for item, source in getattr(w, "menu_texts", []):
        if isinstance(item, QMenu):
            item.setTitle(QCoreApplication.translate("Menus", source))
        else:
            item.setText(QCoreApplication.translate("Menus", source))
    for lang, act in w.language_actions.items():
        act.setChecked(lang == current_language())
    if w.result is None or w.result.weights is None:  # after a run, the run's own words (live)
        w.status_weights.setText(QCoreApplication.translate("Menus", "untrained (random init)"))
    _undo_texts(w)


def schedule_language_refresh(w: MainWindow) -> None:
    if not getattr(w, "_refresh_pending", False):  # one switch sends several events: refresh once
        w._refresh_pending = True
        QTimer.singleShot(0, w, lambda: refresh_language(w))  # w as context: dropped if w is destroyed first


def refresh_language(w: MainWindow) -> None:
    """Texts that come from the core and the live model: the graph's labels, the
    status line, the run's messages (the inspector re-fetches its explanation itself)."""
    w._refresh_pending = False
    if w.layout_ is None:
        return  # still being built
    # infer again: the report's diagnoses in the new language; the graph, the panels,
    # the status line and the banner follow, and the run's texts come back with the rerun
    w.on_spec_changed(w.doc.spec)


def build_status_bar(w: MainWindow) -> None:
    sb = w.statusBar()
    w.status_message = QLabel("")
    w.status_device = QLabel("CPU")
    w.status_shapes = QLabel("")
    w.status_forward = QLabel("")
    w.status_memory = QLabel("")
    w.status_weights = QLabel(QCoreApplication.translate("Menus", "untrained (random init)"))
    w.busy = QProgressBar()
    w.busy.setRange(0, 0)
    w.busy.setMaximumWidth(90)
    w.busy.setVisible(False)
    sb.addWidget(w.status_message, 1)
    for x in (w.busy, w.status_weights, w.status_device, w.status_shapes, w.status_forward, w.status_memory):
        sb.addPermanentWidget(x)


def build_menus(w: MainWindow) -> None:
    m = w.menuBar()
    f = add_menu(w, m, QT_TRANSLATE_NOOP("Menus", "&File"))
    w.file_menu = f
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Open image…"), w.choose_image, QKeySequence.StandardKey.Open)
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Open checkpoint…"), w.checkpoints.choose)
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Load weights…"), lambda: w.choose_weights(True))
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Pretrained weights…"), w.pretrained_dialog)
    w.cached_menu = add_menu(w, f, QT_TRANSLATE_NOOP("Menus", "Cached pretrained weights"))
    w.cached_menu.aboutToShow.connect(w.fill_cached_weights)
    f.addSeparator()
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Open spec…"), w.open_spec)
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Save spec…"), w.save_spec, QKeySequence.StandardKey.Save)
    reopen = add_action(
        w, f, QT_TRANSLATE_NOOP("Menus", "Reopen last network"), lambda: w.open_spec_text(w.crashed_spec or "")
    )
    reopen.setEnabled(w.crashed_spec is not None)  # only after a run that did not end (e.g. out of memory)
    w.recent_menu = add_menu(w, f, QT_TRANSLATE_NOOP("Menus", "Recent files"))
    w._fill_recent()
    f.addSeparator()
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Export…"), w.export_dialog, "Ctrl+E")
    f.addSeparator()
    add_action(w, f, QT_TRANSLATE_NOOP("Menus", "Quit"), w.close, QKeySequence.StandardKey.Quit)
    e = add_menu(w, m, QT_TRANSLATE_NOOP("Menus", "&Edit"))
    # our own actions, not QUndoStack.createUndoAction: its "Undo" prefix is fixed when made
    stack = w.doc.undo_stack
    w.undo_action = QAction(w)
    w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    w.undo_action.triggered.connect(stack.undo)
    w.redo_action = QAction(w)
    w.redo_action.triggered.connect(stack.redo)
    for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
        signal.connect(lambda *_: _undo_texts(w))
    _undo_texts(w)
    # the platform's Redo keys plus Ctrl+Shift+Z where they lack it; a key listed twice
    # makes Qt call the shortcut ambiguous and do nothing (xcb's Redo *is* Ctrl+Shift+Z)
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    if QKeySequence("Ctrl+Shift+Z") not in keys:
        keys.append(QKeySequence("Ctrl+Shift+Z"))
    w.redo_action.setShortcuts(keys)
    e.addAction(w.undo_action)
    e.addAction(w.redo_action)
    add_action(w, e, QT_TRANSLATE_NOOP("Menus", "Reset to ResNet-50"), w.reset_spec)
    v = add_menu(w, m, QT_TRANSLATE_NOOP("Menus", "&View"))
    for lv in LEVEL_TEXTS:
        add_action(w, v, LEVEL_TEXTS[lv], lambda _=False, lv=lv: w.set_level(lv))
    v.addSeparator()
    add_action(w, v, QT_TRANSLATE_NOOP("Menus", "Fit"), w.view.fit, "F")
    add_action(w, v, QT_TRANSLATE_NOOP("Menus", "Zoom in"), lambda: w.view.zoom(1.25), QKeySequence.StandardKey.ZoomIn)
    add_action(w, v, QT_TRANSLATE_NOOP("Menus", "Zoom out"), lambda: w.view.zoom(0.8), QKeySequence.StandardKey.ZoomOut)
    w.horizontal = add_action(w, v, QT_TRANSLATE_NOOP("Menus", "Horizontal flow"), lambda: w.redraw())
    w.horizontal.setCheckable(True)
    v.addSeparator()
    build_language_menu(w, add_menu(w, v, QT_TRANSLATE_NOOP("Menus", "Language")))


def build_language_menu(w: MainWindow, menu: QMenu) -> None:
    """One checkable entry per language, each named in its own language (never translated)."""
    group = QActionGroup(menu)
    group.setExclusive(True)
    w.language_actions = {}
    for lang, name in LANGUAGE_NAMES.items():
        act = QAction(name, menu, checkable=True, checked=lang == current_language())
        act.setObjectName(f"language_{lang}")
        act.triggered.connect(lambda _=False, lang=lang: w.set_language(lang))
        group.addAction(act)
        menu.addAction(act)
        w.language_actions[lang] = act


def _undo_texts(w: MainWindow) -> None:
    with contextlib.suppress(RuntimeError):  # the stack's last signals while the window is destroyed
        _set_undo_texts(w)


def _set_undo_texts(w: MainWindow) -> None:
    stack = w.doc.undo_stack
    for act, can, what, plain, named in (
        (
            w.undo_action,
            stack.canUndo(),
            stack.undoText(),
            QCoreApplication.translate("Menus", "Undo"),
            QCoreApplication.translate("Menus", "Undo {what}"),
        ),
        (
            w.redo_action,
            stack.canRedo(),
            stack.redoText(),
            QCoreApplication.translate("Menus", "Redo"),
            QCoreApplication.translate("Menus", "Redo {what}"),
        ),
    ):
        act.setEnabled(can)
        act.setText(named.format(what=what) if what else plain)


def fill_cached_weights(w: MainWindow) -> None:
    """Pretrained files already on disk for the current preset (never downloaded here)."""
    from ..core.catalogue import by_file_name
    from ..core.presets import matching_preset
    from ..live.hub_cache import cached_weights, torch_hub_dir

    w.cached_menu.clear()
    name = matching_preset(w.doc.spec)
    files = cached_weights(name) if name else []
    for path in files:
        entry = by_file_name(path.name)
        act = w.cached_menu.addAction(f"{entry.name} ({path.name})" if entry else path.name)
        act.triggered.connect(lambda _=False, p=str(path): w.load_weights_file(p, strict=True))
    if not files:
        text = (
            QCoreApplication.translate("Menus", "(no {name}-*.pth in {folder})").format(
                name=name, folder=torch_hub_dir()
            )
            if name
            else QCoreApplication.translate("Menus", "(custom spec: no torchvision file in {folder})").format(
                folder=torch_hub_dir()
            )
        )
        w.cached_menu.addAction(text).setEnabled(False)
