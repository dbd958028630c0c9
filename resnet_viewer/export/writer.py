"""Write a Layout as SVG, PDF or PNG — atomically: a temporary file beside the
target is renamed into place, so a failure never leaves a partial file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core import theme as themes
from ..core.layout import Layout
from .options import FORMATS, ExportOptions
from .svg import to_svg


def format_of(path: str | Path) -> str:
    if Path(path).is_dir():  # refused before any work, naming the target (not a temporary file)
        raise ValueError(f"{path}: is a folder; give a file name ending in .svg, .pdf or .png")
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"{path}: unknown format {('.' + ext) if ext else '(no extension)'}; use .svg, .pdf or .png")
    return ext


def check_options(opts: ExportOptions) -> None:
    if not 1.0 <= opts.scale <= 4.0:
        raise ValueError(f"--scale: {opts.scale} is not allowed; use 1 to 4")
    if opts.dpi is not None and not 24 <= opts.dpi <= 1200:
        raise ValueError(f"--dpi: {opts.dpi} is not allowed; use 24 to 1200")
    themes.get(opts.theme)


def write(lay: Layout, path: str | Path, opts: ExportOptions, description: str = "") -> Path:
    target = Path(path)
    fmt = format_of(target)
    check_options(opts)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OSError(f"{target}: cannot write, folder {parent} does not exist")
    svg = to_svg(lay, themes.get(opts.theme), opts.transparent, description)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp.{fmt}", dir=parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "svg":
            tmp.write_text(svg, encoding="utf-8")
        elif fmt == "png":
            from .qt_render import render_png

            render_png(svg, lay.width, lay.height, tmp, opts.png_scale(), opts.transparent)
        else:
            from .qt_render import render_pdf

            render_pdf(svg, lay.width, lay.height, tmp, opts.title or description or "resnet_viewer diagram")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
