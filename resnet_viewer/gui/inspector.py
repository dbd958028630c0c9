"""The right panel: the selected block's shapes and costs, the plain-language
explanation, the PyTorch code that builds it, and the live module's repr."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from ..core import shortcuts
from ..core.coverage import block_coverage, fmt_coverage
from ..core.explain import explain, shortcut_caption
from ..core.ops import fmt_shape
from ..core.shapes import ShapeReport
from ..core.summary_text import human
from .code_view import CodeView
from .coverage_view import CnnTools
from .forward_view import ForwardView

if TYPE_CHECKING:
    from .view_state import ViewState


class InspectorPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.title.setFont(f)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(""))
        self.value_header = QTableWidgetItem()  # kept: retranslate_ui relabels it
        self.table.setHorizontalHeaderItem(1, self.value_header)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)  # values shown whole: long ones wrap, never elide
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_table())
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(
            self.explanation.textInteractionFlags() | self.explanation.textInteractionFlags().TextSelectableByMouse
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(mono.pointSizeF() * 0.9)  # more of each code line per row in a side panel
        self.code = CodeView(mono)  # the module `explain --code` prints, with Copy
        self.module = QPlainTextEdit(readOnly=True)
        self.module.setFont(mono)
        self.module.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.module_text: str | None = None
        self.forward = ForwardView(mono)  # _make_layer and forward, linked to the graph (gui/forward_ui.py)
        tabs = self.tabs = QTabWidget()
        for tab in (self.forward, self.code, self.module):
            tabs.addTab(tab, "")
        self.cnn_tools = CnnTools()  # sampling overlay, aliasing demo (gui/coverage_view.py)
        # the tools right under the title: below the table's eleven rows they fell out of a 720 px window's dock
        for w in (self.title, self.cnn_tools, self.table, self.explanation):
            lay.addWidget(w)
        lay.addWidget(tabs, 1)
        self.block: str | None = None
        self.report: ShapeReport | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.value_header.setText(self.tr("value"))
        for i, text in enumerate((self.tr("Python view"), self.tr("PyTorch code"), self.tr("Live module"))):
            self.tabs.setTabText(i, text)
        self.show_module(self.module_text)
        known = self.report is not None and self.block in {b.name for b in self.report.blocks}
        # the rows and the core's explanation, fetched again in the new language
        self._show_texts(self.report, self.block if known else None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def watch(self, state: ViewState) -> None:
        """Describe the selected block of the report on screen, with its live module."""
        self.state = state
        state.report_changed.connect(self._follow_block)
        state.selection_changed.connect(self._follow_block)
        state.selection_changed.connect(self._follow_module)
        state.result_changed.connect(self._follow_module)

    def _follow_block(self) -> None:
        self.show_block(self.state.report, self.state.selected)

    def _follow_module(self) -> None:
        res, name = self.state.result, self.state.selected
        self.show_module(res.module_reprs.get(name) if res is not None and name is not None else None)

    def show_block(self, report: ShapeReport, name: str | None) -> None:
        self.block, self.report = name, report
        self.cnn_tools.set_block(report, name)
        known = name if name is not None and name in {b.name for b in report.blocks} else None
        self.code.show_block(report, known)
        self.forward.show_block(report, known)
        self._show_texts(report, known)

    def _show_texts(self, report: ShapeReport | None, name: str | None) -> None:
        """Title, table and explanation: again on a language switch (the tabs relabel themselves)."""
        if report is None or name is None:
            self.title.setText(self.tr("Click a block in the graph"))
            self.table.setRowCount(0)
            self._fit_table()
            self.explanation.setText("")
            return
        b = report.block(name)
        p = b.plan
        variant = shortcuts.get(p.shortcut)
        status = {"ok": "", "error": self.tr("  ✗ cannot run"), "unknown": self.tr("  (after an error)")}[b.status]
        self.title.setText(f"{name}{status}")
        cover = block_coverage(report, name)
        main_shortcut = self.tr("main {main} · shortcut {shortcut}")
        rows = [
            (self.tr("input"), fmt_shape(b.in_shape)),
            (self.tr("main branch"), fmt_shape(b.main_shape)),
            (self.tr("shortcut"), f"{fmt_shape(b.shortcut_shape)} ({shortcut_caption(b)})"),
            (
                self.tr("output"),
                fmt_shape(b.out_shape)
                if b.out_shape
                else (self.tr("✗ the branches cannot be added (below)") if b.error else self.tr("unknown")),
            ),
            (self.tr("params"), main_shortcut.format(main=f"{b.main_params:,}", shortcut=f"{b.shortcut_params:,}")),
            (
                self.tr("mult-adds"),
                main_shortcut.format(main=human(b.main_mult_adds), shortcut=human(b.shortcut_mult_adds)),
            ),
            (self.tr("stride · dilation"), f"{p.stride} · {p.dilation}"),
            (
                self.tr("receptive field"),
                self.tr("{size} px · jump {jump}").format(size=b.receptive_field, jump=b.jump),
            ),
            (self.tr("main reads"), fmt_coverage(cover.main_coverage)),
            (self.tr("shortcut reads"), fmt_coverage(cover.shortcut_coverage)),
            (self.tr("shortcut params"), variant.param_formula if b.shortcut_ops else self.tr("0 (identity)")),
        ]
        self.table.setRowCount(len(rows))
        for i, (k, v) in enumerate(rows):
            key = QTableWidgetItem(k)
            if i in (8, 9):  # main reads, shortcut reads
                key.setToolTip(self.tr("share of the block's input pixels that can change this branch's output"))
            self.table.setItem(i, 0, key)
            self.table.setItem(i, 1, QTableWidgetItem(v))
        self.table.resizeColumnToContents(0)
        self._fit_table()
        self.explanation.setText(explain(report, name))

    def _fit_table(self) -> None:
        """Rows as tall as their wrapped text, the table as tall as its rows: no inner scrolling."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(i) for i in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_table()  # a new width re-wraps the values

    def show_module(self, text: str | None) -> None:
        self.module_text = text
        if text:
            self.module.setPlainText(text)
        elif self.block is None and self.report is None:
            self.module.setPlainText(self.tr("(the live module appears once PyTorch has built it)"))
        else:
            self.module.setPlainText(self.tr("(no live module for this block yet)"))
