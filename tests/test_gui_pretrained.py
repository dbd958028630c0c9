"""File → Pretrained weights…: a cancellable download off the GUI thread, then the
trained network's predictions, named; random weights say so in the status bar."""

from __future__ import annotations

import itertools
import time
from urllib.parse import urlsplit

import pytest
from weights_server import Behaviour, WeightsServer, resnet20_checkpoint

from resnet_viewer import preset
from resnet_viewer.core import catalogue

pytestmark = pytest.mark.usefixtures("torch")


@pytest.fixture
def served(tmp_path, monkeypatch, settings_file):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    entry, data = resnet20_checkpoint(tmp_path)
    others = tuple(e for e in catalogue.CATALOGUE if e.preset != "resnet20")
    monkeypatch.setattr(catalogue, "CATALOGUE", (entry, *others))
    behaviour = Behaviour(files={urlsplit(entry.url).path: data})
    with WeightsServer(behaviour) as srv:
        monkeypatch.setenv("RESNET_VIEWER_WEIGHTS_MIRROR", srv.base)
        yield entry, behaviour, tmp_path / "torch" / "hub" / "checkpoints"


@pytest.fixture
def window(served, make_window):
    return make_window(preset("resnet20"))


def test_random_weights_are_called_untrained_in_the_status_bar(window):
    assert window.status.weights.text() == "untrained (random init)"
    assert "untrained (random init): meaningless" in window.status.message.text()


def test_download_runs_off_the_gui_thread_and_can_be_cancelled(qtbot, window, served):
    entry, behaviour, cache = served
    behaviour.chunk_delay = 0.05  # ~1 MB at 16 KiB per 50 ms: several seconds
    window.pretrained_dialog()
    dlg = window.pretrained
    assert dlg.go.text() == "Download and use" and entry.name in dlg.info.text()
    ticks: list[float] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.bar.maximum() == 1000 and dlg.bar.value() > 400, timeout=30_000)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20 and max(gaps) < 0.5  # the event loop kept running during the download
    dlg.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in dlg.state.text(), timeout=10_000)
    assert dlg.isVisible() and dlg.go.isEnabled()
    assert not cache.exists() or not any(cache.iterdir())  # no .part, no file


def test_pretrained_weights_are_downloaded_used_and_named(qtbot, window, served):
    entry, _, cache = served
    window.pretrained_dialog()
    dlg = window.pretrained
    with qtbot.waitSignal(dlg.chosen, timeout=30_000) as chosen:
        dlg.go.click()
    assert chosen.args == [str(cache / entry.file_name)]
    qtbot.waitUntil(lambda: window.status.weights.text().startswith("pretrained"), timeout=60_000)
    assert window.status.weights.text() == f"pretrained {entry.name}"
    qtbot.waitUntil(lambda: "top class" in window.status.message.text(), timeout=60_000)
    text = window.status.message.text()
    assert "untrained" not in text
    assert any(
        f" {name} (" in text
        for name in ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
    )
    # a later edit that rebuilds a block says the network is no longer all pretrained
    window.edit(lambda s: s.with_block_shortcut("layer2.0", "conv1x1"), "shortcut")
    qtbot.waitUntil(lambda: "re-initialised" in window.status.weights.text(), timeout=60_000)
    # cached now: the dialog offers to use it
    window.pretrained_dialog()
    assert window.pretrained.go.text() == "Use"


def test_a_custom_network_has_no_pretrained_entry(qtbot, window):
    window.edit(lambda s: s.with_stage_stride(2, "1"), "stride")
    window.pretrained_dialog()
    dlg = window.pretrained
    assert not dlg.go.isEnabled() and "no pretrained weights for a custom network" in dlg.info.text()
