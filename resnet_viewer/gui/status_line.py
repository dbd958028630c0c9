"""The main window's status bar: one message on the left (errors, confirmations,
the prediction), the run's facts on the right (busy, weights, device, timings,
memory). A label for one more fact is one line in `__init__`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ..live.pretrained import prediction_text
from .run_guard import memory_label

if TYPE_CHECKING:
    from ..live.jobs import LiveResult
    from .run_guard import RunGuard


class StatusLine:
    def __init__(self, bar: QStatusBar) -> None:
        self.message = QLabel("")
        self.device = QLabel("CPU")
        self.shapes = QLabel("")
        self.forward = QLabel("")
        self.memory = QLabel("")
        self.weights = QLabel("")
        self.busy = QProgressBar()  # an endless bar while the engine thread works
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setVisible(False)
        bar.addWidget(self.message, 1)
        for label in (self.busy, self.weights, self.device, self.shapes, self.forward, self.memory):
            bar.addPermanentWidget(label)
        self.retranslate_ui(None)

    def retranslate_ui(self, result: LiveResult | None) -> None:
        if result is None or result.weights is None:  # after a run, the run's own words (live)
            self.weights.setText(QCoreApplication.translate("Menus", "untrained (random init)"))

    def show_run(self, res: LiveResult, guard: RunGuard, show_prediction: bool) -> None:
        """The facts of an accepted run; the prediction only when no error is on screen."""
        trace = res.trace
        self.device.setText(res.device.upper())
        self.forward.setText(
            QCoreApplication.translate("MainWindow", "forward {ms} ms").format(ms=f"{res.timings_ms['forward']:.0f}")
        )
        self.memory.setText(memory_label(guard.accepted, trace.captured_bytes))
        if res.weights is not None:
            self.weights.setText(res.weights.short)
            self.weights.setToolTip("\n".join(res.weights.to_dict()["notes"]))
        if show_prediction and trace.error is None:
            top = trace.top5()[:1]
            prediction = prediction_text(res.source.label, top, res.spec.num_classes, res.weights)
            self.message.setText(" · ".join([*res.messages, prediction]))
