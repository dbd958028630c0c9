"""What the window is showing, beside the spec (gui/document.py): the selected
block, the ShapeReport of the spec on screen, and the live result whose trace is
on screen. (The language is not here: a switch reaches every widget as Qt's
LanguageChange event, gui/language.py.) Panels subscribe to its signals (each panel's
`watch(state)`) instead of the window pushing into each one, so a new panel is
its own file plus one `panel.watch(window.state)` line.

The window decides what reaches it: a result of an older generation (a stale
trace) is dropped before `set_result`, so every subscriber only ever sees the
newest trace."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.choices import BlockName
from ..core.shapes import ShapeReport
from ..live.jobs import LiveResult


class ViewState(QObject):
    report_changed = Signal(object)  # ShapeReport: the spec on screen was edited
    selection_changed = Signal(object)  # str | None: the block the panels describe
    result_changed = Signal(object)  # LiveResult: a newer trace (and its module reprs, summary) is on screen

    def __init__(self, report: ShapeReport) -> None:
        super().__init__()
        self.report = report
        self.selected: str | None = None
        self.result: LiveResult | None = None

    def set_report(self, report: ShapeReport) -> None:
        """A new report; a selected block the edit removed is unselected first, so
        no panel describes a block that is gone (its pictures and numbers go now,
        not at the next trace)."""
        self.report = report
        gone = self.selected is not None and self.selected not in {b.name for b in report.blocks}
        if gone:
            self.selected = None
        self.report_changed.emit(report)
        if gone:
            self.selection_changed.emit(None)

    def select(self, name: str | None) -> None:
        """Select a block (None: nothing). Stages and the stem are not blocks: ignored."""
        if name is not None and not BlockName.is_block(name):
            return
        self.selected = name
        self.selection_changed.emit(name)

    def set_result(self, result: LiveResult) -> None:
        self.result = result
        self.result_changed.emit(result)
