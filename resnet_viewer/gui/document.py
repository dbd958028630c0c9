"""The open document: the current ArchSpec behind a QUndoStack. Every control
edits the spec through `edit()`, so every edit is one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.spec import ArchSpec

UNDO_LIMIT = 500


class SpecEdit(QUndoCommand):
    def __init__(self, doc: Document, old: ArchSpec, new: ArchSpec, text: str) -> None:
        super().__init__(text)
        self.doc, self.old, self.new = doc, old, new

    def redo(self) -> None:
        self.doc._set(self.new)

    def undo(self) -> None:
        self.doc._set(self.old)


class Document(QObject):
    spec_changed = Signal(object)  # ArchSpec

    def __init__(self, spec: ArchSpec) -> None:
        super().__init__()
        self.spec = spec
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)  # a long session's memory stays flat

    def edit(self, new: ArchSpec, text: str) -> None:
        if new != self.spec:
            self.undo_stack.push(SpecEdit(self, self.spec, new, text))

    def _set(self, spec: ArchSpec) -> None:
        self.spec = spec
        self.spec_changed.emit(spec)
