"""The right panel: the selected block's shapes and costs, the plain-language
explanation, the PyTorch code that builds it, and the live module's repr."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from ..core import shortcuts
from ..core.explain import explain
from ..core.ops import fmt_shape
from ..core.shapes import ShapeReport
from ..core.summary_text import human
from .code_view import CodeView


class InspectorPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel("Click a block in the graph")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.title.setFont(f)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["", "value"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(300)
        self.table.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(
            self.explanation.textInteractionFlags() | self.explanation.textInteractionFlags().TextSelectableByMouse
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code = CodeView()  # the module `explain --code` prints, with Copy
        self.module = QPlainTextEdit(readOnly=True)
        self.module.setFont(mono)
        self.module.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.module.setPlainText("(the live module appears once PyTorch has built it)")
        tabs = QTabWidget()
        tabs.addTab(self.code, "PyTorch code")
        tabs.addTab(self.module, "Live module")
        for w in (self.title, self.table, self.explanation):
            lay.addWidget(w)
        lay.addWidget(tabs, 1)
        self.block: str | None = None

    def show_block(self, report: ShapeReport, name: str | None) -> None:
        self.block = name
        if name is None or name not in {b.name for b in report.blocks}:
            self.title.setText("Click a block in the graph")
            self.table.setRowCount(0)
            self.explanation.setText("")
            self.code.show_block(report, None)
            return
        b = report.block(name)
        p = b.plan
        variant = shortcuts.get(p.shortcut)
        status = {"ok": "", "error": "  ✗ cannot run", "unknown": "  (after an error)"}[b.status]
        self.title.setText(f"{name}{status}")
        rows = [
            ("input", fmt_shape(b.in_shape)),
            ("main branch", fmt_shape(b.main_shape)),
            ("shortcut", f"{fmt_shape(b.shortcut_shape)}  ({p.shortcut})"),
            (
                "output",
                fmt_shape(b.out_shape)
                if b.out_shape
                else ("✗ the branches cannot be added (below)" if b.error else "unknown"),
            ),
            ("params (main / shortcut)", f"{b.main_params:,} / {b.shortcut_params:,}"),
            ("mult-adds (main / shortcut)", f"{human(b.main_mult_adds)} / {human(b.shortcut_mult_adds)}"),
            ("stride · dilation", f"{p.stride} · {p.dilation}"),
            ("receptive field · jump", f"{b.receptive_field} px · {b.jump}"),
            ("shortcut params formula", variant.param_formula),
        ]
        self.table.setRowCount(len(rows))
        for i, (k, v) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(k))
            self.table.setItem(i, 1, QTableWidgetItem(v))
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()
        self.explanation.setText(explain(report, name))
        self.code.show_block(report, name)

    def show_module(self, text: str | None) -> None:
        self.module.setPlainText(text or "(no live module for this block yet)")
