"""`export --block NAME --sampling`: which input positions each branch of a
block reads, drawn on a small grid standing for the block's input — a dot per
position a strided 1×1 (or `x[::s, ::s]`) keeps, a square per pooling window,
a 3×3 square per window of a strided 3×3 (overlaps show darker) — with the
coverage numbers from the core. Hand-written SVG like `export.svg`: text as
text, deterministic, only what QtSvg renders."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..core.coverage import Sampling, fmt_coverage, sampling_of
from ..core.drawing import text_width
from ..core.i18n import t
from ..core.presets import matching_preset
from ..core.shapes import infer
from ..core.spec import ArchSpec
from ..core.theme import FONT_SIZE, SMALL_SIZE, Theme, font_family
from .svg import num, svg_text

CELL = 26.0
MAX_FULL = 12  # inputs up to 12×12 are drawn whole (odd-size edges show); larger: the top-left corner
CROP = 8
MARGIN = 24.0
GAP = 48.0
LABEL = 18.0  # room for the row / column numbers


def _crop(size: int) -> int:
    return size if size <= MAX_FULL else CROP


def _colour(t: Theme, branch: str) -> tuple[str, str]:
    """(stroke, fill) of a branch: the shortcut lane's orange, the main lane's blue."""
    if branch == "shortcut":
        return t.shortcut, t.fill("shortcut")
    return t.changed, t.fill("main")


def _panel_lines(s: Sampling, block: str) -> tuple[str, str, str]:
    main = s.branch == "main"
    if s.layer is None:  # no layer: the identity
        title = t("main: identity: the input itself") if main else t("shortcut: identity: the input itself")
    elif main:
        title = t("main: {label}  ({where})", label=s.label, where=f"{block}.{s.layer}")
    else:
        title = t("shortcut: {label}  ({where})", label=s.label, where=f"{block}.{s.layer}")
    rows, cols = s.in_size
    crop_r, crop_c = _crop(rows), _crop(cols)
    grid = (
        t("input {rows}×{cols}", rows=rows, cols=cols)
        if (crop_r, crop_c) == (rows, cols)
        else t("top-left {crop_r}×{crop_c} of {rows}×{cols}", crop_r=crop_r, crop_c=crop_c, rows=rows, cols=cols)
    )
    if main:
        reads = t("the main branch reads {coverage} of the input positions", coverage=fmt_coverage(s.coverage))
    else:
        reads = t("the shortcut branch reads {coverage} of the input positions", coverage=fmt_coverage(s.coverage))
    return title, grid, reads


def _panel(s: Sampling, block: str, x0: float, y0: float, t: Theme) -> tuple[list[str], float, float]:
    """SVG of one branch's panel at (x0, y0); returns (elements, width, height)."""
    stroke, fill = _colour(t, s.branch)
    title, grid_note, reads = _panel_lines(s, block)
    rows, cols = _crop(s.in_size[0]), _crop(s.in_size[1])
    windows = s.windows(rows, cols)
    read = {(r, c) for _, _, rr, cc in windows for r in rr for c in cc}
    gx, gy = x0 + LABEL, y0 + 40 + LABEL
    out = [f"<g id={quoteattr('panel-' + s.branch)}>"]
    out.append(svg_text(x0, y0 + 14, title, FONT_SIZE, t.text, "start", bold=True))
    out.append(svg_text(x0, y0 + 30, grid_note, SMALL_SIZE, t.muted, "start"))
    for c in range(cols):
        out.append(svg_text(gx + (c + 0.5) * CELL, gy - 5, str(c), SMALL_SIZE - 1, t.muted))
    for r in range(rows):
        out.append(svg_text(gx - 4, gy + (r + 0.5) * CELL + 3.5, str(r), SMALL_SIZE - 1, t.muted, "end"))
    for r in range(rows):  # cells: filled when read, plain with a faint cross when never read
        for c in range(cols):
            x, y = gx + c * CELL, gy + r * CELL
            cell_fill = fill if (r, c) in read else t.background
            out.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(CELL)}" height="{num(CELL)}" fill="{cell_fill}" stroke="{t.frame}" stroke-width="0.8"/>'
            )
            if (r, c) not in read:
                a, b = CELL * 0.35, CELL * 0.65
                out.append(
                    f'<path d="M{num(x + a)},{num(y + a)} L{num(x + b)},{num(y + b)} M{num(x + b)},{num(y + a)} L{num(x + a)},{num(y + b)}" stroke="{t.unknown}" stroke-width="0.8"/>'
                )
    clip_r, clip_c = gy + rows * CELL, gx + cols * CELL
    win = s.window
    for i, j, rr, cc in windows:
        if len(rr) == 1 and len(cc) == 1:  # one position per output: a dot
            cx, cy = gx + (cc[0] + 0.5) * CELL, gy + (rr[0] + 0.5) * CELL
            out.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(CELL * 0.22)}" fill="{stroke}"/>')
            continue
        inset = 2.0 + 2.0 * ((i + j) % 2)  # neighbours' borders don't coincide where windows overlap
        x, y = gx + cc[0] * CELL + inset, gy + rr[0] * CELL + inset
        right = min(gx + (cc[-1] + 1) * CELL - inset, clip_c)
        bottom = min(gy + (rr[-1] + 1) * CELL - inset, clip_r)
        out.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(right - x)}" height="{num(bottom - y)}" rx="3" fill="{stroke}" fill-opacity="0.10" stroke="{stroke}" stroke-width="1"/>'
        )
        # the window's centre (padding included, so it is where the output position sits)
        cy = gy + (i * win.stride + win.centre_shift + 0.5) * CELL
        cx = gx + (j * win.stride + win.centre_shift + 0.5) * CELL
        if cx < clip_c and cy < clip_r:
            out.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="2.4" fill="{stroke}"/>')
    out.append(svg_text(x0, clip_r + 20, reads, SMALL_SIZE + 1, t.text, "start", bold=True))
    out.append("</g>")
    width = max(LABEL + cols * CELL, *(text_width(s, FONT_SIZE) for s in (title, reads)))
    return out, width, clip_r + 28 - y0


