"""The main window's menus and status bar, built onto the window. New entries
go here (one `add_action` line each); their slots stay on the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar

from ..core import graph as graphs

if TYPE_CHECKING:
    from .main_window import MainWindow


def add_action(w: MainWindow, menu: QMenu, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
    act = QAction(text, w)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def build_status_bar(w: MainWindow) -> None:
    sb = w.statusBar()
    w.status_message = QLabel("")
    w.status_device = QLabel("CPU")
    w.status_shapes = QLabel("")
    w.status_forward = QLabel("")
    w.status_memory = QLabel("")
    w.status_weights = QLabel("untrained (random init)")
    w.busy = QProgressBar()
    w.busy.setRange(0, 0)
    w.busy.setMaximumWidth(90)
    w.busy.setVisible(False)
    sb.addWidget(w.status_message, 1)
    for x in (w.busy, w.status_weights, w.status_device, w.status_shapes, w.status_forward, w.status_memory):
        sb.addPermanentWidget(x)


def build_menus(w: MainWindow) -> None:
    m = w.menuBar()
    f = m.addMenu("&File")
    w.file_menu = f
    add_action(w, f, "Open image…", w.choose_image, QKeySequence.StandardKey.Open)
    add_action(w, f, "Open checkpoint…", w.checkpoints.choose)
    add_action(w, f, "Load weights…", lambda: w.choose_weights(True))
    add_action(w, f, "Pretrained weights…", w.pretrained_dialog)
    w.cached_menu = f.addMenu("Cached pretrained weights")
    w.cached_menu.aboutToShow.connect(w.fill_cached_weights)
    f.addSeparator()
    add_action(w, f, "Open spec…", w.open_spec)
    add_action(w, f, "Save spec…", w.save_spec, QKeySequence.StandardKey.Save)
    reopen = add_action(w, f, "Reopen last network", lambda: w.open_spec_text(w.crashed_spec or ""))
    reopen.setEnabled(w.crashed_spec is not None)  # only after a run that did not end (e.g. out of memory)
    w.recent_menu = f.addMenu("Recent files")
    w._fill_recent()
    f.addSeparator()
    add_action(w, f, "Export…", w.export_dialog, "Ctrl+E")
    f.addSeparator()
    add_action(w, f, "Quit", w.close, QKeySequence.StandardKey.Quit)
    e = m.addMenu("&Edit")
    undo = w.doc.undo_stack.createUndoAction(w, "Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.doc.undo_stack.createRedoAction(w, "Redo")
    # the platform's Redo keys plus Ctrl+Shift+Z where they lack it; a key listed twice
    # makes Qt call the shortcut ambiguous and do nothing (xcb's Redo *is* Ctrl+Shift+Z)
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    if QKeySequence("Ctrl+Shift+Z") not in keys:
        keys.append(QKeySequence("Ctrl+Shift+Z"))
    redo.setShortcuts(keys)
    e.addAction(undo)
    e.addAction(redo)
    add_action(w, e, "Reset to ResNet-50", w.reset_spec)
    v = m.addMenu("&View")
    for lv in graphs.LEVELS:
        add_action(w, v, f"{lv.capitalize()} level", lambda _=False, lv=lv: w.set_level(lv))
    v.addSeparator()
    add_action(w, v, "Fit", w.view.fit, "F")
    add_action(w, v, "Zoom in", lambda: w.view.zoom(1.25), QKeySequence.StandardKey.ZoomIn)
    add_action(w, v, "Zoom out", lambda: w.view.zoom(0.8), QKeySequence.StandardKey.ZoomOut)
    w.horizontal = add_action(w, v, "Horizontal flow", lambda: w.redraw())
    w.horizontal.setCheckable(True)


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
        what = f"no {name}-*.pth" if name else "custom spec: no torchvision file"
        w.cached_menu.addAction(f"({what} in {torch_hub_dir()})").setEnabled(False)
