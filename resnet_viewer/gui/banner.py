"""A message strip above the graph, where the eye is: errors stay until
dismissed (or replaced), confirmations fade after a few seconds. The status
bar keeps its copy; this is the copy people actually see."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

STYLES = {
    "error": "background:#fdecea; border:1px solid #e0a0a0; color:#7a1c1c;",
    "info": "background:#e8f4ea; border:1px solid #a5d0ad; color:#1d4d27;",
}


class Banner(QFrame):
    """`show_error(text)` until dismissed; `show_info(text, ms)` for `ms` milliseconds."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)  # the full text, never elided
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        lay.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_error(self, text: str) -> None:
        self._show("error", "✗", text)

    def show_info(self, text: str, ms: int = 4000) -> None:
        if self.kind == "error" and self.isVisible():
            return  # a confirmation never hides an error the user has not dismissed
        self._show("info", "✓", text)
        self._timer.start(ms)

    def dismiss(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show(self, kind: str, icon: str, text: str) -> None:
        self._timer.stop()
        self.kind = kind
        self.setStyleSheet(f"#banner {{{STYLES[kind]} border-radius:4px;}} QLabel {{border:none; color:inherit;}}")
        self.icon.setText(icon)
        self.label.setText(text)
        self.show()
