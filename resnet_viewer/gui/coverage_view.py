"""The CNN view in the window: the sampling overlay on a block's input map,
the receptive field of a clicked activation pixel on the input image, and the
button that opens the aliasing demonstration. Every number comes from
`core.coverage` (no torch here).

`CnnTools` sits in the inspector; `FieldView` is a dock showing the network
input; `CoverageUI` wires both to the activation panel once it exists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..core.choices import BRANCHES
from ..core.coverage import BlockCoverage, Field, block_coverage, fmt_coverage, sampling_of
from ..core.shapes import ShapeReport
from .combo_keys import key

if TYPE_CHECKING:
    from .activations import ActivationsPanel
    from .main_window import MainWindow

SHORTCUT_COLOUR, MAIN_COLOUR, MARK_COLOUR = "#d9730d", "#1565c0", "#c62828"
ZOOM = 12  # map pixels shown when the sampling overlay is switched on


class CnnTools(QWidget):
    """Inspector row: sampling overlay on/off and the aliasing demo (strided blocks)."""

    sampling_toggled = Signal(bool)
    aliasing_requested = Signal(str)
    block_shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)  # one above the other: side by side they widened the inspector past its dock
        lay.setContentsMargins(0, 0, 0, 0)
        self.sampling = QCheckBox()
        self.aliasing = QPushButton()
        lay.addWidget(self.sampling)
        lay.addWidget(self.aliasing, 0, Qt.AlignmentFlag.AlignLeft)
        self.block: str | None = None
        self.sampling.toggled.connect(self.sampling_toggled)
        self.aliasing.clicked.connect(lambda: self.block and self.aliasing_requested.emit(self.block))
        self.set_block(None, None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.sampling.setText(self.tr("Show what each branch reads"))
        self.sampling.setToolTip(
            self.tr("on the block's input map: dots = positions a strided 1×1 reads, squares = windows")
        )
        self.aliasing.setText(self.tr("Aliasing demo…"))
        self.aliasing.setToolTip(self.tr("feed this block a period-2 checkerboard and compare its branches"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_block(self, report: ShapeReport | None, name: str | None) -> None:
        self.block = name
        b = next((x for x in report.blocks if x.name == name), None) if report is not None else None
        self.aliasing.setEnabled(b is not None and b.plan.stride > 1 and b.status == "ok")
        self.block_shown.emit()


class FieldView(QWidget):
    """The network input with one receptive field drawn on it (clipped at the border)."""

    def __init__(self) -> None:
        super().__init__()
        self.pixmap: QPixmap | None = None
        # top, left, bottom, right (inclusive); not `rect`, which would hide QWidget.rect()
        self.field_rect: tuple[int, int, int, int] | None = None
        self.centre: tuple[float, float] | None = None
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.caption)
        self.setMinimumSize(180, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.field_rect is None and self.centre is None:  # a shown field's text is CoverageUI's (it knows the click)
            self.caption.setText(self.tr("click a pixel of an activation map to see its receptive field here"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_image(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def show_field(self, rect: tuple[int, int, int, int] | None, centre: tuple[float, float] | None, text: str) -> None:
        self.field_rect, self.centre = rect, centre
        self.caption.setText(text)
        self.update()

    def _image_rect(self) -> QRectF:
        assert self.pixmap is not None
        room_w, room_h = self.width() - 8, max(10, self.height() - self.caption.sizeHint().height() - 16)
        scale = min(room_w / self.pixmap.width(), room_h / self.pixmap.height())
        w, h = self.pixmap.width() * scale, self.pixmap.height() * scale
        return QRectF((self.width() - w) / 2, 4, w, h)

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.pixmap is None:
            return
        p = QPainter(self)
        target = self._image_rect()
        p.drawPixmap(target, self.pixmap, QRectF(self.pixmap.rect()))
        k = target.width() / self.pixmap.width()
        if self.field_rect is not None:
            top, left, bottom, right = self.field_rect
            p.setPen(QPen(QColor(MARK_COLOUR), 2))
            p.setBrush(QColor(198, 40, 40, 40))
            p.drawRect(
                QRectF(target.x() + left * k, target.y() + top * k, (right - left + 1) * k, (bottom - top + 1) * k)
            )
        if self.centre is not None:
            cy, cx = self.centre
            c = QPointF(target.x() + (cx + 0.5) * k, target.y() + (cy + 0.5) * k)
            p.setPen(QPen(QColor(MARK_COLOUR), 2))
            p.drawLine(c - QPointF(6, 0), c + QPointF(6, 0))
            p.drawLine(c - QPointF(0, 6), c + QPointF(0, 6))
        p.end()


def field_of(cover: BlockCoverage, branch: str) -> Field:
    """The receptive field of a branch map; the sum and the output take the main branch's."""
    return {"in": cover.input_field, "shortcut": cover.shortcut_field}.get(branch, cover.main_field)


