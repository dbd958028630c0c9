"""The desktop app, driven as a user would (pytest-qt, offscreen)."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from resnet_viewer import infer, preset
from resnet_viewer.core import graph as graphs

pytestmark = pytest.mark.usefixtures("torch")
ARTIFACTS = Path(os.environ.get("RESNET_VIEWER_ARTIFACTS", Path(__file__).parent.parent / "artifacts"))


@pytest.fixture
def window(make_window):
    return make_window()


def wait_for_latest(qtbot, w):
    qtbot.waitUntil(
        lambda: w.result is not None and w.result.gen == w.gen and not w.status.busy.isVisible(), timeout=60_000
    )


def output_label(w, block, nxt):
    return w.scene.edge_label(f"{block}/relu", f"{nxt}/main")


def test_launches_on_resnet50_with_the_familiar_shapes(window):
    assert window.doc.spec == preset("resnet50")
    assert output_label(window, "layer2.0", "layer2.1") == "512×28×28"
    assert window.result.trace.error is None
    assert "CPU" in window.status.device.text()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "main_window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 20_000


def test_stage_stride_control_updates_labels_and_undo_restores_them(qtbot, window):
    box = window.controls.stride_boxes[1]
    box.setCurrentText("1")
    assert window.doc.spec.strides == (1, 1, 2, 2)
    assert output_label(window, "layer2.0", "layer2.1") == "512×56×56"
    assert output_label(window, "layer3.0", "layer3.1") == "1024×28×28"
    window.doc.undo_stack.undo()
    assert output_label(window, "layer2.0", "layer2.1") == "512×28×28"
    assert window.controls.stride_boxes[1].currentText() == "2"
    window.doc.undo_stack.redo()
    assert output_label(window, "layer2.0", "layer2.1") == "512×56×56"
    wait_for_latest(qtbot, window)
    assert window.result.spec.strides == (1, 1, 2, 2)


def test_identity_shortcut_on_a_strided_block_shows_the_error_and_explains_it(qtbot, window):
    menu = window.view.block_menu("layer2.0")
    shortcut_menu = next(a.menu() for a in menu.actions() if a.text() == "Shortcut")
    next(a for a in shortcut_menu.actions() if a.text() == "identity").trigger()
    add = window.scene.box("layer2.0/add")
    assert add.node.status == "error"
    assert add.node.note == "✗ 512×28×28 ≠ 256×56×56"
    assert window.scene.box("layer3.0/add").node.status == "unknown"
    window.select_block("layer2.0")
    text = window.inspector.explanation.text()
    assert "RuntimeError: The size of tensor a (28) must match the size of tensor b (56)" in text
    assert "conv1x1" in text.split("here:")[1]
    assert (
        "downsample = None  # identity: the shortcut is always the input itself" in window.inspector.code.toPlainText()
    )
    wait_for_latest(qtbot, window)
    assert window.result.trace.error.startswith("layer2.0: cannot add the branches")
    assert "cannot add" in window.status.message.text()


def test_selecting_a_block_shows_it_in_inspector_and_activations(qtbot, window):
    from PySide6.QtCore import Qt

    rect = window.scene.frame_rect("layer3.1")
    window.view.centerOn(rect.center())
    pos = window.view.mapFromScene(rect.center().x(), rect.top() + 6)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.selected == "layer3.1"
    assert window.inspector.title.text() == "layer3.1"
    assert "layer3.1" in window.inspector.code.toPlainText()
    assert "ResidualBlock(" in window.inspector.module.toPlainText()
    shown = window.activations.arrays()
    traced = window.result.trace.block("layer3.1").tensors
    assert set(shown) == {"in", "main", "shortcut", "sum", "out"}
    for k, a in shown.items():
        assert np.array_equal(a, traced[k].numpy())
    assert window.activations.stats.item(4, 0).text() == "1024×14×14"


def test_zero_pad_channels_are_marked_as_zero(qtbot, window):
    window.edit(lambda s: s.with_block_shortcut("layer2.0", "zero-pad"), "zero-pad")
    window.select_block("layer2.0")
    wait_for_latest(qtbot, window)
    markers = window.activations.markers["shortcut"]
    assert markers, "the appended zero channels must be marked"
    assert "all-zero" in window.activations.captions["shortcut"].text()


def test_200_rapid_edits_end_in_the_final_spec(qtbot, make_window):
    from resnet_viewer.live.session import LiveSession

    # resnet18 has every block edited below; its traces cost a third of resnet50's
    window = make_window(preset("resnet18"))
    variants = ["zero-pad", "conv1x1", "avgpool-conv1x1", "conv3x3", "identity", "maxpool-conv1x1"]
    for i in range(200):
        block = ["layer2.0", "layer3.0", "layer4.0", "layer1.1"][i % 4]
        window.edit(lambda s, b=block, i=i: s.with_block_shortcut(b, variants[i % len(variants)]), "rapid")
        if i % 50 == 0:
            window.controls.stride_boxes[2].setCurrentText("1" if i % 100 else "2")
    final = window.doc.spec
    wait_for_latest(qtbot, window)
    expected = graphs.build(infer(final), "block")
    on_screen = {k: w.edge.label for k, (w, _) in window.scene._wires.items()}
    assert on_screen == {(e.src, e.dst): e.label for e in expected.edges}
    assert window.result.spec == final
    fresh = LiveSession(final, source=window.source).run()
    got = window.result.trace
    assert [b.name for b in got.blocks] == [b.name for b in fresh.blocks]
    if fresh.logits is not None:
        np.testing.assert_allclose(got.logits.numpy(), fresh.logits.numpy(), rtol=1e-4, atol=1e-4)


def test_a_bad_image_is_refused_and_the_previous_input_stays(qtbot, window, tmp_path):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG not really")
    before = window.accepted_source
    window.open_image_file(str(bad))
    qtbot.waitUntil(lambda: "broken.png" in window.status.message.text(), timeout=60_000)
    assert "not an image" in window.status.message.text() or "damaged" in window.status.message.text()
    wait_for_latest(qtbot, window)
    assert window.accepted_source == before and window.source == before


def test_bad_weights_are_refused_with_the_reason(qtbot, window, tmp_path):
    import torch

    path = tmp_path / "r18.pth"
    torch.save({"conv1.weight": torch.zeros(64, 3, 7, 7), "fc.weight": torch.zeros(10, 512)}, path)
    window.load_weights_file(str(path), strict=True)
    qtbot.waitUntil(lambda: "r18.pth" in window.status.message.text(), timeout=60_000)
    assert "missing" in window.status.message.text() and "wrong shape" in window.status.message.text()


def test_spec_saves_and_opens_as_json_and_is_undoable(window, tmp_path):
    path = tmp_path / "mine.json"
    window.edit(lambda s: s.with_changes(shortcut="zero-pad"), "zero-pad")
    window.save_spec(str(path))
    window.reset_spec()
    assert window.doc.spec == preset("resnet50")
    window.open_spec(str(path))
    assert window.doc.spec.shortcut == "zero-pad"
    window.doc.undo_stack.undo()
    assert window.doc.spec == preset("resnet50")
    window.open_spec(str(tmp_path / "missing.json"))
    assert "missing.json" in window.status.message.text() and window.doc.spec == preset("resnet50")


def test_gui_and_export_draw_the_same_graph(window, tmp_path):
    from resnet_viewer.export.figure import make_layout
    from resnet_viewer.export.options import ExportOptions
    from resnet_viewer.gui.export_dialog import ExportDialog

    exported = make_layout(window.doc.spec, ExportOptions())
    assert set(exported.boxes) == set(window.layout_.boxes)
    assert {k: b.node.label for k, b in exported.boxes.items()} == {
        k: b.node.label for k, (b, _) in window.scene._boxes.items()
    }
    assert [w.edge.label for w in exported.wires] == [w.edge.label for w in window.layout_.wires]
    dlg = ExportDialog(window.doc.spec, window, block="layer2.0", compare=True)
    dlg.save(str(tmp_path / "cmp.svg"))
    assert "zero-pad — 0 shortcut params" in (tmp_path / "cmp.svg").read_text()


def test_window_layout_and_last_spec_persist(qtbot, window, settings_file):
    from resnet_viewer.gui.main_window import MainWindow

    window.edit(lambda s: s.with_changes(shortcut="avgpool-conv1x1"), "D")
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.doc.spec.shortcut == "avgpool-conv1x1"
    again.engine.shutdown()


def test_unavailable_devices_are_listed_disabled_with_the_reason(qtbot, window):
    import torch

    combo = window.controls.device
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=60_000)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "CPU"
    if not torch.cuda.is_available():
        i = next(i for i in range(combo.count()) if combo.itemData(i) == "cuda:0")
        assert not combo.model().item(i).isEnabled()
        assert "CUDA" in combo.itemData(i, 3) or "cuda" in combo.itemData(i, 3).lower()


def test_no_display_is_one_clear_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    p = subprocess.run([sys.executable, "-m", "resnet_viewer"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_cached_torchvision_weights_are_offered_by_name(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    window.menus.cached.aboutToShow.emit()  # as when the user opens the submenu
    assert not window.menus.cached.actions()[0].isEnabled()
    d = tmp_path / "hub" / "checkpoints"
    d.mkdir(parents=True)
    (d / "resnet50-11ad3fa6.pth").write_bytes(b"not a checkpoint")
    window.menus.cached.aboutToShow.emit()  # as when the user opens the submenu
    entry = window.menus.cached.actions()[0]
    assert entry.text() == "resnet50.tv2_in1k (resnet50-11ad3fa6.pth)" and entry.isEnabled()
    entry.trigger()
    qtbot.waitUntil(lambda: "resnet50-11ad3fa6.pth" in window.status.message.text(), timeout=60_000)
    assert "SHA-256 does not start with 11ad3fa6" in window.status.message.text()  # a catalogue file is checked
