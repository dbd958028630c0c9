"""PDF and PNG from our SVG, rendered by QtSvg (imported only here)."""

from __future__ import annotations

import os
from pathlib import Path

_app = None


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


def _renderer(svg: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    ensure_gui_app()
    r = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not r.isValid():
        raise ValueError("internal error: the SVG could not be parsed by QtSvg")
    return r


def render_png(svg: str, width: float, height: float, path: Path, scale: float, transparent: bool) -> tuple[int, int]:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QImageWriter, QPainter

    r = _renderer(svg)
    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    # opaque figures need no alpha channel: a third less data for zlib
    fmt = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
    img = QImage(w, h, fmt)
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
    writer = QImageWriter(str(path), b"png")
    writer.setQuality(80)  # Qt maps PNG quality to zlib effort: ~30% faster, ~10% larger than default
    if not writer.write(img):
        raise OSError(f"{path}: {writer.errorString()}")
    return w, h


def render_pdf(svg: str, width: float, height: float, path: Path, title: str) -> None:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    r = _renderer(svg)
    pdf = QPdfWriter(str(path))
    pdf.setResolution(96)  # one SVG px = one PDF device px; the page is sized in points
    pdf.setPageSize(QPageSize(QSizeF(width * 0.75, height * 0.75), QPageSize.Unit.Point, "drawing"))
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    pdf.setTitle(title)
    pdf.setCreator("resnet_viewer")
    p = QPainter(pdf)
    if not p.isActive():
        raise OSError(f"{path}: cannot open for writing")
    r.render(p, QRectF(0, 0, pdf.width(), pdf.height()))
    p.end()
