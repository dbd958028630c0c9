"""The Qt scene of a Layout: the same boxes, wires and labels the SVG writer
draws, as built-in (C++-painted) graphics items. `show(layout)` diffs against
what is on screen and only replaces the items whose box, wire or frame changed."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from ..core import style
from ..core.choices import TextAnchor
from ..core.drawing import Box, Frame, Layout, Wire
from ..core.shapes import OK
from ..core.theme import CJK_FONTS, FONT_SIZE, LATIN_FONTS, SMALL_SIZE, Theme

if TYPE_CHECKING:
    from .view_state import ViewState

GROUP = 0  # item data key: the block or stage an item belongs to
NODE = 1  # item data key: the node id
EDGE = 2  # item data key: a wire's (src, dst)
FontRole = Literal["label", "small", "bold", "add"]  # the scene's fonts (`GraphScene._fonts`)


def pen(colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    """A core/style stroke as a pen: Qt dash lengths are in pen widths, SVG's in px."""
    p = QPen(QColor(colour), width)
    if dash:
        p.setDashPattern([d / width for d in dash])
        p.setCapStyle(Qt.PenCapStyle.FlatCap)  # SVG's default butt caps: dashes as long as in the file
    return p


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies([*LATIN_FONTS, *CJK_FONTS])  # CJK faces after the Latin ones, as in the SVG
    f.setPointSizeF(size * 0.75)  # layout sizes are CSS px; Qt point sizes are 1/72 in
    f.setBold(bold)
    return f


