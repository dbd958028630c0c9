"""The main window's menus, built onto the window. New entries go here (one
`add_action` line each); their slots stay on the window.

A menu text is given as its English source (`QT_TRANSLATE_NOOP("Menus", …)`, so
pyside6-lupdate finds it) and translated by `retranslate_window`, at build time and
again on every language switch."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ..core.choices import GraphLevel
from ..core.i18n import LANGUAGE_NAMES, Language, current_language

if TYPE_CHECKING:
    from .main_window import MainWindow

LEVEL_TEXTS: dict[GraphLevel, object] = {  # QT_TRANSLATE_NOOP marks the English source (typed object)
    "stage": QT_TRANSLATE_NOOP("Menus", "Stage level"),
    "block": QT_TRANSLATE_NOOP("Menus", "Block level"),
    "op": QT_TRANSLATE_NOOP("Menus", "Op level"),
}
Key = QKeySequence | QKeySequence.StandardKey | str


def _tr(text: object) -> str:
    # QT_TRANSLATE_NOOP is typed `-> object`; it returns its English text unchanged
    return QCoreApplication.translate("Menus", str(text))


class WindowMenus:
    """The menu items the window reads or relabels later, built by `build_menus`."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.texts: list[tuple[QAction | QMenu, str]] = []  # each item with its English source
        self.undo = QAction(window)
        self.redo = QAction(window)
        self.language_actions: dict[Language, QAction] = {}
        # set by build_menus
        self.horizontal: QAction
        self.cached: QMenu
        self.recent: QMenu

    def add_action(self, menu: QMenu, text: object, slot: Callable[[], object], shortcut: Key | None = None) -> QAction:
        """`text`: the English source, marked with QT_TRANSLATE_NOOP("Menus", …)."""
        act = QAction(_tr(text), self.window)
        self.texts.append((act, str(text)))
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def add_menu(self, parent: QMenu | QMenuBar, text: object) -> QMenu:
        menu = QMenu(_tr(text), parent)
        parent.addMenu(menu)
        self.texts.append((menu, str(text)))
        return menu

    def fill_recent(self) -> None:
        w = self.window
        self.recent.clear()
        recent = w.settings.value("recent_files", [])
        for path in recent if isinstance(recent, list) else []:
            act = QAction(str(path), self.recent)
            self.recent.addAction(act)
            act.triggered.connect(
                lambda _=False, p=path: w.open_spec(p) if p.endswith(".json") else w.open_image_file(p)
            )


def retranslate_window(w: MainWindow) -> None:
    """The window's own texts in the current language: dock and tab titles, menus,
    status. Texts from the core and the run follow once per switch (refresh_language)."""
    controls, inspector, activations = w.docks
    controls.setWindowTitle(QCoreApplication.translate("MainWindow", "Controls"))
    inspector.setWindowTitle(QCoreApplication.translate("MainWindow", "Inspector"))
    activations.setWindowTitle(QCoreApplication.translate("MainWindow", "Activations"))
    w.placeholder.setText(QCoreApplication.translate("MainWindow", "activations appear when the live model has run"))
    w.bottom.setTabText(0, QCoreApplication.translate("MainWindow", "Activations"))
    w.bottom.setTabText(w.bottom.indexOf(w.summary), QCoreApplication.translate("MainWindow", "Summary (torchinfo)"))
    for item, source in w.menus.texts:
        if isinstance(item, QMenu):
            item.setTitle(QCoreApplication.translate("Menus", source))
        else:
            item.setText(QCoreApplication.translate("Menus", source))
    for lang, act in w.menus.language_actions.items():
        act.setChecked(lang == current_language())
    w.status.retranslate_ui(w.result)
    _undo_texts(w.menus)


def schedule_language_refresh(w: MainWindow) -> None:
    if not w.refresh_pending:  # one switch sends several events: refresh once
        w.refresh_pending = True
        QTimer.singleShot(0, w, lambda: refresh_language(w))  # w as context: dropped if w is destroyed first


def refresh_language(w: MainWindow) -> None:
    """Texts that come from the core and the live model: the graph's labels, the
    status line, the run's messages (the inspector re-fetches its explanation itself)."""
    w.refresh_pending = False
    if w.layout_ is None:
        return  # still being built
    # infer again: the report's diagnoses in the new language; the graph, the panels,
    # the status line and the banner follow, and the run's texts come back with the rerun
    w.on_spec_changed(w.doc.spec)


