"""Layout → SVG text, by hand: deterministic (same layout, same bytes), text
kept as text, a viewBox, no raster, no features QtSvg lacks (arrowheads are
polygons, not markers; text is placed by baseline, not dominant-baseline) so
the same file renders to PNG and PDF unchanged."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

from ..core import style
from ..core.choices import TextAnchor
from ..core.drawing import Box, Layout
from ..core.theme import SMALL_SIZE, Theme, font_family

# characters XML 1.0 cannot hold at all, not even as &#N;: dropped, so the file always parses
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    return _xml_escape(_ILLEGAL.sub("", text))


def num(v: float) -> str:
    """Fixed, locale-free number formatting: deterministic and short."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _id(prefix: str, name: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def svg_text(
    x: float, y: float, text: str, size: float, fill: str, anchor: TextAnchor = "middle", bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}" text-anchor="{anchor}"{weight}>{escape(text)}</text>'


def _stroke(colour: str, width: float, dash: tuple[float, ...]) -> str:
    d = f' stroke-dasharray="{" ".join(num(v) for v in dash)}"' if dash else ""
    return f'stroke="{colour}" stroke-width="{num(width)}"{d}'


def _arrow(pts: tuple[tuple[float, float], ...], colour: str) -> str:
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    size, spread = style.ARROW_SIZE, style.ARROW_SPREAD
    a = (x1 - size * math.cos(ang - spread), y1 - size * math.sin(ang - spread))
    b = (x1 - size * math.cos(ang + spread), y1 - size * math.sin(ang + spread))
    return f'<polygon points="{num(x1)},{num(y1)} {num(a[0])},{num(a[1])} {num(b[0])},{num(b[1])}" fill="{colour}"/>'


def _node(b: Box, t: Theme, vertical: bool) -> list[str]:
    n = b.node
    s = style.node_style(n, b.shape, t)
    line = _stroke(s.stroke, s.width, s.dash)
    out = [f"<g id={quoteattr(_id('node-', n.id))}>"]
    if n.tooltip:
        out.append(f"<title>{escape(n.tooltip)}</title>")
    if b.shape == "circle":
        out.append(f'<circle cx="{num(b.cx)}" cy="{num(b.cy)}" r="{num(b.w / 2)}" fill="{s.fill}" {line}/>')
        out.append(svg_text(b.cx, b.cy + 5, n.label, s.size, s.text, bold=s.bold))
    else:
        rx = b.h / 2 if b.shape == "pill" else style.CORNER
        out.append(
            f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}" rx="{num(rx)}" fill="{s.fill}" {line}/>'
        )
        if n.detail:
            out.append(svg_text(b.cx, b.y + 16, n.label, s.size, s.text, bold=s.bold))
            out.append(svg_text(b.cx, b.y + 30, n.detail, SMALL_SIZE, s.detail))
        else:
            out.append(svg_text(b.cx, b.cy + s.size * 0.36, n.label, s.size, s.text, bold=s.bold))
    if n.note:  # beside the node when the flow is vertical, above it when horizontal
        if vertical:  # left: the shortcut lane runs on the right
            out.append(svg_text(b.x - 8, b.cy + 4, n.note, SMALL_SIZE, s.note, "end", bold=True))
        else:
            out.append(svg_text(b.cx, b.y - 12, n.note, SMALL_SIZE, s.note, "middle", bold=True))
    out.append("</g>")
    return out


def _texts(lay: Layout) -> Iterator[str]:
    """Every text the figure draws (the font list depends on them)."""
    for b in lay.boxes.values():
        yield from (b.node.label, b.node.detail, b.node.note)
    for f in lay.frames:
        yield from (f.title, f.subtitle, f.badge)
    for wire in lay.wires:
        yield wire.edge.label
    for c in lay.texts:
        yield c.text


def to_svg(
    lay: Layout, theme: Theme, transparent: bool = False, description: str = "", selected: str | None = None
) -> str:
    """`selected`: a block or stage drawn highlighted, as the window shows it."""
    w, h = num(lay.width), num(lay.height)
    family = font_family(_texts(lay))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family={quoteattr(family)}>',
    ]
    if description:
        out.append(f"<desc>{escape(description)}</desc>")
    if not transparent:
        out.append(f'<rect id="background" x="0" y="0" width="{w}" height="{h}" fill="{theme.background}"/>')
    out.append('<g id="frames">')
    for f in lay.frames:
        fs = style.frame_style(f.status, theme, selected=f.group == selected)
        fill = f'fill="{fs.fill}" fill-opacity="{fs.fill_opacity:.3f}"' if fs.fill else 'fill="none"'
        out.append(f"<g id={quoteattr(_id('frame-', f.group))}>")
        out.append(
            f'<rect x="{num(f.x)}" y="{num(f.y)}" width="{num(f.w)}" height="{num(f.h)}" rx="{num(style.FRAME_CORNER)}" {fill} {_stroke(fs.stroke, fs.width, fs.dash)}/>'
        )
        if lay.orientation == "vertical":  # two lines in the gutter left of the main lane
            out.append(svg_text(f.x + 9, f.y + 17, f.title, SMALL_SIZE + 1, fs.title, "start", bold=True))
            out.append(svg_text(f.x + 9, f.y + 31, f.subtitle, SMALL_SIZE, fs.subtitle, "start"))
        else:
            out.append(
                svg_text(
                    f.x + 9, f.y + 14, f"{f.title} · {f.subtitle}", SMALL_SIZE + 0.5, fs.subtitle, "start", bold=True
                )
            )
        if f.badge:
            out.append(svg_text(f.x + f.w - 9, f.y + f.h - 6, f.badge, SMALL_SIZE - 1, fs.subtitle, "end"))
        out.append("</g>")
    out.append("</g>")
    out.append('<g id="wires" fill="none">')
    for wire in lay.wires:
        ws = style.wire_style(wire.edge, theme)
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in wire.points)
        eid = _id("edge-", f"{wire.edge.src}--{wire.edge.dst}")
        out.append(
            f'<g id={quoteattr(eid)}><polyline points="{pts}" {_stroke(ws.colour, ws.width, ws.dash)} stroke-linejoin="round"/>{_arrow(wire.points, ws.colour)}</g>'
        )
    out.append("</g>")
    out.append('<g id="junctions">')
    for x, y in lay.junctions:
        out.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(style.JUNCTION_RADIUS)}" fill="{theme.shortcut}"/>')
    out.append("</g>")
    out.append('<g id="labels">')
    for wire in lay.wires:
        if wire.edge.label:
            ws = style.wire_style(wire.edge, theme)
            x, y = wire.label_at
            out.append(svg_text(x, y + 3.5, wire.edge.label, SMALL_SIZE, ws.label, wire.label_anchor, bold=ws.bold))
    out.append("</g>")
    out.append('<g id="nodes">')
    for b in lay.boxes.values():
        out.extend(_node(b, theme, lay.orientation == "vertical"))
    out.append("</g>")
    for c in lay.texts:
        out.append(svg_text(c.x, c.y, c.text, c.size, theme.text, bold=c.bold))
    out.append("</svg>")
    return "\n".join(out) + "\n"
