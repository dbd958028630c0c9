"""A placed drawing, in pixels: its boxes, wires, frames and captions and the Layout
that holds them (what `core.layout` produces and the renderers draw), the text
measurement every placement uses, and the canvas around a drawing (margins,
title and caption, 16:9 padding) shared by `core.layout` and `core.compose`.
Text is measured with an estimate of sans-serif advance widths (no font engine in
the core); CJK ideographs and full-width punctuation are one em wide in every CJK font.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .choices import BoxShape, Orientation, Status, TextAnchor
from .graph import Edge, Node
from .i18n import is_wide
from .theme import FONT_SIZE, SMALL_SIZE

Point = tuple[float, float]
MARGIN = 24.0
TITLE_H = 34.0
CAPTION_H = 26.0

# Advance widths in em, close to DejaVu Sans (the widest common fallback), so
# boxes fit whichever sans-serif the viewer picks.
_NARROW = set("il.,:;|!'()[]{} /-·")
_WIDE = set("mwMW@%")
_SYMBOLS = {"→": 0.84, "×": 0.84, "≠": 0.84, "✗": 0.84, "+": 0.84, "‖": 0.5}


@lru_cache(maxsize=8192)  # labels repeat ("512×28×28" dozens of times): measured once
def text_width(text: str, size: float = FONT_SIZE) -> float:
    w = 0.0
    for ch in text:
        if ch in _SYMBOLS:
            w += _SYMBOLS[ch]
        elif is_wide(ch):  # 中文 and （），：: one em in Noto Sans CJK, Source Han, YaHei, PingFang
            w += 1.0
        elif ch in _NARROW:
            w += 0.34
        elif ch in _WIDE:
            w += 0.92
        elif ch.isupper():
            w += 0.72
        elif ch.isdigit():
            w += 0.64
        else:
            w += 0.6
    return w * size


@dataclass(frozen=True)
class Box:
    id: str
    x: float  # top-left
    y: float
    w: float
    h: float
    shape: BoxShape
    node: Node

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float) -> Box:
        # plain constructors, not dataclasses.replace: this runs for every item on every edit
        return Box(self.id, self.x + dx, self.y + dy, self.w, self.h, self.shape, self.node)


def moved_point(p: Point, dx: float, dy: float) -> Point:
    return (p[0] + dx, p[1] + dy)


@dataclass(frozen=True)
class Wire:
    edge: Edge
    points: tuple[Point, ...]
    label_at: Point
    label_anchor: TextAnchor  # start or middle

    def moved(self, dx: float, dy: float) -> Wire:
        points = tuple((x + dx, y + dy) for x, y in self.points)
        return Wire(self.edge, points, moved_point(self.label_at, dx, dy), self.label_anchor)


@dataclass(frozen=True)
class Frame:
    group: str
    x: float
    y: float
    w: float
    h: float
    title: str  # "layer2.0"
    subtitle: str  # "stride 2 · conv1x1"
    badge: str
    status: Status

    def moved(self, dx: float, dy: float) -> Frame:
        return Frame(
            self.group, self.x + dx, self.y + dy, self.w, self.h, self.title, self.subtitle, self.badge, self.status
        )


@dataclass(frozen=True)
class Caption:
    text: str
    x: float
    y: float
    size: float
    bold: bool = False

    def moved(self, dx: float, dy: float) -> Caption:
        return Caption(self.text, self.x + dx, self.y + dy, self.size, self.bold)


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    wires: tuple[Wire, ...]
    frames: tuple[Frame, ...]
    texts: tuple[Caption, ...]
    junctions: tuple[Point, ...]  # where a shortcut lane leaves the main line
    width: float
    height: float
    orientation: Orientation

    def moved(self, dx: float, dy: float) -> Layout:
        """Everything drawn shifted by (dx, dy); the canvas keeps its size."""
        return replace(
            self,
            boxes={k: b.moved(dx, dy) for k, b in self.boxes.items()},
            wires=tuple(w.moved(dx, dy) for w in self.wires),
            frames=tuple(f.moved(dx, dy) for f in self.frames),
            texts=tuple(t.moved(dx, dy) for t in self.texts),
            junctions=tuple(moved_point(j, dx, dy) for j in self.junctions),
        )


def framing_texts(width: float, height: float, title: str | None, caption: str | None) -> tuple[Caption, ...]:
    """The figure's title (centred above) and caption (centred below) on a canvas of this size."""
    texts = []
    if title:
        texts.append(Caption(title, width / 2, MARGIN + 18, 16.0, True))
    if caption:
        texts.append(Caption(caption, width / 2, height - MARGIN + 2, SMALL_SIZE + 1))
    return tuple(texts)


def pad_to_slide(dx: float, dy: float, width: float, height: float) -> tuple[float, float, float, float]:
    """Grow the short side of a `width`×`height` canvas to 16:9; the shift (dx, dy) that
    puts the drawing on it grows by half the padding, so the drawing stays centred."""
    if width / height < 16 / 9:
        extra = height * 16 / 9 - width
        return dx + extra / 2, dy, width + extra, height
    extra = width * 9 / 16 - height
    return dx, dy + extra / 2, width, height + extra
