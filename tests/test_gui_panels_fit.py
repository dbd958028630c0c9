"""The activation panel and the inspector fit a small screen, in English and in
Chinese: captions in two lines, the histogram's legend inside its plot, the
inspector's tools visible without scrolling (a 1280×720 review found all three
broken in Chinese). Offscreen geometry, the window sized as on a first launch."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from resnet_viewer.gui import language
from resnet_viewer.gui.activations import BRANCHES
from resnet_viewer.gui.window_layout import arrange_docks, first_run_geometry

pytestmark = pytest.mark.usefixtures("torch")


def wrapped_lines(label: QLabel) -> int:
    """How many lines the label's text takes at its width and font."""
    metrics = QFontMetrics(label.font())
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter)
    box = metrics.boundingRect(QRect(0, 0, label.contentsRect().width(), 10_000), flags, label.text())
    return round(box.height() / metrics.lineSpacing())


def in_viewport(widget: QWidget, viewport: QWidget) -> QRect:
    return QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())


def check_fit(w) -> None:  # type: ignore[no-untyped-def]
    panel = w.activations
    for b in BRANCHES:
        caption = panel.captions[b]
        assert caption.text().count("\n") == 1, (b, caption.text())  # shape line and channel line
        assert wrapped_lines(caption) == 2, (b, caption.text(), caption.width())
        assert caption.height() < 3 * QFontMetrics(caption.font()).lineSpacing(), (b, caption.height())
    assert wrapped_lines(panel.colorbar_label) <= 2, panel.colorbar_label.text()

    plot = panel.hist.getPlotItem().getViewBox().sceneBoundingRect()
    legend = panel.legend.sceneBoundingRect()
    assert panel.legend.isVisible() and legend.height() > 0
    assert plot.adjusted(2, 2, -2, -2).contains(legend), (plot, legend)  # clear of the axes

    area = w.docks[1].widget()  # the inspector's scroll area, at the top as on opening
    assert area.verticalScrollBar().value() == 0
    for tool in (w.inspector.cnn_tools.sampling, w.inspector.cnn_tools.aliasing):
        assert area.viewport().rect().contains(in_viewport(tool, area.viewport())), tool.text()


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_captions_legend_and_inspector_tools_fit(qtbot, make_window, screen):
    w = make_window()
    w.setGeometry(first_run_geometry(QRect(0, 0, *screen)))
    arrange_docks(w, *w.docks, w.width(), w.height())
    qtbot.waitUntil(lambda: w.result is not None and w.activations.block is not None, timeout=60_000)
    assert w.selected == "layer2.0" and w.width() <= screen[0] and w.height() <= screen[1]
    qtbot.wait(50)  # the docks' new sizes reach the panels
    check_fit(w)
    try:
        with qtbot.waitSignal(w.trace_shown, timeout=60_000):
            w.set_language("zh_CN")
        qtbot.waitUntil(lambda: "通道" in w.activations.captions["out"].text(), timeout=10_000)
        qtbot.wait(50)
        check_fit(w)
    finally:
        language.install_language("en")
