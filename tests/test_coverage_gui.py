"""The CNN view in the window (pytest-qt, offscreen): coverage in the inspector,
the sampling overlay, a clicked pixel's receptive field, the aliasing dialog."""

import time

import pytest

from resnet_viewer import infer, preset
from resnet_viewer.core.coverage import block_coverage

pytestmark = pytest.mark.usefixtures("torch")


@pytest.fixture
def window(qtbot, make_window):
    w = make_window(preset("resnet20"))
    w.select_block("layer2.0")
    qtbot.wait(20)  # the overlay redraws after the panel has shown the block
    return w


def _row(w, key):
    t = w.inspector.table
    return next(t.item(i, 1).text() for i in range(t.rowCount()) if t.item(i, 0).text() == key)


class _Click:
    def __init__(self, pos):
        self._pos = pos

    def scenePos(self):
        return self._pos


def test_inspector_shows_coverage_and_offers_the_demo_on_strided_blocks(window):
    assert (_row(window, "main reads"), _row(window, "shortcut reads")) == ("100%", "25% (1 in 4)")
    assert window.inspector.cnn_tools.aliasing.isEnabled()
    window.select_block("layer2.1")
    assert (_row(window, "main reads"), _row(window, "shortcut reads")) == ("100%", "100%")
    assert not window.inspector.cnn_tools.aliasing.isEnabled()


def test_sampling_overlay_draws_the_kept_positions_on_the_input_map(qtbot, window):
    import pyqtgraph as pg

    panel = window.activations
    panel.single.setChecked(True)  # one 32×32 map: one tile
    window.inspector.cnn_tools.sampling.setChecked(True)
    on_input = [item for view, item in window.coverage_ui.items if view is panel.views["in"]]
    dots = [i for i in on_input if isinstance(i, pg.ScatterPlotItem)]
    lines = [i for i in on_input if isinstance(i, pg.PlotCurveItem)]
    assert len(dots) == 1 and len(dots[0].data) == 16 * 16  # x[:, :, ::2, ::2] of 32×32
    assert {(p[0], p[1]) for p in dots[0].data[["x", "y"]].tolist()} == {
        (c + 0.5, r + 0.5) for r in range(0, 32, 2) for c in range(0, 32, 2)
    }
    assert len(lines) == 1  # the main branch's 3×3/2 windows
    assert "25% (1 in 4)" in window.status.message.text()
    window.inspector.cnn_tools.sampling.setChecked(False)
    assert not window.coverage_ui.items


@pytest.mark.parametrize(("branch", "y", "x"), [("main", 3, 5), ("shortcut", 0, 0), ("in", 31, 30)])
def test_a_clicked_pixel_shows_its_receptive_field_from_the_core(window, branch, y, x):
    panel = window.activations
    panel.single.setChecked(True)
    view = panel.views[branch]
    window.coverage_ui.on_click(_Click(view.mapViewToScene(pg_point(x + 0.5, y + 0.5))), branch)
    assert window.coverage_ui.clicked == ("layer2.0", branch, y, x)
    cover = block_coverage(infer(window.doc.spec), "layer2.0")
    field = {"in": cover.input_field, "shortcut": cover.shortcut_field}.get(branch, cover.main_field)
    assert window.coverage_ui.field_view.field_rect == field.rect(y, x, 32, 32)
    text = window.status.message.text()
    assert f"receptive field {field.size}×{field.size} px, jump {field.jump}" in text
    marked = {view for view, _ in window.coverage_ui.items}
    assert marked == set(panel.views.values())  # the same position on every map


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_aliasing_dialog_runs_off_the_gui_thread_and_shows_the_numbers(qtbot, window):
    t0 = time.perf_counter()
    window.inspector.cnn_tools.aliasing.click()
    assert time.perf_counter() - t0 < 0.5  # the block runs on a worker thread
    dialog = window.coverage_ui.dialog
    qtbot.waitUntil(lambda: bool(dialog.cells), timeout=30_000)
    assert "layer2.0" in dialog.heading.text() and "zero-pad" in dialog.heading.text()
    texts = " ".join(w.text() for w in dialog.cells if hasattr(w, "text"))
    assert "what downsample.0 reads" in texts and "spatial std 0" in texts
    assert "aliasing" in dialog.note.text()
