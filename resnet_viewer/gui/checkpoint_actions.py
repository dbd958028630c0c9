"""File → Open checkpoint… and checkpoint files dropped on the window.

The file is read and understood off the GUI thread (reading needs torch and
a resnet50 file is 100 MB); the window then replaces its network with the one
in the file as ONE undoable edit, queues the weights for the live engine, and
shows what the file could not settle (the notes) in a non-modal box.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from ..core.spec import ArchSpec
    from .main_window import MainWindow

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".gif")
PATTERNS = "*.pth *.pt *.th *.tar *.ckpt *.bin *.safetensors"


class CheckpointActions(QObject):
    opened = Signal(str, object, object)  # path, ArchSpec, notes (emitted from the reader thread, queued)
    failed = Signal(str, str)  # path, one-sentence message
    applied = Signal(str)  # path: the spec is on screen and the weights are queued

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pending = 0  # newest request number; an older file that finishes later is dropped
        self.last_notes: list[str] = []
        self.box: QMessageBox | None = None
        self.opened.connect(self._apply)
        self.failed.connect(lambda path, message: self.window.show_error(message))

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open checkpoint (the network comes from the file)"),
            "",
            self.tr("Checkpoints ({patterns});;All files (*)").format(patterns=PATTERNS),
        )
        if path:
            self.open(path)

    def open(self, path: str) -> None:
        self.pending += 1
        number = self.pending
        self.window.status.message.setText(self.tr("reading {name}…").format(name=Path(path).name))
        threading.Thread(target=self._read, args=(path, number), name="resnet-viewer-checkpoint", daemon=True).start()

    def _read(self, path: str, number: int) -> None:
        try:
            from ..live.checkpoint import open_checkpoint

            ck = open_checkpoint(path)
        except (ValueError, OSError) as e:  # one sentence naming the file: for the user
            if number == self.pending:
                self.failed.emit(path, str(e))
            return
        if number == self.pending:
            self.opened.emit(path, ck.spec, ck.notes)

    def _apply(self, path: str, spec: ArchSpec, notes: list[str]) -> None:
        w = self.window
        w.doc.edit(spec, self.tr("open checkpoint {name}").format(name=Path(path).name))
        w.load_weights_file(path, strict=True)
        self.show_notes(path, notes)
        self.applied.emit(path)

    def show_notes(self, path: str, notes: list[str]) -> None:
        self.last_notes = list(notes)
        self.window.status.message.setText(
            self.tr("opened {name}: the network comes from the file").format(name=Path(path).name)
        )
        if not notes:
            return
        text = "\n".join(f"• {n}" for n in notes)
        self.box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Opened checkpoint"),
            self.tr("{name}: what the file does not say").format(name=Path(path).name),
            parent=self.window,
        )
        self.box.setInformativeText(text)
        self.box.open()  # non-modal: the window keeps working

    def take_dropped(self, paths: list[str]) -> list[str]:
        """Open the first dropped file that is not an image as a checkpoint; returns the images."""
        images = [p for p in paths if Path(p).suffix.lower() in IMAGE_SUFFIXES]
        others = [p for p in paths if p not in images]
        if others:
            self.open(others[0])
        return images
