"""File → Open checkpoint… and dropping a checkpoint: the network comes from the
file as one undo step, the notes are shown, the weights reach the live model."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from resnet_viewer.core.presets import preset

pytestmark = pytest.mark.usefixtures("torch")


@pytest.fixture
def window(make_window):
    return make_window()


def _cifar_checkpoint(torch, path):
    from tests.reference.cifar_resnet import resnet20

    torch.manual_seed(7)
    ref = resnet20().eval()
    torch.save({"state_dict": {f"module.{k}": v for k, v in ref.state_dict().items()}, "best_prec1": 92.0}, path)
    return ref


def _wait_weights(qtbot, w, name):
    qtbot.waitUntil(
        lambda: w.result is not None and w.result.gen == w.gen and any(name in m for m in w.result.messages),
        timeout=60_000,
    )


def test_open_checkpoint_replaces_the_network_in_one_undo_step_with_notes(qtbot, window, tmp_path, torch):
    ref = _cifar_checkpoint(torch, tmp_path / "resnet20_cifar_best.th")
    steps = window.doc.undo_stack.count()
    with qtbot.waitSignal(window.checkpoints.applied, timeout=60_000):
        window.checkpoints.open(str(tmp_path / "resnet20_cifar_best.th"))
    assert window.doc.spec == preset("resnet20")
    assert window.doc.undo_stack.count() == steps + 1
    assert any("both sides" in n for n in window.checkpoints.last_notes)
    assert window.checkpoints.box is not None and "strides are not stored" in window.checkpoints.box.informativeText()
    _wait_weights(qtbot, window, "resnet20_cifar_best.th")
    assert "all" in window.result.messages[-1] and "loaded" in window.result.messages[-1]
    trace = window.result.trace
    with torch.no_grad():  # the live model now computes what the CIFAR code computes
        x = trace.input.reshape(1, 3, 32, 32)  # batch 1: the trace keeps the sample
        torch.testing.assert_close(trace.logits.reshape(1, -1), ref(x), rtol=1e-4, atol=1e-4)
    window.doc.undo_stack.undo()
    assert window.doc.spec == preset("resnet50")


def test_dropping_a_checkpoint_opens_it_and_a_bad_file_says_why(qtbot, window, tmp_path, torch):
    _cifar_checkpoint(torch, tmp_path / "net.ckpt")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "net.ckpt"))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.checkpoints.applied, timeout=60_000):
        window.dropEvent(event)
    assert window.doc.spec == preset("resnet20")

    (tmp_path / "notes.pth").write_text("accuracy 91%\n")
    before = window.doc.spec
    window.checkpoints.open(str(tmp_path / "notes.pth"))
    qtbot.waitUntil(
        lambda: "notes.pth" in window.status.message.text() and "✗" in window.status.message.text(), timeout=60_000
    )
    assert "a text file, not a checkpoint" in window.status.message.text()
    assert window.doc.spec == before
