"""torchinfo's summary of the live model, as a table (computed on the worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..live.jobs import LiveResult
    from .view_state import ViewState


class SummaryTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        self.note = QLabel("torchinfo.summary of the live model appears here when this tab is open")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["layer", "output shape", "params", "mult-adds"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        self.rows: list[tuple[str, str, str, str]] = []

    def watch(self, state: ViewState) -> None:
        state.result_changed.connect(self._follow_result)

    def _follow_result(self, res: LiveResult) -> None:
        if res.summary_rows is not None:  # asked for only while this tab is open: otherwise the old table stays
            self.show_rows(res.summary_rows)

    def show_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.rows = rows
        self.note.setText(
            "torchinfo.summary of the live model"
            if rows
            else "the network cannot run: no summary (see the error in the graph)"
        )
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
