"""The bottom panel: for the selected block, its input, main branch, shortcut,
sum and output side by side (channel mosaics or one channel), a shared colour
map with explicit levels, a histogram and the trace's statistics."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..live.stats_format import stats_cells
from .mosaic import MODES, mosaic, pick_channels, shared_histogram, zero_channels

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
BRANCHES = ("in", "main", "shortcut", "sum", "out")
TITLES = {
    "in": "input",
    "main": "main branch",
    "shortcut": "shortcut",
    "sum": "main + shortcut",
    "out": "output (ReLU)",
}
COLOURS = {"in": "#888888", "main": "#1565c0", "shortcut": "#d9730d", "sum": "#7b1fa2", "out": "#2e7d32"}
CMAPS = {"diverging (0 = white)": "CET-D1", "viridis": "viridis", "grey": None}
HIST_SAMPLES = 65_536  # histogram from a strided sample: exact enough, and fast


class ActivationsPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.mode = QComboBox()
        self.mode.addItems(MODES)
        self.count = QSpinBox()
        self.count.setRange(1, 64)
        self.count.setValue(16)
        self.single = QCheckBox("one channel:")
        self.channel = QSpinBox()
        self.channel.setRange(0, 0)
        self.cmap = QComboBox()
        self.cmap.addItems(list(CMAPS))
        self.levels = QComboBox()
        self.levels.addItems(["shared ±max", "each map min…max"])
        self.levels_label = QLabel()
        for w in (
            QLabel("channels"),
            self.mode,
            QLabel("N"),
            self.count,
            self.single,
            self.channel,
            QLabel("colours"),
            self.cmap,
            self.levels,
            self.levels_label,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.images = pg.GraphicsLayoutWidget()
        self.views: dict[str, pg.ViewBox] = {}
        self.items: dict[str, pg.ImageItem] = {}
        self.markers: dict[str, list[pg.TextItem]] = {b: [] for b in BRANCHES}
        for col, b in enumerate(BRANCHES):
            self.images.addLabel(TITLES[b], row=0, col=col)
            vb = self.images.addViewBox(row=1, col=col, lockAspect=True, invertY=True, enableMenu=False)
            img = pg.ImageItem()
            vb.addItem(img)
            self.views[b], self.items[b] = vb, img
        self.captions = {b: self.images.addLabel("", row=2, col=col, size="8pt") for col, b in enumerate(BRANCHES)}
        self.colorbar = pg.ColorBarItem(values=(-1, 1), interactive=False, width=12)
        self.images.addItem(self.colorbar, row=1, col=len(BRANCHES))
        split.addWidget(self.images)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.hist = pg.PlotWidget()
        self.hist.setLabel("bottom", "value")
        self.hist.setLabel("left", "count (sampled)")
        self.hist.addLegend(offset=(-5, 5))
        self.curves = {
            b: self.hist.plot([0, 1], [0], stepMode="center", pen=pg.mkPen(COLOURS[b], width=1.5), name=b)
            for b in BRANCHES
        }
        self.stats = QTableWidget(len(BRANCHES), 7)
        self.stats.setHorizontalHeaderLabels(["shape", "mean", "std", "min", "max", "zeros", "‖·‖"])
        self.stats.setVerticalHeaderLabels(list(BRANCHES))
        self.ratio = QLabel()
        rl.addWidget(self.hist, 1)
        rl.addWidget(self.stats, 1)
        rl.addWidget(self.ratio)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)

        self.block = None  # live.trace.BlockTrace
        self.last_refresh_ms = 0.0
        self._shapes: dict[str, tuple[int, ...]] = {}
        for w in (self.mode, self.cmap, self.levels):
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        for w in (self.count, self.channel):
            w.valueChanged.connect(lambda _v: self.refresh())
        self.single.toggled.connect(lambda _on: self.refresh())
        self.show_message("activations appear when the live model has run")

    def show_message(self, text: str) -> None:
        for b in BRANCHES:
            self.items[b].clear()
            self.captions[b].setText("")
        self.captions["main"].setText(text)
        self.block = None

    def show_block(self, block) -> None:  # type: ignore[no-untyped-def]
        self.block = block
        self.refresh()

    def arrays(self) -> dict[str, np.ndarray]:
        """The captured tensors of the shown block as numpy (shared memory, no copy)."""
        if self.block is None:
            return {}
        return {b: self.block.tensors[b].numpy() for b in BRANCHES if b in self.block.tensors}

    def refresh(self) -> None:
        t0 = time.perf_counter()
        arrays = self.arrays()
        if not arrays:
            return
        cmap_name = CMAPS[self.cmap.currentText()]
        cmap = pg.colormap.get(cmap_name) if cmap_name else pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
        max_c = max(a.shape[0] for a in arrays.values())
        self.channel.setMaximum(max_c - 1)
        shared = self.levels.currentIndex() == 0
        bound = max(float(np.abs(a).max()) for a in arrays.values()) or 1.0
        for b in BRANCHES:
            img, caption = self.items[b], self.captions[b]
            for m in self.markers[b]:
                self.views[b].removeItem(m)
            self.markers[b] = []
            a = arrays.get(b)
            if a is None:
                img.clear()
                caption.setText("not computed (the block stopped here)" if b in ("sum", "out") else "")
                continue
            if self.single.isChecked():
                ch = min(self.channel.value(), a.shape[0] - 1)
                picture, tiles = a[ch], [(ch, 0, 0)]
                label = f"channel {ch} of {a.shape[0]}"
            else:
                picture, tiles = mosaic(a, pick_channels(a, self.mode.currentText(), self.count.value()))
                label = f"{len(tiles)} of {a.shape[0]} channels"
            levels = (-bound, bound) if shared else (float(np.nanmin(picture)), float(np.nanmax(picture)) or 1.0)
            img.setImage(picture, levels=levels, autoLevels=False)
            img.setColorMap(cmap)
            if picture.shape != self._shapes.get(b):  # keep the user's zoom unless the picture changed size
                self.views[b].autoRange(padding=0.02)
                self._shapes[b] = picture.shape
            zeros = set(zero_channels(a).tolist())
            h, w = a.shape[1:]
            for ch, top, left in tiles:
                if ch in zeros:  # an all-zero channel (zero-pad's new channels): mark it
                    m = pg.TextItem("0", color="#c62828", anchor=(0.5, 0.5))
                    m.setPos(left + w / 2, top + h / 2)
                    self.views[b].addItem(m)
                    self.markers[b].append(m)
            if zeros:
                label += f" · {len(zeros)} all-zero"
            caption.setText(f"{'×'.join(map(str, a.shape))} · {label}")
        self.colorbar.setColorMap(cmap)
        self.colorbar.setLevels((-bound, bound) if shared else (0, 1))
        self.levels_label.setText(f"levels −{bound:.3g} … {bound:.3g}" if shared else "levels per map")
        self._histogram(arrays)
        self._stats()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000

    def _histogram(self, arrays: dict[str, np.ndarray]) -> None:
        sampled = {b: a.reshape(-1)[:: max(1, a.size // HIST_SAMPLES)] for b, a in arrays.items()}
        edges, counts = shared_histogram(sampled)
        for b, curve in self.curves.items():
            if b in counts:
                curve.setData(edges, counts[b])
                curve.show()
            else:
                curve.hide()

    def _stats(self) -> None:
        assert self.block is not None
        for row, b in enumerate(BRANCHES):
            s = self.block.stats(b)
            values = ["—"] * 7 if s is None else stats_cells(s)
            for col, v in enumerate(values):
                self.stats.setItem(row, col, QTableWidgetItem(v))
        r = self.block.shortcut_main_ratio
        self.ratio.setText("‖shortcut‖ / ‖main‖ = " + (f"{r:.3f}" if r is not None else "—"))
