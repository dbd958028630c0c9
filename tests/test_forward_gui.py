"""The Python view in the window (pytest-qt, offscreen): stepping through
`forward` visits every line and highlights a graph item at each; a click on a
box makes its line current; each step shows the block's tensors as they stand."""

import pytest
from PySide6.QtCore import Qt

from resnet_viewer import preset
from resnet_viewer.core.forward_links import node

pytestmark = pytest.mark.usefixtures("torch")


@pytest.fixture
def window(make_window):
    w = make_window(preset("resnet20"))
    w.select_block("layer2.0")
    return w


def _highlighted(w):
    return w.scene._highlighted


@pytest.mark.parametrize("level", ["block", "op"])
def test_stepping_visits_every_line_and_highlights_an_item_at_each(qtbot, window, level):
    window.set_level(level)
    fv = window.inspector.forward
    assert fv.block == "layer2.0" and fv.current() == -1
    n = len(fv.links)
    assert n == fv.lines.count() > 10
    seen = []
    for i in range(n):
        qtbot.mouseClick(fv.next_button, Qt.MouseButton.LeftButton)
        assert fv.current() == i
        assert _highlighted(window) == fv.links[i].targets
        assert window.scene.highlighted_items(), fv.links[i].line  # something is drawn for every line
        seen.append(fv.lines.item(i).text())
    assert not fv.next_button.isEnabled()  # the last line: ▶ is done
    assert [s[16:] for s in seen] == [x.line for x in fv.links]  # after the shape column, in the printed order
    for i in reversed(range(n - 1)):
        fv.step(-1)
        assert fv.current() == i and _highlighted(window) == fv.links[i].targets
    if level == "op":
        conv2 = next(i for i, x in enumerate(fv.links) if x.line == "out = self.conv2(out)")
        assert fv.links[conv2].targets == (node("layer2.0/conv2"),)


def test_keys_step_forward_and_back(qtbot, window):
    fv = window.inspector.forward
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    assert fv.current() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert fv.current() == 0 and _highlighted(window) == fv.links[0].targets


def _click_box(qtbot, w, nid):
    from PySide6.QtWidgets import QApplication

    qtbot.wait(QApplication.doubleClickInterval() + 50)  # two quick clicks would be a double click
    box = w.scene.box(nid)
    w.view.centerOn(box.cx, box.cy)
    pos = w.view.mapFromScene(box.cx, box.cy)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_clicking_a_box_of_the_selected_block_makes_its_line_current(qtbot, window):
    window.set_level("op")
    fv = window.inspector.forward
    _click_box(qtbot, window, "layer2.0/conv2")
    assert window.selected == "layer2.0"
    assert fv.links[fv.current()].line == "out = self.conv2(out)"
    assert _highlighted(window) == (node("layer2.0/conv2"),)
    _click_box(qtbot, window, "layer2.0/add")
    assert fv.links[fv.current()].line == "out += identity"
    _click_box(qtbot, window, "layer2.0/downsample.0")
    assert fv.links[fv.current()].line.startswith("if self.downsample")  # the first line that makes it
    _click_box(qtbot, window, "layer3.0/conv1")  # another block: the click selects it, no line yet
    assert fv.block == "layer3.0" and fv.current() == -1 and _highlighted(window) == ()
    assert window.activations.block is window.result.trace.block("layer3.0")  # the block as it ran
    _click_box(qtbot, window, "layer3.0/conv1")  # now a box of the selected block: its line
    assert fv.links[fv.current()].line == "out = self.conv1(x)"


def test_hovering_a_line_highlights_its_item_and_leaving_goes_back(window):
    fv = window.inspector.forward
    fv.step(1)
    add = next(i for i, x in enumerate(fv.links) if x.line == "out += identity")
    fv.line_hovered.emit(add)
    assert _highlighted(window) == (node("layer2.0/add"),)
    fv.line_hovered.emit(-1)
    assert _highlighted(window) == fv.links[0].targets


def test_each_step_shows_the_tensors_after_that_line(qtbot, window):
    import torch

    fv, ui, panel = window.inspector.forward, window.forward_ui, window.activations
    block = window.result.trace.block("layer2.0")
    fv.step(1)  # identity = x
    assert set(panel.block.tensors) == {"in"}
    assert panel.block.tensors["in"] is block.tensors["in"]
    fv.step(1)  # out = self.conv1(x): a layer inside the branch, captured on demand off the GUI thread
    qtbot.waitUntil(lambda: ui.ops_key == (window.result.gen, "layer2.0"), timeout=30_000)
    assert set(panel.block.tensors) == {"in", "main"}
    conv1 = window.result.trace.block("layer2.0")
    assert panel.block.tensors["main"].shape == (32, 16, 16)
    assert torch.equal(panel.block.tensors["main"], ui.ops["conv1"])
    # the capture is the block that ran: its last main layer is the traced main branch
    assert torch.allclose(ui.ops["bn2"], conv1.tensors["main"], atol=1e-5)
    seen = []
    while fv.current() < len(fv.links) - 1:
        fv.step(1)
        seen.append(set(panel.block.tensors))
    assert {"in", "main", "shortcut"} in seen  # after identity = self.downsample(x)
    assert seen[-1] == {"in", "main", "shortcut", "sum", "out"}
    assert torch.equal(panel.block.tensors["out"], block.tensors["out"])
    fv.set_current(-1)  # no line: the block as it ran
    assert panel.block is block


def test_a_capture_for_an_older_trace_is_dropped(window):
    ui = window.forward_ui
    before = dict(ui.ops)
    ui.on_ops(((window.result.gen - 1, "layer2.0"), {"conv1": None}))
    ui.on_ops(((window.result.gen, "layer3.0"), {"conv1": None}))
    assert ui.stale_dropped == 2 and ui.ops == before


def test_a_block_that_cannot_add_says_so_at_the_add(qtbot, tmp_path, monkeypatch):
    from resnet_viewer.gui.main_window import MainWindow

    monkeypatch.setenv("RESNET_VIEWER_SETTINGS", str(tmp_path / "settings.ini"))
    w = MainWindow(spec=preset("resnet20").with_block_shortcut("layer2.0", "identity"))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.trace_shown, timeout=60_000):
        w.show()
    try:
        w.select_block("layer2.0")
        fv = w.inspector.forward
        for _ in range(len(fv.links)):
            fv.step(1)
            assert _highlighted(w) == fv.links[fv.current()].targets
        assert fv.links[-1].line == "return out"
        assert w.activations.captions["sum"].text() == "not computed (the block stopped here)"
        assert w.scene.highlighted_items()
    finally:
        w.engine.shutdown()