class GraphScene(QGraphicsScene):
    layout_shown = Signal()  # after every show_layout: linked views re-resolve their items

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._highlighted: tuple[tuple[str, ...], ...] = ()  # ("node", id) / ("edge", src, dst)
        self._halo: list[QGraphicsItem] = []
        self.theme = theme
        self.layout: Layout | None = None
        self._boxes: dict[str, tuple[Box, list[QGraphicsItem]]] = {}
        self._wires: dict[tuple[str, str], tuple[Wire, list[QGraphicsItem]]] = {}
        self._frames: dict[str, tuple[Frame, list[QGraphicsItem]]] = {}
        self._junctions: list[QGraphicsItem] = []
        self._texts: list[QGraphicsItem] = []
        self.selected_group: str | None = None
        self._fonts: dict[FontRole, QFont] = {
            "label": _font(FONT_SIZE),
            "small": _font(SMALL_SIZE),
            "bold": _font(SMALL_SIZE + 1, True),
            "add": _font(style.ADD_SIZE, True),
        }
        self.setBackgroundBrush(QColor(theme.background))

    # ---- public ------------------------------------------------------------
    def show_layout(self, lay: Layout) -> int:
        """Bring the scene to `lay`; returns how many parts were (re)drawn."""
        self.layout = lay  # the drawing functions read its orientation
        changed = 0
        changed += _sync(self._frames, {f.group: f for f in lay.frames}, self._draw_frame, self._update_frame, self)
        changed += _sync(
            self._wires, {(w.edge.src, w.edge.dst): w for w in lay.wires}, self._draw_wire, self._update_wire, self
        )
        changed += _sync(self._boxes, lay.boxes, self._draw_box, self._update_box, self)
        for item in self._junctions + self._texts:
            self.removeItem(item)
        self._junctions = [self._junction(x, y) for x, y in lay.junctions]
        self._texts = [self._caption(t.text, t.x, t.y, t.size, t.bold) for t in lay.texts]
        self.setSceneRect(QRectF(0, 0, lay.width, lay.height))
        self._apply_selection()
        self._draw_highlight()
        self.layout_shown.emit()
        return changed

    def watch(self, state: ViewState) -> None:
        state.selection_changed.connect(self.select_group)

    def select_group(self, group: str | None) -> None:
        self.selected_group = group
        self._apply_selection()

    def highlight(self, targets: tuple[tuple[str, ...], ...]) -> None:
        """Mark boxes ("node", id) and wires ("edge", src, dst) in the selected
        state's colour (a halo behind them); () clears. Kept across redraws."""
        self._highlighted = tuple(targets)
        self._draw_highlight()

    def highlighted_items(self) -> list[QGraphicsItem]:
        return list(self._halo)

    def _draw_highlight(self) -> None:
        for item in self._halo:
            self.removeItem(item)
        self._halo = []
        fs = style.frame_style(OK, self.theme, selected=True)  # the selected block's colour, not a new rule
        halo = QColor(fs.stroke)
        halo.setAlphaF(0.35)
        for t in self._highlighted:
            if t[0] == "node" and t[1] in self._boxes:
                b = self._boxes[t[1]][0]
                path = QPainterPath()
                r = b.h / 2 + 4 if b.shape in ("pill", "circle") else style.CORNER + 4
                path.addRoundedRect(QRectF(b.x - 4, b.y - 4, b.w + 8, b.h + 8), r, r)
                item = QGraphicsPathItem(path)
                item.setPen(pen(fs.stroke, fs.width))
                item.setBrush(halo)
            elif t[0] == "edge" and (t[1], t[2]) in self._wires:
                w = self._wires[(t[1], t[2])][0]
                path = QPainterPath(QPointF(*w.points[0]))
                for p in w.points[1:]:
                    path.lineTo(QPointF(*p))
                item = QGraphicsPathItem(path)
                wide = pen(halo.name(QColor.NameFormat.HexArgb), 4 * fs.width)
                wide.setCapStyle(Qt.PenCapStyle.RoundCap)
                item.setPen(wide)
            else:
                continue  # not drawn at this level
            item.setData(NODE, t[1] if t[0] == "node" else None)
            item.setZValue(1.5)  # under the box and its text, over the frame
            self.addItem(item)
            self._halo.append(item)

    def frame_rect(self, group: str) -> QRectF | None:
        entry = self._frames.get(group)
        if entry is None:
            box = next((b for b, _ in self._boxes.values() if b.node.group == group), None)
            return None if box is None else QRectF(box.x, box.y, box.w, box.h)
        f = entry[0]
        return QRectF(f.x, f.y, f.w, f.h)

    def edge_label(self, src: str, dst: str) -> str | None:
        entry = self._wires.get((src, dst))
        return None if entry is None else entry[0].edge.label

    def box(self, node_id: str) -> Box | None:
        entry = self._boxes.get(node_id)
        return None if entry is None else entry[0]

    # ---- drawing -------------------------------------------------------------
    def _text(
        self, text: str, font: FontRole, colour: str, x: float, y: float, anchor: TextAnchor = "middle"
    ) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text)
        item.setFont(self._fonts[font])
        item.setBrush(QColor(colour))
        _place(item, x, y, anchor)
        self.addItem(item)
        return item

    # ---- in-place updates: same geometry and style, new text (the common edit) ----
    def _update_box(self, old: Box, new: Box, items: list[QGraphicsItem]) -> bool:
        o, n = old.node, new.node
        same = (old.x, old.y, old.w, old.h, old.shape) == (new.x, new.y, new.w, new.h, new.shape)
        if not same or (o.kind, o.op_kind, o.status, o.note, bool(o.detail)) != (
            n.kind,
            n.op_kind,
            n.status,
            n.note,
            bool(n.detail),
        ):
            return False
        texts = [t for t in items[1:] if isinstance(t, QGraphicsSimpleTextItem)]
        if new.shape == "rect" and n.detail:
            _retext(texts[0], n.label, new.cx, new.y + 12, "middle")
            _retext(texts[1], n.detail, new.cx, new.y + 27, "middle")
        else:
            _retext(texts[0], n.label, new.cx, new.cy, "middle")
        if o.tooltip != n.tooltip:
            for it in items:
                it.setToolTip(n.tooltip)
        return True

    def _update_wire(self, old: Wire, new: Wire, items: list[QGraphicsItem]) -> bool:
        def style(w: Wire) -> tuple[object, ...]:
            return (
                w.points,
                w.edge.status,
                w.edge.changed,
                w.edge.lane,
                w.label_at,
                w.label_anchor,
                bool(w.edge.label),
            )

        if style(old) != style(new):
            return False
        if new.edge.label:
            label = items[2]
            assert isinstance(label, QGraphicsSimpleTextItem)
            _retext(label, new.edge.label, new.label_at[0], new.label_at[1], new.label_anchor)
            label.setToolTip(f"{new.edge.src} → {new.edge.dst}: {new.edge.label}")
        return True

    def _update_frame(self, old: Frame, new: Frame, items: list[QGraphicsItem]) -> bool:
        keys = ("x", "y", "w", "h", "status", "title", "subtitle")
        if any(getattr(old, k) != getattr(new, k) for k in keys) or bool(old.badge) != bool(new.badge):
            return False
        if new.badge:
            badge = items[-1]
            assert isinstance(badge, QGraphicsSimpleTextItem)
            _retext(badge, new.badge, new.x + new.w - 9, new.y + new.h - 9, "end")
        return True

    def _draw_box(self, b: Box) -> list[QGraphicsItem]:
        n = b.node
        s = style.node_style(n, b.shape, self.theme)
        if b.shape == "circle":
            shape: QAbstractGraphicsShapeItem = QGraphicsEllipseItem(b.x, b.y, b.w, b.h)
        else:
            path = QPainterPath()
            r = b.h / 2 if b.shape == "pill" else style.CORNER
            path.addRoundedRect(QRectF(b.x, b.y, b.w, b.h), r, r)
            shape = QGraphicsPathItem(path)
        shape.setPen(pen(s.stroke, s.width, s.dash))
        shape.setBrush(QBrush(QColor(s.fill)))
        shape.setToolTip(n.tooltip)
        shape.setData(GROUP, n.group)
        shape.setData(NODE, n.id)
        shape.setZValue(2)
        self.addItem(shape)
        items: list[QGraphicsItem] = [shape]
        if b.shape == "circle":
            items.append(self._text(n.label, "add", s.text, b.cx, b.cy))
        elif n.detail:
            items.append(self._text(n.label, "label", s.text, b.cx, b.y + 12))
            items.append(self._text(n.detail, "small", s.detail, b.cx, b.y + 27))
        else:
            items.append(self._text(n.label, "small" if b.shape == "pill" else "label", s.text, b.cx, b.cy))
        if n.note:
            if self.layout is None or self.layout.orientation == "vertical":
                items.append(self._text(n.note, "bold", s.note, b.x - 8, b.cy, "end"))
            else:
                items.append(self._text(n.note, "bold", s.note, b.cx, b.y - 16))
        for it in items[1:]:
            it.setZValue(3)
            it.setParentItem(None)  # type: ignore[arg-type]  # PySide6's stub: None (no parent) is allowed
            it.setData(GROUP, n.group)
            it.setData(NODE, n.id)  # a click on the label is a click on the box
            it.setToolTip(n.tooltip)
        return items

    def _draw_wire(self, w: Wire) -> list[QGraphicsItem]:
        ws = style.wire_style(w.edge, self.theme)
        line_pen = pen(ws.colour, ws.width, ws.dash)
        line_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        path = QPainterPath(QPointF(*w.points[0]))
        for p in w.points[1:]:
            path.lineTo(QPointF(*p))
        line = QGraphicsPathItem(path)
        line.setPen(line_pen)
        line.setZValue(1)
        (x0, y0), (x1, y1) = w.points[-2], w.points[-1]
        ang = math.atan2(y1 - y0, x1 - x0)
        size = style.ARROW_SIZE
        head = QPolygonF(
            [QPointF(x1, y1)]
            + [
                QPointF(x1 - size * math.cos(ang + a), y1 - size * math.sin(ang + a))
                for a in (-style.ARROW_SPREAD, style.ARROW_SPREAD)
            ]
        )
        arrow = QGraphicsPolygonItem(head)
        arrow.setPen(Qt.PenStyle.NoPen)
        arrow.setBrush(QColor(ws.colour))
        arrow.setZValue(1)
        self.addItem(line)
        self.addItem(arrow)
        items: list[QGraphicsItem] = [line, arrow]
        if w.edge.label:
            font: FontRole = "bold" if ws.bold else "small"
            label = self._text(w.edge.label, font, ws.label, w.label_at[0], w.label_at[1], w.label_anchor)
            label.setZValue(3)
            label.setToolTip(f"{w.edge.src} → {w.edge.dst}: {w.edge.label}")
            items.append(label)
        for it in items:
            it.setData(EDGE, (w.edge.src, w.edge.dst))
        return items

    def _draw_frame(self, f: Frame) -> list[QGraphicsItem]:
        fs = style.frame_style(f.status, self.theme)
        path = QPainterPath()
        path.addRoundedRect(QRectF(f.x, f.y, f.w, f.h), style.FRAME_CORNER, style.FRAME_CORNER)
        rect = QGraphicsPathItem(path)
        _paint_frame(rect, fs)
        rect.setData(GROUP, f.group)
        rect.setZValue(0)
        self.addItem(rect)
        items: list[QGraphicsItem] = [rect]
        vertical = self.layout is None or self.layout.orientation == "vertical"
        if vertical:
            items.append(self._text(f.title, "bold", fs.title, f.x + 9, f.y + 13, "start"))
            items.append(self._text(f.subtitle, "small", fs.subtitle, f.x + 9, f.y + 27, "start"))
        else:
            items.append(self._text(f"{f.title} · {f.subtitle}", "bold", fs.subtitle, f.x + 9, f.y + 11, "start"))
        if f.badge:
            items.append(self._text(f.badge, "small", fs.subtitle, f.x + f.w - 9, f.y + f.h - 9, "end"))
        for it in items[1:]:
            it.setData(GROUP, f.group)
        return items

    def _junction(self, x: float, y: float) -> QGraphicsItem:
        r = style.JUNCTION_RADIUS
        dot = QGraphicsEllipseItem(x - r, y - r, 2 * r, 2 * r)
        dot.setBrush(QColor(self.theme.shortcut))
        dot.setPen(Qt.PenStyle.NoPen)
        dot.setZValue(2)
        self.addItem(dot)
        return dot

    def _caption(self, text: str, x: float, y: float, size: float, bold: bool) -> QGraphicsItem:
        item = QGraphicsSimpleTextItem(text)
        item.setFont(_font(size, bold))
        item.setBrush(QColor(self.theme.text))
        r = item.boundingRect()
        item.setPos(x - r.width() / 2, y - r.height() * 0.8)
        self.addItem(item)
        return item

    def _apply_selection(self) -> None:
        for group, (f, items) in self._frames.items():
            rect = items[0]
            assert isinstance(rect, QGraphicsPathItem)
            _paint_frame(rect, style.frame_style(f.status, self.theme, selected=group == self.selected_group))


