"""Graph → Layout: boxes, wires (polylines) and label spots, in pixels.

Main branch and shortcut branch are two columns (vertical) or two rows
(horizontal) that meet at the add node. The layout works on an abstract
"along" axis (the flow) and "across" axis, then maps them to x/y, so both
orientations share one algorithm. `fit="16:9"` wraps a long network into
columns or rows instead of shrinking it. Boxes are sized from
`drawing.text_width` with a margin so real fonts fit. What a placed drawing
is (Box, Wire, Frame, Caption, Layout) lives in `core/drawing.py`.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .choices import FITS, ORIENTATIONS, BoxShape, Fit, OpKind, Orientation, TextAnchor
from .drawing import (
    CAPTION_H,
    MARGIN,
    TITLE_H,
    Box,
    Frame,
    Layout,
    Point,
    Wire,
    framing_texts,
    moved_point,
    pad_to_slide,
    text_width,
)
from .graph import Chain, Edge, Graph, Node, Residual, Segment
from .partition import columns_for_slide
from .theme import SMALL_SIZE

FRAME_TITLE = 18.0  # horizontal: the band above the main lane for a block's title
FRAME_PAD = 10.0

_PILL_OPS: tuple[OpKind, ...] = ("relu", "bn", "identity")  # small ops drawn as pills


def node_size(n: Node) -> tuple[float, float, BoxShape]:
    if n.kind == "add":
        return 22.0, 22.0, "circle"
    if n.kind == "relu" or (n.kind == "op" and n.op_kind in _PILL_OPS):
        return max(40.0, text_width(n.label, SMALL_SIZE) + 16), 20.0, "pill"
    w = max(text_width(n.label), text_width(n.detail, SMALL_SIZE)) + 22
    return max(64.0, w), (38.0 if n.detail else 24.0), "rect"


class _Placer:
    """Places segments along one line; `vertical` picks the axis mapping."""

    def __init__(self, graph: Graph, vertical: bool, badges: bool) -> None:
        self.g, self.vertical, self.badges = graph, vertical, badges
        self.size = {nid: node_size(n) for nid, n in graph.nodes.items()}
        labels = [text_width(e.label, SMALL_SIZE) for e in graph.edges] or [0.0]
        self.label_w = max(labels)
        main_ids = {nid for s in graph.segments for nid in _main_ids(s)}
        short_ids = {nid for s in graph.segments if isinstance(s, Residual) for nid in s.shortcut}
        self.main_half = max((self._across(nid) / 2 for nid in main_ids), default=30.0)
        short_half = max((self._across(nid) / 2 for nid in short_ids), default=0.0)
        residuals = [s for s in graph.segments if isinstance(s, Residual)]
        # vertical: block titles stand in a gutter left of the main lane, clear of every edge
        self.title_w = (
            max(
                (
                    max(text_width(r.group, SMALL_SIZE + 1) * 1.08, text_width(r.subtitle, SMALL_SIZE))
                    for r in residuals
                ),
                default=0.0,
            )
            + 14
        )
        if vertical:
            self.gap = 38.0
            self.lane = max(self.main_half, 8 + self.label_w) + 26 + max(short_half, 8.0)
            self.across_extent = (
                -self.main_half - FRAME_PAD - self.title_w,
                self.lane + max(short_half, 8 + self.label_w) + FRAME_PAD,
            )
        else:
            self.gap = self.label_w + 24
            self.lane = self.main_half + 40 + max(short_half, 6.0)
            self.across_extent = (
                -self.main_half - FRAME_PAD - FRAME_TITLE - 4,
                self.lane + max(short_half, 6.0) + FRAME_PAD,
            )
        self.boxes: dict[str, Box] = {}
        self.wires: list[Wire] = []
        self.frames: list[Frame] = []
        self.junctions: list[Point] = []

    # along/across extents of a node
    def _along(self, nid: str) -> float:
        w, h, _ = self.size[nid]
        return h if self.vertical else w

    def _across(self, nid: str) -> float:
        w, h, _ = self.size[nid]
        return w if self.vertical else h

    def xy(self, along: float, across: float) -> Point:
        return (across, along) if self.vertical else (along, across)

    def put(self, nid: str, along: float, across: float) -> float:
        """Place a node starting at `along`, centred on `across`; returns its end."""
        w, h, shape = self.size[nid]
        if self.vertical:
            self.boxes[nid] = Box(nid, across - w / 2, along, w, h, shape, self.g.nodes[nid])
        else:
            self.boxes[nid] = Box(nid, along, across - h / 2, w, h, shape, self.g.nodes[nid])
        return along + self._along(nid)

    def wire(self, edge: Edge, pts: list[tuple[float, float]], label_seg: int = 0) -> None:
        """`pts` in (along, across); the label sits beside segment `label_seg`."""
        (a0, c0), (a1, c1) = pts[label_seg], pts[label_seg + 1]
        anchor: TextAnchor
        if self.vertical:
            label_at, anchor = self.xy((a0 + a1) / 2 + 4, max(c0, c1) + 7), "start"
        else:
            label_at, anchor = self.xy((a0 + a1) / 2, min(c0, c1) - 6), "middle"
        self.wires.append(Wire(edge, tuple(self.xy(a, c) for a, c in pts), label_at, anchor))

    # ---- segments ----------------------------------------------------------
    def place(self, segments: list[Segment], cursor: float, incoming: tuple[str, float] | None) -> float:
        """Place `segments` from `cursor`; `incoming` is (tail node, its end) of a
        previous column, or None. Returns the end of the last node."""
        tail = incoming
        for seg in segments:
            if isinstance(seg, Chain):
                for nid in seg.nodes:
                    end = self.put(nid, cursor, 0.0)
                    if tail is not None:
                        self._link(tail, nid, cursor)
                    tail, cursor = (nid, end), end + self.gap
            else:
                tail, cursor = self._residual(seg, cursor, tail)
        return cursor - self.gap

    def _link(self, tail: tuple[str, float], nid: str, start: float) -> None:
        src, src_end = tail
        edge = self.g.edge(src, nid)
        if src_end <= start:
            self.wire(edge, [(src_end, 0.0), (start, 0.0)])
        else:  # from the end of the previous column: around to the top of this one
            self.wire(edge, self._wrap_points(src, src_end, start), 0)

    def _wrap_points(self, src: str, src_end: float, start: float) -> list[tuple[float, float]]:
        # the source lies in an earlier column, translated later: leave a marker
        return [(src_end, 0.0), (start, 0.0)]

    def _residual(
        self, seg: Residual, cursor: float, tail: tuple[str, float] | None
    ) -> tuple[tuple[str, float], float]:
        assert tail is not None
        split_src, _ = tail
        main_start = cursor
        frame_start = cursor - 10  # below the incoming edge's label
        split = cursor - 5  # the shortcut leaves just above the first main node
        prev: tuple[str, float] = tail
        for i, nid in enumerate(seg.main):
            end = self.put(nid, cursor, 0.0)
            self._link(prev, nid, cursor) if i else self._link(tail, nid, cursor)
            prev, cursor = (nid, end), end + self.gap
        add_start = cursor
        add_end = self.put(seg.add, add_start, 0.0)
        add_mid = (add_start + add_end) / 2
        r = self._along(seg.add) / 2
        self.wire(self.g.edge(prev[0], seg.add), [(prev[1], 0.0), (add_start, 0.0)])
        # shortcut lane
        lane = self.lane
        self.junctions.append(self.xy(split, 0.0))
        if seg.shortcut:
            total = sum(self._along(n) for n in seg.shortcut) + self.gap * (len(seg.shortcut) - 1)
            s = max(main_start, (main_start + add_start - self.gap - total) / 2)
            first = seg.shortcut[0]
            short_prev: tuple[str, float] | None = None
            for nid in seg.shortcut:
                end = self.put(nid, s, lane)
                if short_prev is None:
                    self.wire(self.g.edge(split_src, first), [(split, 0.0), (split, lane), (s, lane)], 1)
                else:
                    self.wire(self.g.edge(short_prev[0], nid), [(short_prev[1], lane), (s, lane)])
                short_prev, s = (nid, end), end + self.gap
            assert short_prev is not None
            self.wire(self.g.edge(short_prev[0], seg.add), [(short_prev[1], lane), (add_mid, lane), (add_mid, r)], 0)
        else:
            self.wire(self.g.edge(split_src, seg.add), [(split, 0.0), (split, lane), (add_mid, lane), (add_mid, r)], 1)
        # the ReLU after the add
        cursor = add_end + (self.gap * 0.6 if self.vertical else self.gap)
        relu = seg.after[0]
        relu_end = self.put(relu, cursor, 0.0)
        self.wire(self.g.edge(seg.add, relu), [(add_end, 0.0), (cursor, 0.0)])
        lo, hi = self.across_extent
        a0, a1 = frame_start, relu_end + FRAME_PAD
        if self.vertical:
            x, y, w, h = lo, a0, hi - lo, a1 - a0
        else:
            x, y, w, h = a0, lo, a1 - a0, hi - lo
        self.frames.append(
            Frame(seg.group, x, y, w, h, seg.group, seg.subtitle, seg.badge if self.badges else "", seg.status)
        )
        return (relu, relu_end), relu_end + self.gap


def _main_ids(s: Segment) -> tuple[str, ...]:
    if isinstance(s, Chain):
        return s.nodes
    return (*s.main, s.add, *s.after)


def _segment_lengths(graph: Graph, vertical: bool, badges: bool) -> list[float]:
    p = _Placer(graph, vertical, badges)
    lengths, cursor, tail = [], 0.0, None
    for seg in graph.segments:
        start = cursor
        end = p.place([seg], cursor, tail)
        last = _main_ids(seg)[-1]
        tail = (last, end)
        cursor = end + p.gap
        lengths.append(cursor - start)
    return lengths


def layout(
    graph: Graph,
    orientation: Orientation = "vertical",
    fit: Fit | None = None,
    badges: bool = True,
    title: str | None = None,
    caption: str | None = None,
) -> Layout:
    """Place `graph` in pixels. Raises ValueError for an unknown orientation or fit.

    Invariants: every node gets one box and no two boxes overlap; every edge gets one
    wire (a polyline from its source box to its destination box) with a spot for its
    shape label; every Residual segment gets a frame that contains all its boxes;
    everything, labels and notes included, lies inside `width` x `height` with a
    `MARGIN` border (title above, caption below). With `fit="16:9"` the segments
    are wrapped into columns (vertical) or rows (horizontal) and the canvas is
    padded to exactly 16:9; nothing is scaled.
    """
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation: {orientation!r} is not allowed; allowed: {', '.join(ORIENTATIONS)}")
    if fit is not None and fit not in FITS:
        raise ValueError(f"fit: {fit!r} is not allowed; allowed: {', '.join(FITS)}")
    vertical = orientation == "vertical"
    segments = list(graph.segments)
    cuts: list[int] = []
    probe = _Placer(graph, vertical, badges)
    lo, hi = probe.across_extent
    band = hi - lo + 40
    if fit and len(segments) > 1:
        cuts = columns_for_slide(_segment_lengths(graph, vertical, badges), band, vertical)
    groups = [segments[a:b] for a, b in zip([0, *cuts], [*cuts, len(segments)], strict=True)]
    placer = _Placer(graph, vertical, badges)
    tail: tuple[str, float] | None = None
    column_tops: list[tuple[int, int]] = []  # (wire index of the wrap edge, column)
    for col, segs in enumerate(groups):
        before_boxes, before_wires, before_frames, before_j = (
            set(placer.boxes),
            len(placer.wires),
            len(placer.frames),
            len(placer.junctions),
        )
        incoming = tail if col == 0 else (tail[0], math.inf) if tail else None
        end = placer.place(segs, 0.0, incoming)
        if col:
            _shift(placer, col * band, set(placer.boxes) - before_boxes, before_wires, before_frames, before_j)
            column_tops.append((before_wires, col))
        last = _main_ids(segs[-1])[-1]
        tail = (last, end)
    _route_wraps(placer, column_tops, band)
    return _finish(placer, vertical, fit, title, caption)


def _shift(p: _Placer, by: float, ids: set[str], wire_from: int, frame_from: int, junction_from: int) -> None:
    """Move one slide column (what was placed after the given indices) across by `by`."""
    dx, dy = (by, 0.0) if p.vertical else (0.0, by)
    for nid in ids:
        p.boxes[nid] = p.boxes[nid].moved(dx, dy)
    p.wires[wire_from:] = [w.moved(dx, dy) for w in p.wires[wire_from:]]
    p.frames[frame_from:] = [f.moved(dx, dy) for f in p.frames[frame_from:]]
    p.junctions[junction_from:] = [moved_point(j, dx, dy) for j in p.junctions[junction_from:]]


def _route_wraps(p: _Placer, column_tops: list[tuple[int, int]], band: float) -> None:
    """The edge from the end of one column to the start of the next goes down,
    across the gutter, up, and into the first node."""
    for wire_index, _col in column_tops:
        w = p.wires[wire_index]
        src, dst = p.boxes[w.edge.src], p.boxes[w.edge.dst]
        anchor: TextAnchor
        if p.vertical:
            sx, sy = src.cx, src.y + src.h
            tx, ty = dst.cx, dst.y
            gutter = sx + p.across_extent[1] + 20
            pts = (
                (sx, sy),
                (sx, sy + p.gap / 2),
                (gutter, sy + p.gap / 2),
                (gutter, ty - p.gap / 2 - 8),
                (tx, ty - p.gap / 2 - 8),
                (tx, ty),
            )
            label = (sx + 7, sy + p.gap / 2 - 9)
            anchor = "start"
        else:
            sx, sy = src.x + src.w, src.cy
            tx, ty = dst.x, dst.cy
            gutter = sy + p.across_extent[1] + 20
            pts = (
                (sx, sy),
                (sx + p.gap / 2, sy),
                (sx + p.gap / 2, gutter),
                (tx - p.gap / 2, gutter),
                (tx - p.gap / 2, ty),
                (tx, ty),
            )
            label = ((sx + tx) / 2, gutter - 6)
            anchor = "middle"
        p.wires[wire_index] = replace(w, points=pts, label_at=label, label_anchor=anchor)


def _finish(p: _Placer, vertical: bool, fit: Fit | None, title: str | None, caption: str | None) -> Layout:
    """Move the drawing to the margins (below the title), size the canvas to it (wide
    enough for title and caption, padded to 16:9 when fitted) and freeze it."""
    left, top_edge, right, bottom = _bounds(p, vertical)
    top = MARGIN + (TITLE_H if title else 0)
    dx, dy = MARGIN - left, top - top_edge
    width = right - left + 2 * MARGIN
    height = bottom - top_edge + top + MARGIN + (CAPTION_H if caption else 0)
    if title:
        width = max(width, text_width(title, 16) + 2 * MARGIN)
    if caption:
        width = max(width, text_width(caption, SMALL_SIZE + 1) + 2 * MARGIN)
    if fit == "16:9":
        dx, dy, width, height = pad_to_slide(dx, dy, width, height)
    drawn = Layout(  # moved() makes the final collections: the placer's are not copied first
        p.boxes,
        tuple(p.wires),
        tuple(p.frames),
        (),
        tuple(p.junctions),
        round(width, 1),
        round(height, 1),
        "vertical" if vertical else "horizontal",
    ).moved(dx, dy)
    return replace(drawn, texts=framing_texts(width, height, title, caption))


def _bounds(p: _Placer, vertical: bool) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of everything drawn: boxes (and the notes left of
    them), frames, wires and their labels."""
    xs: list[float] = []
    ys: list[float] = []
    for b in p.boxes.values():
        xs += [b.x, b.x + b.w]
        if b.node.note and vertical:  # the note stands left of the node
            xs.append(b.x - text_width(b.node.note, SMALL_SIZE) - 10)
        ys += [b.y, b.y + b.h]
    for f in p.frames:
        xs += [f.x, f.x + f.w]
        ys += [f.y, f.y + f.h]
    for w in p.wires:
        for x, y in w.points:
            xs.append(x)
            ys.append(y)
        lx = w.label_at[0] + (text_width(w.edge.label, SMALL_SIZE) if w.label_anchor == "start" else 0)
        xs.append(lx)
    return min(xs), min(ys), max(xs), max(ys)
