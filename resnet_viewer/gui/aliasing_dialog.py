"""The aliasing demonstration, one click from a strided block's inspector: the
block alone, at its own input resolution, fed a period-2 checkerboard; what
each branch's strided layer reads and what each branch outputs, side by side
with their mean, RMS and spatial standard deviation.

The block is built from the spec and seed on a worker thread of its own
(torch is never touched on the GUI thread, and the live session's model,
owned by the engine thread, is left alone); a result for an older request is
dropped."""

from __future__ import annotations

import threading
import traceback
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..core.spec import ArchSpec

SIDE = 150  # px per picture
CROP = 16  # input positions shown per side (outputs: CROP / stride)


class AliasingRunner(QObject):
    done = Signal(int, object)  # generation, AliasingDemo
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.gen = 0

    def submit(self, spec: ArchSpec, block: str, seed: int, amplitude: float = 1.0) -> int:
        self.gen += 1
        gen = self.gen
        threading.Thread(target=self._work, args=(gen, spec, block, seed, amplitude), daemon=True).start()
        return gen

    def _work(self, gen: int, spec: ArchSpec, block: str, seed: int, amplitude: float) -> None:
        try:
            from ..live.aliasing import run_aliasing

            self.done.emit(gen, run_aliasing(spec, block, amplitude=amplitude, seed=seed))
        except Exception as e:  # shown in the dialog, one sentence
            self.failed.emit(gen, f"{e}\n{traceback.format_exc(limit=1)}" if not str(e) else str(e))


def diverging_pixmap(a: np.ndarray, bound: float, side: int = SIDE) -> QPixmap:
    """H×W values → blue (−bound) / white (0) / red (+bound), nearest-neighbour scaled."""
    t = np.clip(a / (bound or 1.0), -1.0, 1.0)
    pos, neg = np.clip(t, 0, 1), np.clip(-t, 0, 1)
    r = 255 * (1 - neg * 0.8)
    g = 255 * (1 - np.maximum(pos, neg) * 0.8)
    b = 255 * (1 - pos * 0.8)
    rgb = np.ascontiguousarray(np.stack([r, g, b], axis=-1).astype(np.uint8))
    img = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(img).scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


def _strongest(c_hw: np.ndarray) -> tuple[int, np.ndarray]:
    """The channel with the most signal (a false uniform signal shows as a flat colour)."""
    ch = int(np.argmax((c_hw.astype(np.float64) ** 2).mean(axis=(1, 2))))
    return ch, c_hw[ch]


class AliasingDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = AliasingRunner()
        self.runner.done.connect(self.on_done)
        self.runner.failed.connect(self.on_failed)
        self.latest = 0
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.grid = QGridLayout()
        lay.addLayout(self.grid)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.cells: list[QWidget] = []
        self.shown: tuple[str, Any] | None = None  # ("running", block) | ("failed", message) | ("done", demo)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Aliasing: a period-2 checkerboard through one block"))
        if self.shown is not None:
            self._show(*self.shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def branch_name(self, branch: str) -> str:
        return {"main": self.tr("main branch"), "shortcut": self.tr("shortcut")}.get(branch, branch)

    def run(self, spec: ArchSpec, block: str, seed: int) -> None:
        self._show("running", block)
        self.latest = self.runner.submit(spec, block, seed)

    def on_failed(self, gen: int, message: str) -> None:
        if gen == self.latest:
            self._show("failed", message)

    def _show(self, what: str, value: Any) -> None:
        self.shown = (what, value)
        if what == "running":
            self.heading.setText(self.tr("{block}: running the block on a checkerboard…").format(block=value))
        elif what == "failed":
            self.heading.setText(f"✗ {value}")
        else:
            self._show_demo(value)

    def _picture(self, col: int, title: str, a: np.ndarray, bound: float, numbers: str) -> None:
        t = QLabel(f"<b>{title}</b>")
        t.setWordWrap(True)
        t.setMaximumWidth(SIDE + 30)
        pic = QLabel()
        pic.setPixmap(diverging_pixmap(a, bound))
        pic.setFixedSize(pic.pixmap().size())  # a picture is never squeezed: the dialog grows instead
        n = QLabel(numbers)
        n.setWordWrap(True)
        n.setMaximumWidth(SIDE + 30)
        for row, w in enumerate((t, pic, n)):
            self.grid.addWidget(w, row, col, Qt.AlignmentFlag.AlignTop)
            self.cells.append(w)

    def on_done(self, gen: int, demo: Any) -> None:
        if gen != self.latest:
            return  # an older request finished late
        self._show("done", demo)

    def _show_demo(self, demo: Any) -> None:
        for w in self.cells:
            w.deleteLater()
        self.cells = []
        stride = max(1, demo.pattern.shape[0] // demo.output.shape[1])
        crop_in, crop_out = CROP, max(1, CROP // stride)
        self.heading.setText(
            self.tr(
                "<b>{block}</b> alone at its input size {h}×{w}, shortcut <b>{shortcut}</b>; input: checkerboard "
                "of period {period}, amplitude {amplitude}. Pictures: top-left {crop}×{crop} input positions "
                "(red +, blue −, white 0); statistics over the whole map."
            ).format(
                block=demo.block,
                h=demo.pattern.shape[0],
                w=demo.pattern.shape[1],
                shortcut=demo.shortcut,
                period=demo.period,
                amplitude=f"{demo.amplitude:g}",
                crop=crop_in,
            )
        )
        a = demo.amplitude
        self._picture(
            0,
            self.tr("input (every channel)"),
            demo.pattern[:crop_in, :crop_in],
            a,
            self.tr("mean 0 · the finest pattern"),
        )
        col = 1
        for v in (demo.shortcut_view, demo.main):
            if v.reads is not None:
                self._picture(
                    col,
                    self.tr("{branch}: what {layer} reads").format(
                        branch=self.branch_name(v.branch), layer=v.strided_layer
                    ),
                    v.reads[0][:crop_out, :crop_out],
                    a,
                    self.tr("mean {mean} · spatial std {std}").format(
                        mean=f"{v.reads_mean:.3g}", std=f"{v.reads_std:.3g}"
                    ),
                )
                col += 1
            ch, picture = _strongest(v.output)
            bound = float(np.abs(v.output).max()) or 1.0
            self._picture(
                col,
                self.tr("{branch} output (channel {channel})").format(branch=self.branch_name(v.branch), channel=ch),
                picture[:crop_out, :crop_out],
                bound,
                self.tr("mean {mean} · rms {rms} · spatial std {std}").format(
                    mean=f"{v.mean:.3g}", rms=f"{v.rms:.3g}", std=f"{v.spatial_std:.3g}"
                ),
            )
            col += 1
        s = demo.shortcut_view
        if s.reads is not None and s.reads_std is not None and s.reads_std < 1e-6 and abs(s.reads_mean or 0) > 1e-6:
            verdict = self.tr(
                "The shortcut's strided layer sees a uniform, non-zero signal that is not in the image: aliasing."
            )
        elif s.reads is not None and np.all(s.reads == 0):
            verdict = self.tr("Pooling before the 1×1 averages the pattern away: the shortcut passes exactly zero.")
        else:
            verdict = self.tr("The shortcut reads windows, so the pattern is filtered rather than sampled.")
        self.note.setText(
            self.tr("{verdict} (Weights: the seed's initialisation, BatchNorm in eval mode.)").format(verdict=verdict)
        )
        # the pictures arrive after the dialog is shown: once laid out, grow to hold them
        QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        layout = self.layout()
        need = layout.totalHeightForWidth(self.width()) if layout is not None else 0
        if need > self.height():
            self.resize(self.width(), need)