def legend() -> str:
    return t(
        "● a position read by a strided 1×1 or x[::s, ::s]   ▢ the window of one output position "
        "(darker where windows overlap; dot: its centre)   ✕ never read"
    )


def sampling_svg(
    spec: ArchSpec, block: str, theme: Theme, transparent: bool = False, title: str | None = None
) -> tuple[str, float, float]:
    """(SVG text, width, height) of the sampling figure for `block`."""
    report = infer(spec)
    names = [b.name for b in report.blocks]
    if block not in names:
        raise ValueError(f"--block: {block!r} is not in this network; blocks are {names[0]} … {names[-1]}")
    panels = [sampling_of(report, block, br) for br in ("shortcut", "main")]
    if any(p is None for p in panels):
        raise ValueError(f"--sampling: {block} comes after a block that cannot run, so its input size is unknown")
    heading = title or t(
        "{name} {block}: which input positions each branch reads",
        name=matching_preset(spec) or t("custom"),
        block=block,
    )
    key = legend()
    body: list[str] = []
    x, y, height = MARGIN, MARGIN + 30, 0.0
    for p in panels:
        assert p is not None
        elements, w, h = _panel(p, block, x, y, theme)
        body += elements
        x += w + GAP
        height = max(height, h)
    width = max(
        x - GAP + MARGIN, text_width(heading, FONT_SIZE + 3) + 2 * MARGIN, text_width(key, SMALL_SIZE) + 2 * MARGIN
    )
    total_h = y + height + 22 + MARGIN
    w_s, h_s = num(width), num(total_h)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w_s}" height="{h_s}" viewBox="0 0 {w_s} {h_s}" font-family={quoteattr(font_family([heading, key, *body]))}>',
        f"<desc>{escape(heading)}</desc>",
    ]
    if not transparent:
        out.append(f'<rect id="background" x="0" y="0" width="{w_s}" height="{h_s}" fill="{theme.background}"/>')
    out.append(svg_text(MARGIN, MARGIN + 8, heading, FONT_SIZE + 3, theme.text, "start", bold=True))
    out += body
    out.append(svg_text(MARGIN, y + height + 16, key, SMALL_SIZE, theme.muted, "start"))
    out.append("</svg>")
    return "\n".join(out) + "\n", width, total_h
