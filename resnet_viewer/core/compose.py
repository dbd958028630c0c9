"""Several layouts, each captioned, in one figure: the comparison. In one row,
or — for a slide (`fit="16:9"`) — in the grid of equal cells whose shape is
closest to 16:9, padded to exactly 16:9 like a fitted network."""

from __future__ import annotations

import math
from dataclasses import replace

from .choices import FITS, Fit
from .drawing import (
    CAPTION_H,
    MARGIN,
    TITLE_H,
    Box,
    Caption,
    Frame,
    Layout,
    Point,
    Wire,
    framing_texts,
    moved_point,
    pad_to_slide,
    text_width,
)
from .theme import SMALL_SIZE

SLIDE = 16 / 9


def grid_columns(sizes: list[tuple[float, float]], gap: float, top: float) -> int:
    """How many columns of equal cells make the figure closest to 16:9."""
    cell_w = max(w for w, _ in sizes)
    cell_h = max(h for _, h in sizes) + CAPTION_H
    best, best_err = 1, math.inf
    for cols in range(1, len(sizes) + 1):
        rows = math.ceil(len(sizes) / cols)
        width = cols * cell_w + (cols - 1) * gap
        height = top + rows * cell_h + (rows - 1) * gap
        err = abs(math.log(width / height / SLIDE))
        if err < best_err - 1e-9:
            best, best_err = cols, err
    return best


def side_by_side(
    layouts: list[Layout],
    captions: list[str],
    title: str | None = None,
    gap: float = 40.0,
    fit: Fit | None = None,
    caption: str | None = None,
) -> Layout:
    """The panels in one row (natural widths), or in a 16:9 grid when `fit`;
    each panel's node, edge and frame names get a "vN:" prefix so ids stay unique."""
    if fit is not None and fit not in FITS:
        raise ValueError(f"fit: {fit!r} is not allowed; allowed: {', '.join(FITS)}")
    boxes: dict[str, Box] = {}
    wires: list[Wire] = []
    frames: list[Frame] = []
    texts: list[Caption] = []
    junctions: list[Point] = []
    top = TITLE_H if title else 0.0
    sizes = [(lay.width, lay.height) for lay in layouts]
    cols = grid_columns(sizes, gap, top) if fit else len(layouts)
    cell_w = max(w for w, _ in sizes)
    cell_h = max(h for _, h in sizes) + CAPTION_H
    x_row, width, height = 0.0, 0.0, 0.0
    for i, (lay, cap) in enumerate(zip(layouts, captions, strict=True)):
        row, col = divmod(i, cols)
        if fit:  # equal cells, each panel centred in its cell
            x0 = col * (cell_w + gap) + (cell_w - lay.width) / 2
            y0 = top + row * (cell_h + gap) + (cell_h - CAPTION_H - lay.height) / 2
        else:
            x0, y0 = x_row, top
            x_row += lay.width + gap
        _add_panel(lay, f"v{i}:", x0, y0, boxes, wires, frames, texts, junctions)
        cap_y = (top + row * (cell_h + gap) + cell_h - CAPTION_H if fit else top + lay.height) + 4
        texts.append(Caption(cap, x0 + lay.width / 2, cap_y, SMALL_SIZE + 2, True))
        width = max(width, x0 + lay.width)
        height = max(height, cap_y - 4 + CAPTION_H)
    if title:
        width = max(width, text_width(title, 16) + 2 * MARGIN)
    if caption:
        width = max(width, text_width(caption, SMALL_SIZE + 1) + 2 * MARGIN)
        height += CAPTION_H
    dx = dy = 0.0
    if fit:  # pad to the slide's shape, drawing centred
        dx, dy, width, height = pad_to_slide(dx, dy, width, height)
    drawn = Layout(
        boxes,
        tuple(wires),
        tuple(frames),
        tuple(texts),
        tuple(junctions),
        round(width, 1),
        round(height, 1),
        layouts[0].orientation if layouts else "vertical",
    ).moved(dx, dy)
    title_text, caption_text = framing_texts(width, height, title, None), framing_texts(width, height, None, caption)
    return replace(drawn, texts=title_text + drawn.texts + caption_text)


def _add_panel(
    lay: Layout,
    pre: str,
    x0: float,
    y0: float,
    boxes: dict[str, Box],
    wires: list[Wire],
    frames: list[Frame],
    texts: list[Caption],
    junctions: list[Point],
) -> None:
    """Append one panel's items, moved to (x0, y0) and with ids prefixed by `pre`."""
    for k, b in lay.boxes.items():
        boxes[pre + k] = replace(b.moved(x0, y0), id=pre + k, node=replace(b.node, id=pre + b.node.id))
    wires += [
        replace(w.moved(x0, y0), edge=replace(w.edge, src=pre + w.edge.src, dst=pre + w.edge.dst)) for w in lay.wires
    ]
    frames += [replace(f.moved(x0, y0), group=pre + f.group) for f in lay.frames]
    texts += [t.moved(x0, y0) for t in lay.texts]
    junctions += [moved_point(j, x0, y0) for j in lay.junctions]
