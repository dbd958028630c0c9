"""The bottom panel: for the selected block, its input, main branch, shortcut,
sum and output side by side (channel mosaics or one channel, large), colour
levels that show structure (robust per map by default; shared scales with a
colour bar), a histogram and the trace's statistics."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import choices
from ..live.stats_format import stats_cells
from .combo_keys import add_keys, key, relabel, set_key
from .mosaic import LEVEL_MODES, MODES, levels_for, mosaic, pick_channels, shared_histogram, zero_channels

if TYPE_CHECKING:
    from ..live.trace import BlockTrace
    from .view_state import ViewState

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
BRANCHES = choices.BRANCHES
COLOURS = {"in": "#888888", "main": "#1565c0", "shortcut": "#d9730d", "sum": "#7b1fa2", "out": "#2e7d32"}
CMAPS = {"diverging (0 = white)": "CET-D1", "viridis": "viridis", "grey": None}
HIST_SAMPLES = 16_384  # histogram from a strided sample: 64 bins need no more, and it is fast
BACKGROUND = "#d8d8d8"  # between the tiles: neither white (0 on the diverging map) nor a colour
# the captions' font, a share of the panel's: the largest at which every caption line fits its column,
# so a caption keeps to two lines (a third squeezed the pictures; "49 个全零" wrapped at 1280 px)
CAPTION_SCALES = (0.9, 0.8)
COLOUR_BAR_WIDTH = 72  # its caption, "× each map's scale", in two lines


def _image_view() -> tuple[pg.GraphicsView, pg.ViewBox, pg.ImageItem]:
    """One branch's picture: fills its cell, keeps square pixels, scales crisp."""
    view = pg.GraphicsView(background=BACKGROUND)
    view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # nearest neighbour: pixels stay pixels
    view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    box = pg.ViewBox(lockAspect=True, invertY=True, enableMenu=False)
    box.setDefaultPadding(0.01)
    view.setCentralItem(box)
    img = pg.ImageItem()
    box.addItem(img)
    return view, box, img


class ActivationsPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._caption_lines: list[str] = []  # the lines that must not wrap (a message's sentence may)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        outer.addLayout(self._toolbar())

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._pictures())
        split.addWidget(self._numbers())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setCollapsible(0, False)
        outer.addWidget(split, 1)

        self.block: BlockTrace | None = None
        self.last_refresh_ms = 0.0
        self._shapes: dict[str, tuple[int, ...]] = {}
        self._zeros: dict[str, set[int]] = {}
        for combo in (self.mode, self.cmap, self.levels):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for spin in (self.count, self.channel):
            spin.valueChanged.connect(lambda _v: self.refresh())
        self.single.toggled.connect(self._single_toggled)
        self.message: str | None = None  # None: the panel's own "nothing ran yet" (follows the language)
        self.state: ViewState | None = None  # set by watch()
        self.retranslate_ui()  # and the panel's own message

    def retranslate_ui(self) -> None:
        relabel(
            self.mode,
            {
                "evenly spaced": self.tr("evenly spaced"),
                "first N": self.tr("first N"),
                "strongest N": self.tr("strongest N"),
            },
        )
        relabel(self.cmap, {"diverging (0 = white)": self.tr("diverging (0 = white)"), "grey": self.tr("grey")})
        relabel(
            self.levels,
            {
                "robust, each map": self.tr("robust, each map"),
                "robust, shared": self.tr("robust, shared"),
                "shared ±max": self.tr("shared ±max"),
                "each map min…max": self.tr("each map min…max"),
            },
        )
        self.single.setText(self.tr("one channel, large:"))
        self.single.setToolTip(self.tr("The same channel of every branch, side by side on one colour scale"))
        self.levels.setToolTip(
            self.tr(
                "robust: ±99th percentile of |value|, so a few hot pixels do not wash the rest out;\n"
                "each map: every picture its own scale (structure); shared: one scale, comparable across branches"
            )
        )
        self.channels_label.setText(self.tr("channels"))
        self.colours_label.setText(self.tr("colours"))
        for b, title in self.branch_titles().items():
            self.titles[b].setText(f"<b style='color:{COLOURS[b]}'>{title}</b>")
        self.hist.setLabel("bottom", self.tr("value"))
        self.hist.setTitle(self.tr("count of sampled values (shared bins)"), size="9pt", color="#333")
        self.numbers.setTabText(0, self.tr("Histogram"))
        self.numbers.setTabText(1, self.tr("Statistics"))
        self.stats.setHorizontalHeaderLabels(
            [self.tr("shape"), self.tr("mean"), self.tr("std"), self.tr("min"), self.tr("max"), self.tr("zeros"), "‖·‖"]
        )
        self.stats.setVerticalHeaderLabels(list(self.branch_titles(short=True).values()))
        if self.block is not None:
            self.refresh()
        elif self.state is not None and self.state.result is not None:
            self.show_selected()  # its sentence, said again in the new language
        elif self.message is None:
            self.show_message(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def branch_titles(self, short: bool = False) -> dict[str, str]:
        """The five columns' names; `short`: for the table rows and the histogram legend."""
        if short:
            return {
                "in": self.tr("in"),
                "main": self.tr("main"),
                "shortcut": self.tr("shortcut"),
                "sum": self.tr("sum"),
                "out": self.tr("out"),
            }
        return {
            "in": self.tr("input"),
            "main": self.tr("main branch"),
            "shortcut": self.tr("shortcut"),
            "sum": self.tr("main + shortcut"),
            "out": self.tr("output (ReLU)"),
        }

    # ---- construction ------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.mode = QComboBox()
        add_keys(self.mode, MODES)
        self.count = QSpinBox()
        self.count.setRange(1, 64)
        self.count.setValue(16)
        self.single = QCheckBox()
        self.channel = QSpinBox()
        self.channel.setRange(0, 0)
        self.cmap = QComboBox()
        add_keys(self.cmap, CMAPS)
        self.levels = QComboBox()
        add_keys(self.levels, LEVEL_MODES)
        self.levels_label = QLabel()
        self.levels_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for box in (self.mode, self.cmap, self.levels):  # narrow when the window is: the popups show all
            box.setMinimumWidth(90)
        self.channels_label, self.colours_label = QLabel(), QLabel()
        for w in (self.channels_label, self.mode, QLabel("N"), self.count, self.single, self.channel):
            bar.addWidget(w)
        bar.addSpacing(12)
        for w in (self.colours_label, self.cmap, self.levels):
            bar.addWidget(w)
        bar.addWidget(self.levels_label, 1)
        return bar

    def _pictures(self) -> QWidget:
        pictures = QWidget()
        grid = QGridLayout(pictures)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.views: dict[str, pg.ViewBox] = {}
        self.items: dict[str, pg.ImageItem] = {}
        self.captions: dict[str, QLabel] = {}
        self.markers: dict[str, list[pg.TextItem]] = {b: [] for b in BRANCHES}
        self.titles: dict[str, QLabel] = {}
        for col, b in enumerate(BRANCHES):
            title = self.titles[b] = QLabel()
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            view, box, img = _image_view()
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            caption.setWordWrap(True)
            caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(title, 0, col)
            grid.addWidget(view, 1, col)
            grid.addWidget(caption, 2, col)
            grid.setColumnStretch(col, 1)
            self.views[b], self.items[b], self.captions[b] = box, img, caption
        grid.setRowStretch(1, 1)
        pictures.installEventFilter(self)  # a new width (window, splitter) refits the captions' font
        bar_view = pg.GraphicsLayoutWidget()
        bar_view.setBackground(None)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), interactive=False, width=12, colorMapMenu=False)
        self.colorbar.getAxis("right").setPen(pg.mkPen("#444"))
        self.colorbar.getAxis("right").setTextPen(pg.mkPen("#333"))
        bar_view.addItem(self.colorbar)
        bar_view.setFixedWidth(COLOUR_BAR_WIDTH)
        grid.addWidget(bar_view, 1, len(BRANCHES))
        self.colorbar_label = QLabel()
        self.colorbar_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.colorbar_label.setWordWrap(True)
        self.colorbar_label.setFixedWidth(COLOUR_BAR_WIDTH)
        grid.addWidget(self.colorbar_label, 2, len(BRANCHES))
        self._fit_captions()
        return pictures

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_captions()
        return super().eventFilter(watched, event)

    def _fit_captions(self) -> None:
        """One font for the five captions and the colour bar's: the largest of CAPTION_SCALES at
        which each shown line fits its column. Narrower still, the captions wrap."""
        font = QFont(self.font())
        for scale in CAPTION_SCALES:
            font.setPointSizeF(self.font().pointSizeF() * scale)
            metrics = QFontMetrics(font)
            width = min(c.contentsRect().width() for c in self.captions.values())
            if all(metrics.horizontalAdvance(line) <= width for line in self._caption_lines):
                break
        for label in (*self.captions.values(), self.colorbar_label):
            if label.font() != font:
                label.setFont(font)
                label.setMinimumHeight(2 * metrics.height())

    def _numbers(self) -> QWidget:
        """Histogram and statistics, one tab each: both readable in a 720 px high window."""
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        self.hist = pg.PlotWidget(background="w")
        for side in ("left", "bottom"):
            axis = self.hist.getAxis(side)
            axis.setPen(pg.mkPen("#666"))
            axis.setTextPen(pg.mkPen("#333"))
        self.hist.getAxis("left").setWidth(44)  # room for "40k" and its label
        self.hist.getAxis("left").enableAutoSIPrefix(True)
        # two columns: five rows reached the axis in a 720 px window
        self.legend = self.hist.addLegend(offset=(-5, 5), labelTextColor="#333", labelTextSize="8pt", colCount=2)
        self.curves = {
            b: self.hist.plot([0, 1], [0], stepMode="center", pen=pg.mkPen(COLOURS[b], width=1.5), name=b)
            for b in BRANCHES
        }
        tabs.addTab(self.hist, "")

        table = QWidget()
        tl = QVBoxLayout(table)
        tl.setContentsMargins(0, 2, 0, 0)
        self.stats = QTableWidget(len(BRANCHES), 7)
        self.stats.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        font = self.stats.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)  # seven columns in a third of the panel
        self.stats.setFont(font)
        rows = self.stats.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.stats.fontMetrics().height() + 6)
        self.stats.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stats.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stats.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it is as wide as its columns
        height = self.stats.horizontalHeader().sizeHint().height() + len(BRANCHES) * rows.defaultSectionSize()
        self.stats.setFixedHeight(height + 2 * self.stats.frameWidth() + 2)  # all five rows, never a scrollbar
        self.ratio = QLabel()
        tl.addWidget(self.stats)
        tl.addWidget(self.ratio)
        tl.addStretch(1)
        tabs.addTab(table, "")
        self.numbers = tabs
        return tabs

    # ---- showing -------------------------------------------------------------
    def watch(self, state: ViewState) -> None:
        """Show the selected block as it ran in the trace on screen, now and after every change."""
        self.state = state
        state.selection_changed.connect(self.show_selected)
        state.result_changed.connect(self.show_selected)
        self.show_selected()

    def show_selected(self) -> None:
        if self.state is None or self.state.result is None:
            return  # nothing has run yet: the panel's first words stay
        res, name = self.state.result, self.state.selected
        if name is None:
            self.show_message(self.tr("click a block in the graph to see its branches"))
            return
        block = res.trace.block(name)
        if block is None:
            self.show_message(
                self.tr("{name} did not run (an earlier block cannot add its branches)").format(name=name)
            )
        else:
            self.show_block(block)

    def show_message(self, text: str | None) -> None:
        """No block to show: clear every picture, curve and number of the last one.
        None: the panel's own sentence for "nothing has run yet"."""
        self.message = text
        if text is None:
            text = self.tr("activations appear when the live model has run")
        for b in BRANCHES:
            self.items[b].clear()
            self.captions[b].setText("")
            self._clear_markers(b)
            self.curves[b].hide()
        self.legend.clear()
        self._legend: tuple[set[str], str] = (set(), "")
        self._caption_lines = []
        self.captions["main"].setText(text)
        for row in range(self.stats.rowCount()):
            for col in range(self.stats.columnCount()):
                self.stats.setItem(row, col, QTableWidgetItem(""))
        self.ratio.setText("")
        self.levels_label.setText("")
        self.block = None
        self._fit_captions()

    def show_block(self, block: BlockTrace) -> None:
        self.block = block
        self._zeros = {}  # per branch, for this block: a scan of the whole tensor
        self.refresh()

    def arrays(self) -> dict[str, np.ndarray]:
        """The captured tensors of the shown block as numpy (shared memory, no copy)."""
        if self.block is None:
            return {}
        return {b: self.block.tensors[b].numpy() for b in BRANCHES if b in self.block.tensors}

    def _single_toggled(self, on: bool) -> None:
        # one channel across branches is a comparison: one robust scale; mosaics: each map its own
        wanted = {"robust, each map": "robust, shared"} if on else {"robust, shared": "robust, each map"}
        current = key(self.levels)
        if current in wanted:
            set_key(self.levels, wanted[current])  # refreshes
        else:
            self.refresh()

    def _clear_markers(self, b: str) -> None:
        for m in self.markers[b]:
            self.views[b].removeItem(m)
        self.markers[b] = []

    def refresh(self) -> None:
        t0 = time.perf_counter()
        arrays = self.arrays()
        if not arrays:
            return
        cmap_name = CMAPS[key(self.cmap)]
        cmap = pg.colormap.get(cmap_name) if cmap_name else pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
        max_c = max(a.shape[0] for a in arrays.values())
        self.channel.setMaximum(max_c - 1)
        pictures: dict[str, np.ndarray] = {}
        tiles: dict[str, list[tuple[int, int, int]]] = {}
        labels: dict[str, str] = {}
        for b, a in arrays.items():
            if self.single.isChecked():
                ch = min(self.channel.value(), a.shape[0] - 1)
                pictures[b], tiles[b] = a[ch], [(ch, 0, 0)]
                labels[b] = self.tr("ch {channel} of {count}").format(channel=ch, count=a.shape[0])
            else:
                pictures[b], tiles[b] = mosaic(a, pick_channels(a, key(self.mode), self.count.value()))
                labels[b] = self.tr("{shown} of {count} ch").format(shown=len(tiles[b]), count=a.shape[0])
        levels, shared = levels_for(pictures, key(self.levels))
        self._caption_lines = []
        for b in BRANCHES:
            img, caption = self.items[b], self.captions[b]
            self._clear_markers(b)
            array = arrays.get(b)
            if array is None:
                img.clear()
                caption.setText(self.tr("not computed (the block stopped here)") if b in ("sum", "out") else "")
                continue
            picture = pictures[b]
            img.setImage(picture, levels=levels[b], autoLevels=False)
            img.setColorMap(cmap)
            if picture.shape != self._shapes.get(b):  # keep the user's zoom unless the picture changed size
                self.views[b].autoRange(padding=0.01)
                self._shapes[b] = picture.shape
            zeros = self._zeros.get(b)
            if zeros is None:
                zeros = self._zeros[b] = set(zero_channels(array).tolist())
            h, w = array.shape[1:]
            for ch, top, left in tiles[b]:
                if ch in zeros:  # an all-zero channel (zero-pad's new channels): mark it
                    m = pg.TextItem("0", color="#c62828", anchor=(0.5, 0.5))
                    m.setPos(left + w / 2, top + h / 2)
                    self.views[b].addItem(m)
                    self.markers[b].append(m)
            label = labels[b] + (self.tr(" · {count} all-zero").format(count=len(zeros)) if zeros else "")
            scale = "" if shared else f" · ±{levels[b][1]:.3g}" if levels[b][0] == -levels[b][1] else ""
            lines = [f"{'×'.join(map(str, array.shape))}{scale}", label]
            caption.setText("\n".join(lines))
            self._caption_lines += lines
        self._fit_captions()
        self._colour_bar(cmap, levels, shared)
        self._histogram(arrays)
        self._stats()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000

    def _colour_bar(self, cmap: pg.ColorMap, levels: dict[str, tuple[float, float]], shared: bool) -> None:
        self.colorbar.setColorMap(cmap)
        if shared:
            lo, hi = next(iter(levels.values()))
            self.colorbar.setLevels((lo, hi))
            self.colorbar_label.setText(self.tr("one scale"))
            self.levels_label.setText(self.tr("levels {low} … {high}").format(low=f"{lo:.3g}", high=f"{hi:.3g}"))
        else:
            self.colorbar.setLevels((-1, 1))
            self.colorbar_label.setText(self.tr("× each map's scale"))
            self.levels_label.setText(self.tr("levels per map (in the captions)"))

    def _histogram(self, arrays: dict[str, np.ndarray]) -> None:
        sampled = {b: a.reshape(-1)[:: max(1, a.size // HIST_SAMPLES)] for b, a in arrays.items()}
        edges, counts = shared_histogram(sampled)
        names = self.branch_titles(short=True)
        if (set(counts), names["in"]) != self._legend:  # only the branches that ran (rebuilding it costs ~5 ms)
            self.legend.clear()
            for b in BRANCHES:
                if b in counts:
                    self.legend.addItem(self.curves[b], names[b])
            self._legend = (set(counts), names["in"])
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
        header = self.stats.horizontalHeader()
        width = self.stats.verticalHeader().width() + header.length() + 2 * self.stats.frameWidth()
        self.stats.setMinimumWidth(width)
        r = self.block.shortcut_main_ratio
        self.ratio.setText(self.tr("‖shortcut‖ / ‖main‖ = {ratio}").format(ratio=f"{r:.3f}" if r is not None else "—"))
