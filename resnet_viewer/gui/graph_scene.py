"""The Qt scene of a Layout: the same boxes, wires and labels the SVG writer
draws, as built-in (C++-painted) graphics items. `show(layout)` diffs against
what is on screen and only replaces the items whose box, wire or frame changed."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from ..core.layout import Box, Frame, Layout, Wire
from ..core.theme import FONT_SIZE, SMALL_SIZE, Theme

GROUP = 0  # item data key: the block or stage an item belongs to
NODE = 1  # item data key: the node id


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(["Inter", "Helvetica Neue", "Arial", "DejaVu Sans"])
    f.setPointSizeF(size * 0.75)  # layout sizes are CSS px; Qt point sizes are 1/72 in
    f.setBold(bold)
    return f


class GraphScene(QGraphicsScene):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.layout: Layout | None = None
        self._boxes: dict[str, tuple[Box, list[QGraphicsItem]]] = {}
        self._wires: dict[tuple[str, str], tuple[Wire, list[QGraphicsItem]]] = {}
        self._frames: dict[str, tuple[Frame, list[QGraphicsItem]]] = {}
        self._junctions: list[QGraphicsItem] = []
        self._texts: list[QGraphicsItem] = []
        self.selected_group: str | None = None
        self._fonts = {
            "label": _font(FONT_SIZE),
            "small": _font(SMALL_SIZE),
            "bold": _font(SMALL_SIZE + 1, True),
            "add": _font(15, True),
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
        return changed

    def select_group(self, group: str | None) -> None:
        self.selected_group = group
        self._apply_selection()

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
        self, text: str, font: str, colour: str, x: float, y: float, anchor: str = "middle"
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
        t, n = self.theme, b.node
        stroke = QColor({"error": t.error, "unknown": t.unknown}.get(n.status, t.stroke))
        pen = QPen(stroke, 1.6 if b.shape == "circle" else 1.2)
        if n.status == "unknown":
            pen.setStyle(Qt.PenStyle.DashLine)
        fill = QColor(t.fill(n.kind, "relu_op" if n.op_kind == "relu" else n.op_kind))
        if b.shape == "circle":
            if n.status == "error":
                fill = QColor("#fde0e0" if t.name == "light" else "#4a2020")
            shape: QGraphicsItem = QGraphicsEllipseItem(b.x, b.y, b.w, b.h)
        else:
            path = QPainterPath()
            r = b.h / 2 if b.shape == "pill" else 6
            path.addRoundedRect(QRectF(b.x, b.y, b.w, b.h), r, r)
            shape = QGraphicsPathItem(path)
        shape.setPen(pen)  # type: ignore[attr-defined]
        shape.setBrush(QBrush(fill))  # type: ignore[attr-defined]
        shape.setToolTip(n.tooltip)
        shape.setData(GROUP, n.group)
        shape.setData(NODE, n.id)
        shape.setZValue(2)
        self.addItem(shape)
        items = [shape]
        if b.shape == "circle":
            items.append(self._text(n.label, "add", stroke.name(), b.cx, b.cy))
        elif n.detail:
            items.append(self._text(n.label, "label", t.text, b.cx, b.y + 12))
            items.append(self._text(n.detail, "small", t.muted, b.cx, b.y + 27))
        else:
            items.append(
                self._text(
                    n.label,
                    "small" if b.shape == "pill" else "label",
                    t.text if n.status != "unknown" else t.muted,
                    b.cx,
                    b.cy,
                )
            )
        if n.note:
            if self.layout is None or self.layout.orientation == "vertical":
                items.append(self._text(n.note, "bold", t.error, b.x - 8, b.cy, "end"))
            else:
                items.append(self._text(n.note, "bold", t.error, b.cx, b.y - 16))
        for it in items[1:]:
            it.setZValue(3)
            it.setParentItem(None)
            it.setData(GROUP, n.group)
            it.setToolTip(n.tooltip)
        return items

    def _wire_pen(self, w: Wire) -> QPen:
        t, e = self.theme, w.edge
        if e.status == "error":
            colour, width = t.error, 2.0
        elif e.status == "unknown":
            colour, width = t.unknown, 1.2
        elif e.changed:
            colour, width = t.changed, 2.2
        elif e.lane == "shortcut":
            colour, width = t.shortcut, 1.6
        else:
            colour, width = t.edge, 1.3
        pen = QPen(QColor(colour), width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if e.status == "unknown":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _draw_wire(self, w: Wire) -> list[QGraphicsItem]:
        pen = self._wire_pen(w)
        path = QPainterPath(QPointF(*w.points[0]))
        for p in w.points[1:]:
            path.lineTo(QPointF(*p))
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        line.setZValue(1)
        (x0, y0), (x1, y1) = w.points[-2], w.points[-1]
        ang = math.atan2(y1 - y0, x1 - x0)
        head = QPolygonF(
            [QPointF(x1, y1)] + [QPointF(x1 - 7 * math.cos(ang + s), y1 - 7 * math.sin(ang + s)) for s in (-0.42, 0.42)]
        )
        arrow = QGraphicsPolygonItem(head)
        arrow.setPen(Qt.PenStyle.NoPen)
        arrow.setBrush(pen.color())
        arrow.setZValue(1)
        self.addItem(line)
        self.addItem(arrow)
        items: list[QGraphicsItem] = [line, arrow]
        if w.edge.label:
            colour = pen.color().name() if w.edge.changed or w.edge.status == "error" else self.theme.muted
            font = "bold" if w.edge.changed else "small"
            label = self._text(w.edge.label, font, colour, w.label_at[0], w.label_at[1], w.label_anchor)
            label.setZValue(3)
            label.setToolTip(f"{w.edge.src} → {w.edge.dst}: {w.edge.label}")
            items.append(label)
        return items

    def _draw_frame(self, f: Frame) -> list[QGraphicsItem]:
        t = self.theme
        path = QPainterPath()
        path.addRoundedRect(QRectF(f.x, f.y, f.w, f.h), 10, 10)
        rect = QGraphicsPathItem(path)
        pen = QPen(QColor(t.error if f.status == "error" else t.frame), 1.0, Qt.PenStyle.DashLine)
        rect.setPen(pen)
        rect.setBrush(Qt.BrushStyle.NoBrush)
        rect.setData(GROUP, f.group)
        rect.setZValue(0)
        self.addItem(rect)
        items: list[QGraphicsItem] = [rect]
        vertical = self.layout is None or self.layout.orientation == "vertical"
        if vertical:
            items.append(self._text(f.title, "bold", t.text, f.x + 9, f.y + 13, "start"))
            items.append(self._text(f.subtitle, "small", t.muted, f.x + 9, f.y + 27, "start"))
        else:
            items.append(self._text(f"{f.title} · {f.subtitle}", "bold", t.muted, f.x + 9, f.y + 11, "start"))
        if f.badge:
            items.append(self._text(f.badge, "small", t.muted, f.x + f.w - 9, f.y + f.h - 9, "end"))
        for it in items[1:]:
            it.setData(GROUP, f.group)
        return items

    def _junction(self, x: float, y: float) -> QGraphicsItem:
        dot = QGraphicsEllipseItem(x - 2.6, y - 2.6, 5.2, 5.2)
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
            if group == self.selected_group:
                rect.setPen(QPen(QColor(self.theme.changed), 2.4))
                fill = QColor(self.theme.changed)
                fill.setAlpha(22)
                rect.setBrush(fill)
            else:
                rect.setPen(
                    QPen(
                        QColor(self.theme.error if f.status == "error" else self.theme.frame), 1.0, Qt.PenStyle.DashLine
                    )
                )
                rect.setBrush(Qt.BrushStyle.NoBrush)


def _place(item: QGraphicsSimpleTextItem, x: float, y: float, anchor: str) -> None:
    r = item.boundingRect()
    dx = {"middle": r.width() / 2, "end": r.width(), "start": 0.0}[anchor]
    item.setPos(x - dx, y - r.height() / 2)


def _retext(item: QGraphicsSimpleTextItem, text: str, x: float, y: float, anchor: str) -> None:
    if item.text() != text:
        item.setText(text)
        _place(item, x, y, anchor)


def _sync(current: dict, wanted: dict, draw, update, scene: QGraphicsScene) -> int:  # type: ignore[no-untyped-def, type-arg]
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
