"""The inspector's Python view: for the selected block, `_make_layer`'s
decision (where `self.downsample` comes from) and the lines of `forward`, each
with the shape after it, as `explain` prints them (core/python_view). Hover or
click a line, or step with ◀ ▶: `line_hovered` / `line_chosen` say which, and
`links` says what each line produces in the graph (core/forward_links)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import graph as graphs
from ..core.block_code import class_name
from ..core.forward_links import LineLink, Target, forward_links, line_of
from ..core.graph import Graph
from ..core.python_view import make_layer_lines
from ..core.shapes import ShapeReport


class _Lines(QListWidget):
    left = Signal()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.left.emit()


class ForwardView(QWidget):
    line_hovered = Signal(int)  # a row of `links`; -1: the mouse left the lines
    line_chosen = Signal(int)  # the current row changed (click, step, a click in the graph); -1: none

    def __init__(self, font: QFont | None = None) -> None:
        super().__init__()
        if font is None:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.make_title = QLabel()
        self.make_layer = QPlainTextEdit(readOnly=True)
        self.make_layer.setFont(font)
        self.make_layer.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.make_layer.setMaximumHeight(150)
        bar = QHBoxLayout()
        self.forward_title = QLabel()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(34)
        self.position = QLabel()
        self.forward_title.setWordWrap(True)  # a narrow panel wraps the title instead of widening itself
        self.make_title.setWordWrap(True)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.position, 1)
        self.lines = _Lines()
        self.lines.setFont(font)
        self.lines.setWordWrap(True)
        self.lines.setMouseTracking(True)
        self.lines.setMinimumHeight(180)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666")
        for w in (self.make_title, self.make_layer, self.forward_title):
            lay.addWidget(w)
        lay.addLayout(bar)
        lay.addWidget(self.lines, 1)
        lay.addWidget(self.hint)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.lines.currentRowChanged.connect(self._row_changed)
        self.lines.itemEntered.connect(lambda item: self.line_hovered.emit(self.lines.row(item)))
        self.lines.left.connect(lambda: self.line_hovered.emit(-1))
        # the graph the lines link into; the window gives the one on screen
        self.graph_of: Callable[[ShapeReport], Graph] = lambda report: graphs.build(report, "block")
        self.report: ShapeReport | None = None
        self.block: str | None = None
        self.links: list[LineLink] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.make_title.setText(self.tr("ResNet._make_layer: where self.downsample comes from"))
        self.prev_button.setToolTip(self.tr("previous line of forward (Alt+← or [)"))
        self.next_button.setToolTip(self.tr("next line of forward (Alt+→ or ])"))
        self.hint.setText(
            self.tr("hover or click a line to find it in the graph · ◀ ▶ or Alt+←/→ step through forward")
        )
        self._set_forward_title()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_forward_title(self) -> None:
        if self.report is None or self.block is None:
            self.forward_title.setText("forward")
        else:
            self.forward_title.setText(
                self.tr("<b>{cls}.forward</b> (N×C×H×W after each line)").format(cls=class_name(self.report.spec))
            )

    # ---- content ----------------------------------------------------------------
    def show_block(self, report: ShapeReport, name: str | None) -> None:
        """Show block `name`; the current line stays when the block stays (an edit elsewhere)."""
        same = name == self.block
        row = self.lines.currentRow() if same else -1
        self.report, self.block = report, name
        if name is None or name not in {b.name for b in report.blocks}:
            self.block, self.links = None, []
            self.make_layer.setPlainText("")
            self._set_forward_title()
            self._fill(-1)
            return
        self.make_layer.setPlainText("\n".join(make_layer_lines(report.spec, report.block(name))))
        self._set_forward_title()
        self.links = forward_links(report, self.graph_of(report), name)
        row = row if row < len(self.links) else -1
        # an edit elsewhere keeps the current line: re-highlight it, but do not show the step
        # again now (the trace is the old one until the new one arrives, which shows it)
        self._fill(row, chosen=not (same and row >= 0))

    def refresh_links(self) -> None:
        """The graph was redrawn (another level, a stage opened): re-resolve the items
        and re-highlight the current line; its tensors have not changed."""
        if self.report is not None and self.block is not None:
            self.links = forward_links(self.report, self.graph_of(self.report), self.block)
            self.line_hovered.emit(-1)  # -1: the current line, highlighted only

    def _fill(self, row: int, chosen: bool = True) -> None:
        self.lines.blockSignals(True)
        self.lines.clear()
        for link in self.links:
            shape = "" if link.shape is None else "×".join(map(str, link.shape))
            item = QListWidgetItem(f"{shape:<15} {link.line}")
            item.setToolTip(link.line)
            self.lines.addItem(item)
        self.lines.setCurrentRow(row)
        self.lines.blockSignals(False)
        if chosen:
            self._row_changed(row)
        else:
            self._update_buttons()
            self.line_hovered.emit(-1)

    # ---- the current line ----------------------------------------------------------
    def current(self) -> int:
        return self.lines.currentRow()

    def set_current(self, row: int) -> None:
        if row == self.lines.currentRow():
            self._row_changed(row)  # chosen again (a second click): show it again
        else:
            self.lines.setCurrentRow(row)

    def step(self, delta: int) -> None:
        """◀ ▶: from no line, ▶ starts at the first and ◀ at the last."""
        if not self.links:
            return
        row, last = self.lines.currentRow(), len(self.links) - 1
        start = 0 if delta > 0 else last
        self.set_current(start if row < 0 else max(0, min(last, row + delta)))

    def choose_target(self, target: Target) -> int | None:
        """A box or wire clicked in the graph: make its line current; None if no line makes it."""
        row = line_of(self.links, target)
        if row is not None:
            self.set_current(row)
        return row

    def _row_changed(self, row: int) -> None:
        self._update_buttons()
        if row >= 0:  # wrapped rows have uneven heights: make sure the current one is in view
            self.lines.scrollToItem(self.lines.item(row), QListWidget.ScrollHint.EnsureVisible)
            self._show_in_panel(row)
        self.line_chosen.emit(row)

    def _show_in_panel(self, row: int) -> None:
        """The inspector scrolls as a whole in a short window: bring the row into its view too."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        inner = None if parent is None else parent.widget()
        if parent is None or inner is None:
            return
        rect = self.lines.visualItemRect(self.lines.item(row))
        top = self.lines.viewport().mapTo(inner, rect.topLeft())
        parent.ensureVisible(0, top.y() + rect.height() // 2, 0, rect.height() // 2 + 4)

    def _update_buttons(self) -> None:
        row, n = self.lines.currentRow(), len(self.links)
        self.prev_button.setEnabled(n > 0 and row != 0)
        self.next_button.setEnabled(n > 0 and row != n - 1)
        if row >= 0:
            self.position.setText(self.tr("line {number} of {count}").format(number=row + 1, count=n))
        else:
            self.position.setText(self.tr("{count} lines").format(count=n) if n else "")
