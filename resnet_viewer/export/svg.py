"""Layout → SVG text, by hand: deterministic (same layout, same bytes), text
kept as text, a viewBox, no raster, no features QtSvg lacks (arrowheads are
polygons, not markers; text is placed by baseline, not dominant-baseline) so
the same file renders to PNG and PDF unchanged."""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape, quoteattr

from ..core.layout import Box, Layout, Wire
from ..core.theme import FONT_FAMILY, FONT_SIZE, SMALL_SIZE, Theme


def num(v: float) -> str:
    """Fixed, locale-free number formatting: deterministic and short."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _id(prefix: str, name: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _text(x: float, y: float, text: str, size: float, fill: str, anchor: str = "middle", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}" text-anchor="{anchor}"{weight}>{escape(text)}</text>'


def _wire_style(w: Wire, t: Theme) -> tuple[str, float, str]:
    e = w.edge
    if e.status == "error":
        return t.error, 2.0, ""
    if e.status == "unknown":
        return t.unknown, 1.2, ' stroke-dasharray="4 3"'
    if e.changed:
        return t.changed, 2.2, ""
    if e.lane == "shortcut":
        return t.shortcut, 1.6, ""
    return t.edge, 1.3, ""


def _arrow(pts: tuple[tuple[float, float], ...], colour: str) -> str:
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    size, spread = 7.0, 0.42
    a = (x1 - size * math.cos(ang - spread), y1 - size * math.sin(ang - spread))
    b = (x1 - size * math.cos(ang + spread), y1 - size * math.sin(ang + spread))
    return f'<polygon points="{num(x1)},{num(y1)} {num(a[0])},{num(a[1])} {num(b[0])},{num(b[1])}" fill="{colour}"/>'


def _node(b: Box, t: Theme, vertical: bool) -> list[str]:
    n = b.node
    stroke = {"error": t.error, "unknown": t.unknown}.get(n.status, t.stroke)
    dash = ' stroke-dasharray="4 3"' if n.status == "unknown" else ""
    fill = t.fill(n.kind, "relu_op" if n.op_kind == "relu" else n.op_kind)
    out = [f"<g id={quoteattr(_id('node-', n.id))}>"]
    if n.tooltip:
        out.append(f"<title>{escape(n.tooltip)}</title>")
    if b.shape == "circle":
        fill = "#fde0e0" if n.status == "error" and t.name == "light" else fill
        out.append(
            f'<circle cx="{num(b.cx)}" cy="{num(b.cy)}" r="{num(b.w / 2)}" fill="{fill}" stroke="{stroke}" stroke-width="1.6"{dash}/>'
        )
        out.append(_text(b.cx, b.cy + 5, n.label, 15, stroke, bold=True))
    else:
        rx = b.h / 2 if b.shape == "pill" else 6
        out.append(
            f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}" rx="{num(rx)}" fill="{fill}" stroke="{stroke}" stroke-width="1.2"{dash}/>'
        )
        size = SMALL_SIZE if b.shape == "pill" else FONT_SIZE
        if n.detail:
            out.append(_text(b.cx, b.y + 16, n.label, size, t.text))
            out.append(_text(b.cx, b.y + 30, n.detail, SMALL_SIZE, t.muted))
        else:
            out.append(_text(b.cx, b.cy + size * 0.36, n.label, size, t.text if n.status != "unknown" else t.muted))
    if n.note:  # beside the node when the flow is vertical, above it when horizontal
        if vertical:  # left: the shortcut lane runs on the right
            out.append(_text(b.x - 8, b.cy + 4, n.note, SMALL_SIZE, t.error, "end", bold=True))
        else:
            out.append(_text(b.cx, b.y - 12, n.note, SMALL_SIZE, t.error, "middle", bold=True))
    out.append("</g>")
    return out


def to_svg(lay: Layout, theme: Theme, transparent: bool = False, description: str = "") -> str:
    w, h = num(lay.width), num(lay.height)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family={quoteattr(FONT_FAMILY)}>',
    ]
    if description:
        out.append(f"<desc>{escape(description)}</desc>")
    if not transparent:
        out.append(f'<rect id="background" x="0" y="0" width="{w}" height="{h}" fill="{theme.background}"/>')
    out.append('<g id="frames">')
    for f in lay.frames:
        stroke = theme.error if f.status == "error" else theme.frame
        out.append(f"<g id={quoteattr(_id('frame-', f.group))}>")
        out.append(
            f'<rect x="{num(f.x)}" y="{num(f.y)}" width="{num(f.w)}" height="{num(f.h)}" rx="10" fill="none" stroke="{stroke}" stroke-width="1" stroke-dasharray="5 4"/>'
        )
        if lay.orientation == "vertical":  # two lines in the gutter left of the main lane
            out.append(_text(f.x + 9, f.y + 17, f.title, SMALL_SIZE + 1, theme.text, "start", bold=True))
            out.append(_text(f.x + 9, f.y + 31, f.subtitle, SMALL_SIZE, theme.muted, "start"))
        else:
            out.append(
                _text(f.x + 9, f.y + 14, f"{f.title} · {f.subtitle}", SMALL_SIZE + 0.5, theme.muted, "start", bold=True)
            )
        if f.badge:
            out.append(_text(f.x + f.w - 9, f.y + f.h - 6, f.badge, SMALL_SIZE - 1, theme.muted, "end"))
        out.append("</g>")
    out.append("</g>")
    out.append('<g id="wires" fill="none">')
    for wire in lay.wires:
        colour, width, dash = _wire_style(wire, theme)
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in wire.points)
        eid = _id("edge-", f"{wire.edge.src}--{wire.edge.dst}")
        out.append(
            f'<g id={quoteattr(eid)}><polyline points="{pts}" stroke="{colour}" stroke-width="{num(width)}" stroke-linejoin="round"{dash}/>{_arrow(wire.points, colour)}</g>'
        )
    out.append("</g>")
    out.append('<g id="junctions">')
    for x, y in lay.junctions:
        out.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="2.6" fill="{theme.shortcut}"/>')
    out.append("</g>")
    out.append('<g id="labels">')
    for wire in lay.wires:
        if wire.edge.label:
            colour, _, _ = _wire_style(wire, theme)
            colour = colour if wire.edge.changed or wire.edge.status == "error" else theme.muted
            x, y = wire.label_at
            out.append(
                _text(x, y + 3.5, wire.edge.label, SMALL_SIZE, colour, wire.label_anchor, bold=wire.edge.changed)
            )
    out.append("</g>")
    out.append('<g id="nodes">')
    for b in lay.boxes.values():
        out.extend(_node(b, theme, lay.orientation == "vertical"))
    out.append("</g>")
    for c in lay.texts:
        out.append(_text(c.x, c.y, c.text, c.size, theme.text, bold=c.bold))
    out.append("</svg>")
    return "\n".join(out) + "\n"