def _paint_frame(rect: QGraphicsPathItem, fs: style.FrameStyle) -> None:
    rect.setPen(pen(fs.stroke, fs.width, fs.dash))
    if fs.fill is None:
        rect.setBrush(Qt.BrushStyle.NoBrush)
    else:
        fill = QColor(fs.fill)
        fill.setAlphaF(fs.fill_opacity)
        rect.setBrush(fill)


def _place(item: QGraphicsSimpleTextItem, x: float, y: float, anchor: TextAnchor) -> None:
    r = item.boundingRect()
    dx = {"middle": r.width() / 2, "end": r.width(), "start": 0.0}[anchor]
    item.setPos(x - dx, y - r.height() / 2)


def _retext(item: QGraphicsSimpleTextItem, text: str, x: float, y: float, anchor: TextAnchor) -> None:
    if item.text() != text:
        item.setText(text)
        _place(item, x, y, anchor)


Key = TypeVar("Key")
Drawn = TypeVar("Drawn")  # a Box, Wire or Frame


def _sync(
    current: dict[Key, tuple[Drawn, list[QGraphicsItem]]],
    wanted: Mapping[Key, Drawn],
    draw: Callable[[Drawn], list[QGraphicsItem]],
    update: Callable[[Drawn, Drawn, list[QGraphicsItem]], bool],
    scene: QGraphicsScene,
) -> int:
    """Bring `current` (key -> (value, items)) to `wanted`: keep equal values,
    update in place where only text changed, redraw the rest, drop vanished keys.
    Returns how many keys were redrawn."""
    redrawn = 0
    for key in list(current):
        if key not in wanted:
            for item in current.pop(key)[1]:
                scene.removeItem(item)
    for key, value in wanted.items():
        entry = current.get(key)
        if entry is not None:
            old, items = entry
            if old == value:
                continue
            if update(old, value, items):
                current[key] = (value, items)
                continue
            for item in items:
                scene.removeItem(item)
        current[key] = (value, draw(value))
        redrawn += 1
    return redrawn
