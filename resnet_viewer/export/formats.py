"""The export formats, one table: the file extension, the save dialog's filter,
whether --scale/--dpi apply, and how finished SVG text becomes the file's bytes.
The CLI's help and checks, the writer and the GUI's export dialog all read it, so a
new format is one row here (no Qt at import time; PNG and PDF import it when used)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .options import ExportOptions

# (svg, width, height, options, title, shown) -> bytes; `shown` names the file in warnings
Render = Callable[[str, float, float, "ExportOptions", str, str], bytes]


def _svg(svg: str, width: float, height: float, opts: ExportOptions, title: str, shown: str) -> bytes:
    return svg.encode("utf-8")


def _png(svg: str, width: float, height: float, opts: ExportOptions, title: str, shown: str) -> bytes:
    from . import qt_render

    return qt_render.render_png(svg, width, height, opts.png_scale(), opts.transparent, shown)


def _pdf(svg: str, width: float, height: float, opts: ExportOptions, title: str, shown: str) -> bytes:
    from . import qt_render

    return qt_render.render_pdf(svg, width, height, title, shown)


@dataclass(frozen=True)
class ExportFormat:
    name: str  # the file extension, lower case, no dot
    label: str  # what the save dialog calls it
    pixels: bool  # a raster: --scale and --dpi apply
    render: Render


TABLE: tuple[ExportFormat, ...] = (
    ExportFormat("svg", "SVG", False, _svg),
    ExportFormat("pdf", "PDF", False, _pdf),
    ExportFormat("png", "PNG", True, _png),
)
NAMES = tuple(f.name for f in TABLE)
_BY_NAME = {f.name: f for f in TABLE}


def get(name: str) -> ExportFormat:
    return _BY_NAME[name]


def file_filter() -> str:
    """The save dialog's filter: "SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"."""
    return ";;".join(f"{f.label} (*.{f.name})" for f in TABLE)


def _or(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else items[0]


def suffixes() -> str:
    """ ".svg, .pdf or .png", for messages."""
    return _or([f".{n}" for n in NAMES])


def output_help() -> str:
    return _or([f"FILE.{n}" for n in NAMES])


def format_of(path: str | Path) -> str:
    """The format a path asks for by its extension; ValueError naming the path otherwise."""
    if Path(path).is_dir():  # refused before any work, naming the target (not a temporary file)
        raise ValueError(f"{path}: is a folder; give a file name ending in {suffixes()}")
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in _BY_NAME:
        raise ValueError(f"{path}: unknown format {('.' + ext) if ext else '(no extension)'}; use {suffixes()}")
    return ext
