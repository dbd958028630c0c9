"""Colours and fonts shared by the Qt scene and the SVG writer (which colour\ngoes where, in which state, is `core/style.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .choices import NodeKind, OpKind, ThemeName
from .i18n import is_wide

# Latin faces first (drawing.text_width estimates DejaVu Sans-like widths), then the
# common CJK faces of Linux, macOS and Windows, so Chinese glyphs never fall back to
# tofu, then the generic family.
LATIN_FONTS = ("Inter", "Helvetica Neue", "Arial", "DejaVu Sans")
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")
FONT_FAMILY = "Inter, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
FONT_FAMILY_CJK = ", ".join([*(f"'{f}'" if " " in f else f for f in (*LATIN_FONTS, *CJK_FONTS)), "sans-serif"])


def font_family(texts: Iterable[str]) -> str:
    """The SVG font-family for a figure showing `texts`: the CJK faces are named
    when any text holds a CJK character (an English figure keeps its bytes)."""
    return FONT_FAMILY_CJK if any(is_wide(ch) for text in texts for ch in text) else FONT_FAMILY


# A fill is chosen by op kind, then node kind; a ReLU op has its own key ("relu" is the
# block's final ReLU node), and "default" is everything else.
FillKey = NodeKind | OpKind | Literal["relu_op", "default"]

FONT_SIZE = 12.0
SMALL_SIZE = 10.0


@dataclass(frozen=True)
class Theme:
    name: ThemeName
    background: str
    text: str
    muted: str
    stroke: str
    edge: str
    shortcut: str  # the shortcut lane's colour
    changed: str  # an edge whose shape changed
    error: str
    unknown: str
    frame: str
    fills: dict[FillKey, str]
    error_fill: str  # a node in error (the add whose branches disagree)

    def fill(self, kind: NodeKind, op_kind: FillKey | None = None) -> str:
        by_op = self.fills.get(op_kind) if op_kind is not None else None
        return by_op or self.fills.get(kind) or self.fills["default"]


LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1f2430",
    muted="#5d6675",
    stroke="#3d4555",
    edge="#4a5262",
    shortcut="#d9730d",
    changed="#1565c0",
    error="#c62828",
    unknown="#a0a6b0",
    frame="#c9ced6",
    fills={
        "default": "#eef1f5",
        "input": "#e8f5e9",
        "output": "#e8f5e9",
        "stem": "#e3ecfa",
        "stage": "#e3ecfa",
        "main": "#e3ecfa",
        "shortcut": "#fdebd3",
        "add": "#ffffff",
        "relu": "#f3f4f6",
        "head": "#ede7f6",
        "conv": "#dbe7fb",
        "bn": "#f1f4d8",
        "relu_op": "#f3f4f6",
        "maxpool": "#e4f2ef",
        "avgpool": "#e4f2ef",
        "subsample": "#fdebd3",
        "zeropad": "#fdebd3",
        "linear": "#ede7f6",
    },
    error_fill="#fde0e0",
)

DARK = Theme(
    name="dark",
    background="#1b1e24",
    text="#e6e9ef",
    muted="#9aa3b2",
    stroke="#aeb6c4",
    edge="#aeb6c4",
    shortcut="#f0a050",
    changed="#64b5f6",
    error="#ef5350",
    unknown="#5c6370",
    frame="#3b414d",
    fills={
        "default": "#2a2f38",
        "input": "#21352a",
        "output": "#21352a",
        "stem": "#25324a",
        "stage": "#25324a",
        "main": "#25324a",
        "shortcut": "#4a3520",
        "add": "#1b1e24",
        "relu": "#2a2f38",
        "head": "#352c4a",
        "conv": "#25324a",
        "bn": "#3a3d24",
        "relu_op": "#2a2f38",
        "maxpool": "#1f3a35",
        "avgpool": "#1f3a35",
        "subsample": "#4a3520",
        "zeropad": "#4a3520",
        "linear": "#352c4a",
    },
    error_fill="#4a2020",
)

THEMES = {"light": LIGHT, "dark": DARK}


def get(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"theme: {name!r} is not allowed; allowed: {', '.join(THEMES)}") from None
