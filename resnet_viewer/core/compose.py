"""Several layouts side by side, each captioned: the comparison figure."""

from __future__ import annotations

from dataclasses import replace

from .layout import CAPTION_H, MARGIN, TITLE_H, Box, Caption, Frame, Layout, Point, Wire
from .theme import SMALL_SIZE


def side_by_side(layouts: list[Layout], captions: list[str], title: str | None = None, gap: float = 40.0) -> Layout:
    """Several layouts in one row, each with a caption under it (the comparison figure)."""
    boxes: dict[str, Box] = {}
    wires: list[Wire] = []
    frames: list[Frame] = []
    texts: list[Caption] = []
    junctions: list[Point] = []
    top = TITLE_H if title else 0.0
    x0, height = 0.0, 0.0
    for i, (lay, cap) in enumerate(zip(layouts, captions, strict=True)):
        pre = f"v{i}:"
        for k, b in lay.boxes.items():
            boxes[pre + k] = replace(b, id=pre + k, x=b.x + x0, y=b.y + top)
        wires += [
            replace(
                w,
                points=tuple((x + x0, y + top) for x, y in w.points),
                label_at=(w.label_at[0] + x0, w.label_at[1] + top),
            )
            for w in lay.wires
        ]
        frames += [replace(f, x=f.x + x0, y=f.y + top) for f in lay.frames]
        texts += [replace(t, x=t.x + x0, y=t.y + top) for t in lay.texts]
        junctions += [(x + x0, y + top) for x, y in lay.junctions]
        texts.append(Caption(cap, x0 + lay.width / 2, top + lay.height + 4, SMALL_SIZE + 2, True))
        x0 += lay.width + gap
        height = max(height, lay.height)
    width = x0 - gap
    if title:
        texts.insert(0, Caption(title, width / 2, MARGIN + 18, 16.0, True))
    return Layout(
        boxes,
        tuple(wires),
        tuple(frames),
        tuple(texts),
        tuple(junctions),
        round(width, 1),
        round(top + height + CAPTION_H, 1),
        layouts[0].orientation if layouts else "vertical",
    )
