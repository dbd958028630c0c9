"""PDF and PNG from our SVG, rendered by QtSvg (imported only here), into
memory: the writer checks and places the bytes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported only when a PDF or PNG is made
    from PySide6.QtCore import QBuffer
    from PySide6.QtSvg import QSvgRenderer

_app = None
MAX_PNG_PIXELS = 1 << 28  # 268 Mpx, 1 GiB of pixels: resnet152 at op level fits at 4×


def ensure_gui_app() -> None:
    """QtSvg needs an application object for fonts; headless runs go offscreen.
    A full QApplication (not QGuiApplication), so that windows can still be
    made later in the same process (the GUI, the tests)."""
    global _app
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication([])


@contextmanager
def one_warning(shown: str) -> Iterator[None]:
    """Qt's own warnings while rendering, summed up in one line (a painter on a
    failed device warns once per drawing call: hundreds of thousands of lines)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    seen: list[str] = []

    def handler(kind: QtMsgType, _ctx: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            seen.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        if seen:
            more = f" (and {len(seen) - 1} more)" if len(seen) > 1 else ""
            print(f"warning: rendering {shown or 'the figure'}: {seen[0]}{more}", file=sys.stderr)


def _renderer(svg: str) -> QSvgRenderer:
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    ensure_gui_app()
    r = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not r.isValid():
        raise ValueError("internal error: the SVG could not be parsed by QtSvg")
    return r


def _buffer() -> QBuffer:
    from PySide6.QtCore import QBuffer, QIODevice

    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    return buf


def render_png(svg: str, width: float, height: float, scale: float, transparent: bool, shown: str = "") -> bytes:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QImageWriter, QPainter

    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    if w * h > MAX_PNG_PIXELS:
        raise ValueError(
            f"{shown or 'PNG'}: {w}×{h} px is too large for a PNG (limit {MAX_PNG_PIXELS >> 20} Mpx); "
            "use a smaller --scale or --dpi, --fit 16:9, or SVG/PDF"
        )
    r = _renderer(svg)
    with one_warning(shown):
        # opaque figures need no alpha channel: a third less data for zlib
        fmt = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
        img = QImage(w, h, fmt)
        if img.isNull():
            raise MemoryError(f"{shown or 'PNG'}: not enough memory for a {w}×{h} px image; use a smaller --scale")
        img.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
        p = QPainter(img)
        p.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        r.render(p, QRectF(0, 0, w, h))
        p.end()
        dots_per_metre = round(96 * scale / 0.0254)
        img.setDotsPerMeterX(dots_per_metre)
        img.setDotsPerMeterY(dots_per_metre)
        buf = _buffer()
        writer = QImageWriter(buf, b"png")
        writer.setQuality(80)  # Qt maps PNG quality to zlib effort: ~30% faster, ~10% larger than default
        if not writer.write(img):
            raise OSError(f"{shown or 'PNG'}: {writer.errorString()}")
    return bytes(buf.data().data())


def render_pdf(svg: str, width: float, height: float, title: str, shown: str = "") -> bytes:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    r = _renderer(svg)
    with one_warning(shown):
        buf = _buffer()
        pdf = QPdfWriter(buf)
        pdf.setResolution(96)  # one SVG px = one PDF device px; the page is sized in points
        pdf.setPageSize(QPageSize(QSizeF(width * 0.75, height * 0.75), QPageSize.Unit.Point, "drawing"))
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        pdf.setTitle(title)
        pdf.setCreator("resnet_viewer")
        p = QPainter(pdf)
        if not p.isActive():
            raise OSError(f"{shown or 'PDF'}: the PDF could not be started")
        r.render(p, QRectF(0, 0, pdf.width(), pdf.height()))
        if not p.end():
            raise OSError(f"{shown or 'PDF'}: the PDF could not be finished")
        del pdf  # flushes the last bytes into the buffer
    data = bytes(buf.data().data())
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise OSError(f"{shown or 'PDF'}: the PDF came out incomplete")
    return data
