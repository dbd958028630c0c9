"""Write a Layout as SVG, PDF or PNG — atomically and checked: the bytes are
made in memory, written to a temporary file beside the target, flushed to
disk and renamed into place. Any failure (a full disk included) leaves the
previous file as it was and names the target, not the temporary file. A
symlink is written through (its target is replaced, the link stays) and an
existing file keeps its permissions."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..core import theme as themes
from ..core.drawing import Layout
from . import formats
from .formats import format_of
from .options import ExportOptions
from .svg import to_svg

__all__ = ["check_options", "format_of", "render", "render_svg", "write", "write_bytes", "write_svg"]


def _xml_illegal(text: str) -> str | None:
    """The first character XML 1.0 cannot hold (control characters), if any."""
    for ch in text:
        cp = ord(ch)
        if (cp < 0x20 and ch not in "\t\n\r") or 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF):
            return f"U+{cp:04X}"
    return None


def check_options(opts: ExportOptions) -> None:
    if not 1.0 <= opts.scale <= 4.0:
        raise ValueError(f"--scale: {opts.scale} is not allowed; use 1 to 4")
    if opts.dpi is not None and not 24 <= opts.dpi <= 1200:
        raise ValueError(f"--dpi: {opts.dpi} is not allowed; use 24 to 1200")
    for name, text in (("--title", opts.title), ("--caption", opts.caption)):
        bad = _xml_illegal(text or "")
        if bad:
            raise ValueError(f"{name}: the control character {bad} is not allowed in a figure's text")
    themes.get(opts.theme)


def render(lay: Layout, fmt: str, opts: ExportOptions, description: str = "", shown: str = "") -> bytes:
    """The file's bytes for a Layout; `shown` is the name used in warnings."""
    svg = to_svg(lay, themes.get(opts.theme), opts.transparent, description)
    title = opts.title or description or "resnet_viewer diagram"
    return render_svg(svg, lay.width, lay.height, fmt, opts, title, shown)


def render_svg(svg: str, width: float, height: float, fmt: str, opts: ExportOptions, title: str, shown: str) -> bytes:
    """The file's bytes for finished SVG text: itself, or rendered to PNG/PDF by Qt."""
    return formats.get(fmt).render(svg, width, height, opts, title, shown)


def write(lay: Layout, path: str | Path, opts: ExportOptions, description: str = "") -> Path:
    format_of(path)
    check_options(opts)
    svg = to_svg(lay, themes.get(opts.theme), opts.transparent, description)
    return write_svg(svg, lay.width, lay.height, path, opts, opts.title or description or "resnet_viewer diagram")


def write_svg(svg: str, width: float, height: float, path: str | Path, opts: ExportOptions, title: str) -> Path:
    """Write finished SVG text as SVG, or render it to PNG/PDF (any figure, not only a Layout)."""
    target = Path(path)
    fmt = format_of(target)
    check_options(opts)
    real = Path(os.path.realpath(target))  # through a symlink: replace what it points to
    if not real.parent.is_dir():
        raise OSError(f"{target}: cannot write, folder {real.parent} does not exist")
    write_bytes(real, render_svg(svg, width, height, fmt, opts, title, str(target)), shown=target)
    return target


def write_bytes(real: Path, data: bytes, shown: Path) -> None:
    """Atomically replace `real` by `data`; errors name `shown` (what the user asked for)."""
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # a full disk can show only here
        os.chmod(tmp, mode)
        os.replace(tmp, real)
        tmp = None
    except OSError as e:
        raise OSError(
            f"{shown}: could not write it ({e.strerror or e}); the previous file, if any, is unchanged"
        ) from e
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
