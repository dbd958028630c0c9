"""torchinfo's summary of the live model, as a table (computed on the worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..live.jobs import LiveResult
    from .view_state import ViewState


class SummaryTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        self.note = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        self.rows: list[tuple[str, str, str, str]] | None = None  # None: no summary asked for yet
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("layer"), self.tr("output shape"), self.tr("params"), self.tr("mult-adds")]
        )
        if self.rows is None:
            self.note.setText(self.tr("torchinfo.summary of the live model appears here when this tab is open"))
        elif self.rows:
            self.note.setText(self.tr("torchinfo.summary of the live model"))
        else:
            self.note.setText(self.tr("the network cannot run: no summary (see the error in the graph)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def watch(self, state: ViewState) -> None:
        state.result_changed.connect(self._follow_result)

    def _follow_result(self, res: LiveResult) -> None:
        if res.summary_rows is not None:  # asked for only while this tab is open: otherwise the old table stays
            self.show_rows(res.summary_rows)

    def show_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.rows = rows
        self.retranslate_ui()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
