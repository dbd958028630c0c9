"""The inspector's code tab: the module `explain --code` prints for the
selected block, with a Copy button — what is read is what runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..core.block_code import CodeError, block_module
from ..core.shapes import ShapeReport

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QScrollBar


class CodeView(QWidget):
    def __init__(self, font: QFont | None = None) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)  # it may wrap: unwrapped, it widened the inspector past its dock
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.copy_button)
        if font is None:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            font.setStyleHint(QFont.StyleHint.Monospace)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setFont(font)
        # long lines wrap on screen to fit a side panel; Copy takes the text as printed
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setMinimumHeight(180)
        lay.addLayout(bar)
        lay.addWidget(self.text, 1)
        self.copy_button.setEnabled(False)
        # a child timer dies with the widget, so a closed panel is never touched
        self._reset_label = QTimer(self, singleShot=True, interval=1500)
        self._reset_label.timeout.connect(lambda: self.copy_button.setText(self.tr("Copy")))
        self.shown: tuple[ShapeReport, str] | None = None  # printed last: printed again in a new language
        self._pending: tuple[ShapeReport, str | None] | None = None  # asked for, not yet printed (_flush)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.note.setText(self.tr("A complete module: paste it and call make_block()."))
        copied = self._reset_label.isActive()
        self.copy_button.setText(self.tr("Copied") if copied else self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the whole module to the clipboard"))
        if self.shown is not None and self._pending is None:
            self.show_block(*self.shown)  # the core's error sentence, if that is what shows

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_block(self, report: ShapeReport, name: str | None) -> None:
        """Printed when the tab is seen (or its text asked for), not on every edit behind another tab."""
        self._pending = (report, name)
        if self.isVisible():
            self._flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        report, name = pending
        if name is None:
            self.setPlainText("")
            self.shown = None
            return
        try:
            self.setPlainText(block_module(report, name))
            self.shown = (report, name)
        except CodeError as e:  # after a block that cannot run: nothing runnable to show
            self.text.setPlainText(f"# {e}.")
            self.copy_button.setEnabled(False)
            self.shown = (report, name)

    def setPlainText(self, text: str) -> None:  # the QPlainTextEdit names callers know
        self._pending = None  # what is set now wins over a block not yet printed
        self.text.setPlainText(text)
        self.copy_button.setEnabled(bool(text))

    def horizontalScrollBar(self) -> QScrollBar:
        self._flush()
        return self.text.horizontalScrollBar()

    def toPlainText(self) -> str:
        self._flush()
        return self.text.toPlainText()

    def copy(self) -> None:
        self._flush()
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(self.tr("Copied"))
        self._reset_label.start()
