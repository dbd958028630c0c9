"""Export options, shared by the CLI and the GUI's export dialog (no Qt here)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..core import i18n
from ..core.choices import FIGURE_LEVELS, FITS, ORIENTATIONS, THEME_NAMES, FigureLevel, Fit, Orientation, ThemeName
from .formats import NAMES as FORMATS
from .formats import output_help

__all__ = ["COMPARE_EXAMPLE", "FORMATS", "LEVELS", "ExportOptions", "add_export_options", "variant_names"]
LEVELS = FIGURE_LEVELS
COMPARE_EXAMPLE = "conv1x1,avgpool-conv1x1,zero-pad"  # options B, D and A: the dialog's default too


def variant_names(text: str | None) -> tuple[str, ...]:
    """`--compare`'s list, "a, b,,c" → ("a", "b", "c"); each name is checked when drawn."""
    return tuple(v.strip() for v in (text or "").split(",") if v.strip())


@dataclass(frozen=True)
class ExportOptions:
    level: FigureLevel = "block"  # "network" is the whole network at block detail
    block: str | None = None  # export only this block
    stage: int | None = None  # export only this stage
    compare: tuple[str, ...] = ()  # shortcut variants side by side (needs a block)
    orientation: Orientation = "vertical"
    fit: Fit | None = None
    theme: ThemeName = "light"
    transparent: bool = False
    title: str | None = None
    caption: str | None = None
    badges: bool = True
    scale: float = 2.0  # PNG: 1x-4x of the SVG's CSS pixels
    dpi: int | None = None  # PNG: overrides scale (scale = dpi / 96)
    lang: str | None = None  # the figure's words: "en" | "zh_CN"; None: the current language

    def png_scale(self) -> float:
        return self.dpi / 96.0 if self.dpi else self.scale

    def language(self) -> i18n.Language:
        """The language the figure is drawn in (UnknownLanguage names the allowed ones)."""
        return i18n.parse_language(self.lang) if self.lang else i18n.current_language()


@contextmanager
def drawn_in(opts: ExportOptions) -> Iterator[i18n.Language]:
    """Draw a figure in `opts.language()`: the core's words follow it, and the
    process language is restored afterwards (the GUI may show another one)."""
    lang, before = opts.language(), i18n.current_language()
    i18n.set_language(lang)
    try:
        yield lang
    finally:
        i18n.set_language(before)


def add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, help=output_help())
    p.add_argument("--level", choices=LEVELS, default="network", help="network (blocks), stage, block or op detail")
    p.add_argument("--block", help="export one block, e.g. layer2.0")
    p.add_argument("--stage", type=int, help="export one stage (1-based)")
    p.add_argument("--compare", help=f"shortcut variants side by side for --block, e.g. {COMPARE_EXAMPLE}")
    p.add_argument("--sampling", action="store_true", help="with --block: draw which input positions each branch reads")
    p.add_argument("--orientation", choices=ORIENTATIONS, default="vertical")
    p.add_argument(
        "--fit",
        choices=FITS,
        help="wrap the network into columns/rows (a comparison into a grid) that fill a slide",
    )
    p.add_argument("--theme", choices=THEME_NAMES, default="light")
    p.add_argument("--transparent", action="store_true", help="no background fill")
    p.add_argument("--title")
    p.add_argument("--caption")
    p.add_argument("--no-badges", action="store_true", help="hide params / multiply-adds badges")
    p.add_argument("--scale", type=float, help="PNG scale, 1 to 4 (default 2)")
    p.add_argument("--dpi", type=int, help="PNG resolution (overrides --scale; 96 dpi = 1x)")