def position_in(field: Field, other: Field, y: int, x: int, size: tuple[int, int]) -> tuple[int, int]:
    """The position of a map with field `other` whose centre is nearest to (y, x)'s of `field`."""
    cy, cx = field.centre(y, x)
    oy, ox = round((cy - other.offset) / other.jump), round((cx - other.offset) / other.jump)
    return min(max(oy, 0), size[0] - 1), min(max(ox, 0), size[1] - 1)


class CoverageUI(QObject):
    """Wires the CNN view into the window (a few lines there, the rest here)."""

    status = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tools: CnnTools = window.inspector.cnn_tools
        self.field_view = FieldView()
        # a tab beside the Inspector: a third panel in the right column squeezed the answer out of view
        # the English key names the dock for restoreState in every language; retranslate_ui titles it
        self.field_dock = window.add_dock("Receptive field", self.field_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self.field_dock.installEventFilter(self)  # a language switch: the dock's title and the shown field's text
        self.field_text: tuple[str, str, int, int] | None = None  # the click the field view describes
        self.field_dock.setWindowTitle(self.tr("Receptive field"))
        window.tabifyDockWidget(window.docks[1], self.field_dock)
        window.docks[1].raise_()
        self.panel: ActivationsPanel | None = None
        self.items: list[Any] = []
        self.clicked: tuple[str, str, int, int] | None = None  # block, branch, y, x
        self.dialog: Any = None
        self.tools.sampling_toggled.connect(self.on_sampling)
        self.tools.block_shown.connect(lambda: QTimer.singleShot(0, self, self.redraw))  # after the panel shows it
        self.tools.aliasing_requested.connect(self.open_aliasing)
        window.trace_shown.connect(lambda _gen: self.on_trace())
        self.status.connect(window.status.message.setText)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field_dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.field_dock.setWindowTitle(self.tr("Receptive field"))
        if self.field_text is not None:
            rect, centre, text = self._field(*self.field_text)
            self.field_view.show_field(rect, centre, text)

    def attach(self, panel: ActivationsPanel) -> None:
        self.panel = panel
        for branch, box in panel.views.items():  # each branch is its own view (and scene)
            box.scene().sigMouseClicked.connect(lambda ev, b=branch: self.on_click(ev, b))
        for combo in (panel.mode, panel.levels):
            combo.currentIndexChanged.connect(lambda _i: self.redraw())
        for spin in (panel.count, panel.channel):
            spin.valueChanged.connect(lambda _v: self.redraw())
        panel.single.toggled.connect(lambda _on: self.redraw())

    # ---- what is on screen -------------------------------------------------------
    def on_trace(self) -> None:
        from .pixmaps import input_pixmap

        res = self.window.result
        if res is not None:
            self.field_view.set_image(input_pixmap(res.trace.input.numpy()))
        self.redraw()

    def _tiles(self, branch: str) -> tuple[list[tuple[int, int, int]], int, int] | None:
        """(channel, top, left) of every tile of a branch map, and the map's H, W."""
        from .mosaic import mosaic, pick_channels

        p = self.panel
        arrays = p.arrays() if p is not None else {}
        a = arrays.get(branch)
        if p is None or a is None:
            return None
        h, w = a.shape[1:]
        if p.single.isChecked():
            return [(min(p.channel.value(), a.shape[0] - 1), 0, 0)], h, w
        _, tiles = mosaic(a, pick_channels(a, key(p.mode), p.count.value()))  # the panel's own tiling
        return tiles, h, w

    def _clear(self) -> None:
        if self.panel is not None:
            for view, item in self.items:
                view.removeItem(item)
        self.items = []

    def _add(self, branch: str, item: Any) -> None:
        assert self.panel is not None
        view = self.panel.views[branch]
        view.addItem(item)
        self.items.append((view, item))

    def redraw(self) -> None:
        self._clear()
        name = self.window.selected
        if self.panel is None or name is None or self.panel.block is None:
            return
        if self.tools.sampling.isChecked():
            self._draw_sampling(name)
        if self.clicked and self.clicked[0] == name:
            layout = self._tiles(self.clicked[1])
            if layout is not None and self.clicked[2] < layout[1] and self.clicked[3] < layout[2]:
                self._mark(*self.clicked)  # still inside the map after an edit

    def on_sampling(self, on: bool) -> None:
        self.redraw()
        layout = self._tiles("in")
        if self.panel is None or layout is None:
            return
        view = self.panel.views["in"]
        if not on:
            view.autoRange(padding=0.02)
            return
        (_, top, left), h, w = layout[0][0], layout[1], layout[2]
        view.setRange(xRange=(left, left + min(w, ZOOM)), yRange=(top, top + min(h, ZOOM)), padding=0)
        report, name = self.window.report, self.window.selected
        parts = []
        for branch in ("shortcut", "main"):
            smp = sampling_of(report, name, branch) if name else None
            if smp is not None:
                layer, cover = smp.label.split(",")[0], fmt_coverage(smp.coverage)
                if branch == "shortcut":
                    parts.append(
                        self.tr("shortcut {layer} reads {coverage} (orange)").format(layer=layer, coverage=cover)
                    )
                else:
                    parts.append(self.tr("main {layer} reads {coverage} (blue)").format(layer=layer, coverage=cover))
        self.status.emit(
            self.tr("{block} input, top-left {zoom}×{zoom} (wheel to zoom out): {parts}").format(
                block=name, zoom=ZOOM, parts=self.tr("; ").join(parts)
            )
        )

    def _draw_sampling(self, name: str) -> None:
        import pyqtgraph as pg

        layout = self._tiles("in")
        if layout is None:
            return
        tiles, h, w = layout
        for branch, colour in (("main", MAIN_COLOUR), ("shortcut", SHORTCUT_COLOUR)):
            s = sampling_of(self.window.report, name, branch)
            if s is None or s.in_size != (h, w):
                continue
            xs: list[float] = []
            ys: list[float] = []
            lx: list[float] = []
            ly: list[float] = []
            for i, j, rr, cc in s.windows(h, w):
                for _, top, left in tiles:
                    if len(rr) == 1 and len(cc) == 1:  # a strided 1×1 or x[::s, ::s]: the position it keeps
                        xs.append(left + cc[0] + 0.5)
                        ys.append(top + rr[0] + 0.5)
                    elif s.window.kernel <= s.window.stride or (i % 2 == 0 and j % 2 == 0):
                        # pooling windows tile the map; overlapping 3×3 windows: every other one, to stay legible
                        x0, x1, y0, y1 = left + cc[0], left + cc[-1] + 1, top + rr[0], top + rr[-1] + 1
                        lx += [x0, x1, x1, x1, x1, x0, x0, x0]
                        ly += [y0, y0, y0, y1, y1, y1, y1, y0]
            if xs:  # sized in map pixels: a grid texture when zoomed out, single dots when zoomed in
                self._add("in", pg.ScatterPlotItem(xs, ys, size=0.5, pen=None, brush=pg.mkBrush(colour), pxMode=False))
            if lx:
                self._add("in", pg.PlotCurveItem(lx, ly, connect="pairs", pen=pg.mkPen(colour, width=1.2)))

    # ---- clicks ------------------------------------------------------------------------
    def on_click(self, event: Any, clicked_branch: str | None = None) -> None:
        p, name = self.panel, self.window.selected
        if p is None or name is None or p.block is None:
            return
        pos = event.scenePos()
        for branch, view in p.views.items():
            if clicked_branch not in (None, branch) or not view.sceneBoundingRect().contains(pos):
                continue
            layout = self._tiles(branch)
            if layout is None:
                return
            tiles, h, w = layout
            pt = view.mapSceneToView(pos)
            for _, top, left in tiles:
                y, x = int(pt.y() - top), int(pt.x() - left)
                if 0 <= pt.y() - top < h and 0 <= pt.x() - left < w:
                    self.clicked = (name, branch, y, x)
                    self.redraw()
                    return
            return

    def _mark(self, name: str, branch: str, y: int, x: int) -> None:
        import pyqtgraph as pg

        cover = block_coverage(self.window.report, name)
        field = field_of(cover, branch)
        for other in BRANCHES:
            layout = self._tiles(other)
            if layout is None:
                continue
            tiles, h, w = layout
            oy, ox = position_in(field, field_of(cover, other), y, x, (h, w))
            xs = [left + ox + 0.5 for _, top, left in tiles]
            ys = [top + oy + 0.5 for _, top, left in tiles]
            self._add(other, pg.ScatterPlotItem(xs, ys, symbol="+", size=10, pen=pg.mkPen(MARK_COLOUR, width=2)))
        self.field_text = (name, branch, y, x)
        rect, centre, text = self._field(name, branch, y, x)
        self.field_view.show_field(rect, centre, text)
        self.field_dock.raise_()  # a clicked pixel: show where its field lies
        self.status.emit(text)

    def _field(
        self, name: str, branch: str, y: int, x: int
    ) -> tuple[tuple[int, int, int, int] | None, tuple[float, float], str]:
        """The receptive field of a clicked pixel on the input, and the sentence that says where it lies."""
        report = self.window.report
        field = field_of(block_coverage(report, name), branch)
        _, _, height, width = report.input_shape
        rect = field.rect(y, x, height, width)
        cy, cx = field.centre(y, x)
        titles = self.panel.branch_titles() if self.panel is not None else {}  # the panel's column names
        if rect:
            where = self.tr("rows {top}–{bottom}, cols {left}–{right}").format(
                top=rect[0], bottom=rect[2], left=rect[1], right=rect[3]
            )
        else:
            where = self.tr("outside the input")
        text = self.tr(
            "{block} {branch} ({y}, {x}): receptive field {size}×{size} px, jump {jump}, "
            "centre ({cy}, {cx}) on the {height}×{width} input; {where}"
        ).format(
            block=name,
            branch=titles.get(branch, branch),
            y=y,
            x=x,
            size=field.size,
            jump=field.jump,
            cy=f"{cy:g}",
            cx=f"{cx:g}",
            height=height,
            width=width,
            where=where,
        )
        return rect, (cy, cx), text

    # ---- aliasing ------------------------------------------------------------------------
    def open_aliasing(self, name: str) -> None:
        from .aliasing_dialog import AliasingDialog

        if self.dialog is None:
            self.dialog = AliasingDialog(self.window)
        self.dialog.run(self.window.doc.spec, name, self.window.seed)
        self.dialog.show()
        self.dialog.raise_()
