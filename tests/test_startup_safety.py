"""The app always starts, never reruns what killed it, refuses a run too big for
the machine without losing what is on screen, and writes nothing half-way.

The window here has an idle engine (no torch): these are the GUI thread's
decisions, taken before any request reaches the live model."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from resnet_viewer import preset
from resnet_viewer.cli import main
from resnet_viewer.core.files import atomic_path, write_spec
from resnet_viewer.core.presets import DEFAULT_PRESET
from resnet_viewer.gui.engine import LiveEngine


class IdleEngine(LiveEngine):
    """The engine's interface without its worker thread: requests are only recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[object] = []

    def start(self) -> None: ...
    def submit(self, req: object) -> None:
        self.requests.append(req)

    def shutdown(self, timeout: float = 5.0) -> None: ...


def store(path, **values: str) -> None:
    s = QSettings(str(path), QSettings.Format.IniFormat)
    for k, v in values.items():
        s.setValue(k, v)
    s.sync()


def open_window(qtbot):
    from resnet_viewer.gui.main_window import MainWindow

    w = MainWindow(engine=IdleEngine())
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize(
    "saved",
    [
        '{"block_shortcuts": [1, 2]}',
        '{"block_shortcuts": [["layer1.0", "zero-pad", "x"]]}',
        "[" * 100_000 + "]" * 100_000,
        '{"dilate": ["false", "no", "no", "no"]}',
        "not json at all",
        '{"block": "' + "x" * 1_000_000 + '"}',
    ],
    ids=["ints", "three", "deep", "dilate-strings", "not-json", "huge"],
)
def test_a_broken_saved_spec_opens_the_default_network_with_a_note(qtbot, settings_file, saved):
    store(settings_file, spec=saved)
    w = open_window(qtbot)
    assert w.doc.spec == preset(DEFAULT_PRESET)
    note = w.status.message.text()
    assert "saved network could not be read" in note and len(note) < 400
    assert w.engine.requests  # and it runs the default network


def test_a_run_that_killed_the_app_is_offered_not_rerun(qtbot, settings_file):
    small = preset("resnet20").with_changes(batch=64)
    store(settings_file, spec=small.to_json())
    marker = settings_file.with_name(settings_file.name + ".running")
    marker.write_text(small.to_json())
    w = open_window(qtbot)
    assert w.doc.spec == preset(DEFAULT_PRESET)
    assert "ended while" in w.status.message.text()
    assert marker.read_text() == preset(DEFAULT_PRESET).to_json()  # the default's run now: asked about once
    reopen = next(a for a in w.findChildren(type(w.menuBar().actions()[0])) if a.text() == "Reopen last network")
    assert reopen.isEnabled()
    reopen.trigger()
    assert w.doc.spec == small


def test_a_run_is_marked_while_it_runs_and_a_clean_close_clears_it(qtbot, settings_file):
    w = open_window(qtbot)
    marker = settings_file.with_name(settings_file.name + ".running")
    assert marker.read_text() == preset(DEFAULT_PRESET).to_json()  # on disk before the run starts
    w.on_failed(w.gen, "some failure", "")
    assert not marker.exists()
    w.request_live()
    assert marker.exists()
    w.close()
    assert not marker.exists()
    again = open_window(qtbot)
    assert again.doc.spec == preset(DEFAULT_PRESET) and "ended while" not in again.status.message.text()


def test_a_run_too_big_for_the_machine_is_refused_and_not_saved(qtbot, settings_file):
    w = open_window(qtbot)
    before = len(w.engine.requests)
    w.edit(lambda s: s.with_changes(batch=1024, input_shape=(3, 1024, 1024)), "huge")  # ~0.5 TB; batch 1 fits
    msg = w.status.message.text()
    assert msg.startswith("✗ this run needs") and "available on cpu" in msg and "lower the batch" in msg
    assert len(w.engine.requests) == before  # nothing submitted: the trace on screen stays
    w.close()
    saved = QSettings(str(settings_file), QSettings.Format.IniFormat).value("spec")
    assert '"batch": 1024' not in saved


def test_the_undo_stack_is_bounded(qtbot):
    from resnet_viewer.gui.document import Document

    doc = Document(preset(DEFAULT_PRESET))  # the window's own document, without a window redrawing each edit
    stack = doc.undo_stack
    assert stack.undoLimit() == 500
    for i in range(520):
        doc.edit(doc.spec.with_changes(num_classes=2 + i), f"edit {i}")
    assert stack.count() == 500
    stack.undo()
    assert doc.spec.num_classes == 2 + 518


def test_settings_and_specs_are_replaced_atomically(tmp_path, settings_file):
    store(settings_file, spec="one")
    inode = os.stat(settings_file).st_ino
    store(settings_file, spec="two")
    assert os.stat(settings_file).st_ino != inode  # Qt wrote a new file and renamed it over the old
    target = tmp_path / "net.json"
    write_spec(target, preset("resnet18"))
    with pytest.raises(RuntimeError), atomic_path(target, ".json") as tmp:
        tmp.write_text('{"half": ')
        raise RuntimeError("disk full")
    assert '"layers": [\n    2,' in target.read_text()  # the previous file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.json", "settings.ini"]


def test_save_activations_never_leaves_a_partial_file(tmp_path, monkeypatch, capsys):
    old = tmp_path / "acts.npz"
    old.write_bytes(b"previous")

    def dies_half_way(file, **arrays):
        with open(file, "wb") as f:
            f.write(b"PK\x03\x04 half")
        raise OSError("No space left on device")

    monkeypatch.setattr(np, "savez_compressed", dies_half_way)
    assert main(["trace", "--preset", "resnet20", "--save-activations", str(old)]) == 2
    assert "No space left" in capsys.readouterr().err
    assert old.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["acts.npz"]