def build_menus(w: MainWindow) -> WindowMenus:
    menus = WindowMenus(w)
    add_action, add_menu = menus.add_action, menus.add_menu
    m = w.menuBar()
    f = add_menu(m, QT_TRANSLATE_NOOP("Menus", "&File"))
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Open image…"), w.choose_image, QKeySequence.StandardKey.Open)
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Open checkpoint…"), w.checkpoints.choose)
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Load weights…"), lambda: w.choose_weights(True))
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Pretrained weights…"), w.pretrained_dialog)
    menus.cached = add_menu(f, QT_TRANSLATE_NOOP("Menus", "Cached pretrained weights"))
    menus.cached.aboutToShow.connect(lambda: fill_cached_weights(w))
    f.addSeparator()
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Open spec…"), w.open_spec)
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Save spec…"), w.save_spec, QKeySequence.StandardKey.Save)
    reopen = add_action(
        f, QT_TRANSLATE_NOOP("Menus", "Reopen last network"), lambda: w.open_spec_text(w.crashed_spec or "")
    )
    reopen.setEnabled(w.crashed_spec is not None)  # only after a run that did not end (e.g. out of memory)
    menus.recent = add_menu(f, QT_TRANSLATE_NOOP("Menus", "Recent files"))
    menus.fill_recent()
    f.addSeparator()
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Export…"), w.export_dialog, "Ctrl+E")
    f.addSeparator()
    add_action(f, QT_TRANSLATE_NOOP("Menus", "Quit"), w.close, QKeySequence.StandardKey.Quit)
    _build_edit_menu(menus, add_menu(m, QT_TRANSLATE_NOOP("Menus", "&Edit")))
    v = add_menu(m, QT_TRANSLATE_NOOP("Menus", "&View"))
    for lv, text in LEVEL_TEXTS.items():
        add_action(v, text, _level_setter(w, lv))
    v.addSeparator()
    add_action(v, QT_TRANSLATE_NOOP("Menus", "Fit"), w.view.fit, "F")
    add_action(v, QT_TRANSLATE_NOOP("Menus", "Zoom in"), lambda: w.view.zoom(1.25), QKeySequence.StandardKey.ZoomIn)
    add_action(v, QT_TRANSLATE_NOOP("Menus", "Zoom out"), lambda: w.view.zoom(0.8), QKeySequence.StandardKey.ZoomOut)
    menus.horizontal = add_action(v, QT_TRANSLATE_NOOP("Menus", "Horizontal flow"), lambda: w.redraw())
    menus.horizontal.setCheckable(True)
    v.addSeparator()
    build_language_menu(menus, add_menu(v, QT_TRANSLATE_NOOP("Menus", "Language")))
    return menus


def _level_setter(w: MainWindow, level: GraphLevel) -> Callable[[], None]:
    return lambda: w.set_level(level)


def _build_edit_menu(menus: WindowMenus, e: QMenu) -> None:
    w = menus.window
    # our own actions, not QUndoStack.createUndoAction: its "Undo" prefix is fixed when made
    stack = w.doc.undo_stack
    menus.undo.setShortcut(QKeySequence.StandardKey.Undo)
    menus.undo.triggered.connect(stack.undo)
    menus.redo.triggered.connect(stack.redo)
    for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
        signal.connect(lambda *_: _undo_texts(menus))
    _undo_texts(menus)
    # the platform's Redo keys plus Ctrl+Shift+Z where they lack it; a key listed twice
    # makes Qt call the shortcut ambiguous and do nothing (xcb's Redo *is* Ctrl+Shift+Z)
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    if QKeySequence("Ctrl+Shift+Z") not in keys:
        keys.append(QKeySequence("Ctrl+Shift+Z"))
    menus.redo.setShortcuts(keys)
    e.addAction(menus.undo)
    e.addAction(menus.redo)
    menus.add_action(e, QT_TRANSLATE_NOOP("Menus", "Reset to ResNet-50"), w.reset_spec)


def build_language_menu(menus: WindowMenus, menu: QMenu) -> None:
    """One checkable entry per language, each named in its own language (never translated)."""
    group = QActionGroup(menu)
    group.setExclusive(True)
    for lang, name in LANGUAGE_NAMES.items():
        act = QAction(name, menu, checkable=True, checked=lang == current_language())
        act.setObjectName(f"language_{lang}")
        act.triggered.connect(lambda _=False, lang=lang: menus.window.set_language(lang))
        group.addAction(act)
        menu.addAction(act)
        menus.language_actions[lang] = act


def _undo_texts(menus: WindowMenus) -> None:
    with contextlib.suppress(RuntimeError):  # the stack's last signals while the window is destroyed
        _set_undo_texts(menus)


def _set_undo_texts(menus: WindowMenus) -> None:
    stack = menus.window.doc.undo_stack
    for act, can, what, plain, named in (
        (
            menus.undo,
            stack.canUndo(),
            stack.undoText(),
            QCoreApplication.translate("Menus", "Undo"),
            QCoreApplication.translate("Menus", "Undo {what}"),
        ),
        (
            menus.redo,
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

    menu = w.menus.cached
    menu.clear()
    name = matching_preset(w.doc.spec)
    files = cached_weights(name) if name else []
    for path in files:
        entry = by_file_name(path.name)
        act = menu.addAction(f"{entry.name} ({path.name})" if entry else path.name)
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
        menu.addAction(text).setEnabled(False)
