"""What every part of the diagram looks like in every state — decided once.

Plain data, no Qt: `export.svg` writes it as SVG attributes and
`gui.graph_scene` turns it into pens and brushes, so the window and the
exported file cannot disagree (`tests/test_style.py` renders every state in
both and compares). Widths and dash lengths are CSS px of the layout.

States: a node is ok, unknown (shape not known: dashed, muted) or error (the
add whose branches disagree, a stem that cannot run); a wire is plain,
shortcut-lane, changed (its source changed C, H or W: bold, blue), unknown or
error; a frame is plain, error, selected (the block picked in the window) or
override (the block has its own shortcut variant).
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import BoxShape, Status
from .graph import Edge, Node
from .shapes import ERROR, UNKNOWN
from .theme import FONT_SIZE, SMALL_SIZE, Theme

DASH: tuple[float, ...] = (4.0, 3.0)  # unknown nodes and wires
FRAME_DASH: tuple[float, ...] = (5.0, 4.0)
ARROW_SIZE, ARROW_SPREAD = 7.0, 0.42  # arrowhead length (px) and half-angle (rad)
JUNCTION_RADIUS = 2.6
ADD_SIZE = 15.0  # the "+" in the add circle
CORNER = 6.0  # rect node corner radius; pills are fully rounded
FRAME_CORNER = 10.0


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    stroke: str
    width: float
    dash: tuple[float, ...]  # () = solid
    text: str  # the label
    detail: str  # the second line
    size: float  # label font size (px)
    bold: bool
    note: str  # the mismatch written beside an add node


@dataclass(frozen=True)
class WireStyle:
    colour: str  # the line and its arrowhead
    width: float
    dash: tuple[float, ...]
    label: str  # label colour
    bold: bool


@dataclass(frozen=True)
class FrameStyle:
    stroke: str
    width: float
    dash: tuple[float, ...]
    fill: str | None  # None: no fill
    fill_opacity: float
    title: str
    subtitle: str


def node_style(node: Node, shape: BoxShape, theme: Theme) -> NodeStyle:
    """`shape` is the layout's box shape."""
    t = theme
    stroke = {ERROR: t.error, UNKNOWN: t.unknown}.get(node.status, t.stroke)
    fill = (
        t.error_fill
        if node.status == ERROR
        else t.fill(node.kind, "relu_op" if node.op_kind == "relu" else node.op_kind)
    )
    if shape == "circle":
        return NodeStyle(fill, stroke, 1.6, _dash(node.status), stroke, t.muted, ADD_SIZE, True, t.error)
    unknown_label = node.status == UNKNOWN and not node.detail  # a two-line label keeps its dark first line
    return NodeStyle(
        fill,
        stroke,
        1.2,
        _dash(node.status),
        t.muted if unknown_label else t.text,
        t.muted,
        SMALL_SIZE if shape == "pill" else FONT_SIZE,
        False,
        t.error,
    )


def wire_style(edge: Edge, theme: Theme) -> WireStyle:
    t = theme
    if edge.status == ERROR:
        colour, width = t.error, 2.0
    elif edge.status == UNKNOWN:
        colour, width = t.unknown, 1.2
    elif edge.changed:
        colour, width = t.changed, 2.2
    elif edge.lane == "shortcut":
        colour, width = t.shortcut, 1.6
    else:
        colour, width = t.edge, 1.3
    label = colour if edge.changed or edge.status == ERROR else t.muted
    return WireStyle(colour, width, _dash(edge.status), label, edge.changed)


def frame_style(status: Status, theme: Theme, *, selected: bool = False, override: bool = False) -> FrameStyle:
    t = theme
    if selected:
        return FrameStyle(t.changed, 2.4, (), t.changed, 22 / 255, t.text, t.muted)
    if status == ERROR:
        return FrameStyle(t.error, 1.0, FRAME_DASH, None, 0.0, t.text, t.muted)
    if override:  # solid, in the shortcut colour: this block's shortcut is not the network's
        return FrameStyle(t.shortcut, 1.4, (), None, 0.0, t.text, t.muted)
    return FrameStyle(t.frame, 1.0, FRAME_DASH, None, 0.0, t.text, t.muted)


def _dash(status: Status) -> tuple[float, ...]:
    return DASH if status == UNKNOWN else ()
