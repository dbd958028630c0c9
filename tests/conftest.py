"""Test setup: Qt runs offscreen (no display in CI), torch uses one thread per xdist worker."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One xdist worker per core (pyproject's `-n auto`): each worker's torch on one thread, or
# two workers on two cores fight over four threads (66 s against 89 s for the quick run).
# Set before torch is imported anywhere; CLI subprocesses inherit it.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["OMP_NUM_THREADS"] = "1"
# No QSettings leak into the user's settings or the checkout: one fresh file per test process
# (was the relative path "isolated", which wrote a file into the working directory).
os.environ.setdefault("RESNET_VIEWER_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="rv_tests_"), "settings.ini"))

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=40, deadline=None)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def torch():
    import torch

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process (-n 0): both cores
        torch.set_num_threads(2)
    return torch


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    """This test's own QSettings file (the path; the file appears once something is saved)."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("RESNET_VIEWER_SETTINGS", str(path))
    return path


@pytest.fixture
def make_window(qtbot, settings_file):
    """make(spec=None): a main window with this test's settings file, shown, after its
    first trace; every window made is shut down after the test."""
    from resnet_viewer.gui.main_window import MainWindow

    made = []

    def make(spec=None):
        w = MainWindow() if spec is None else MainWindow(spec=spec)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.trace_shown, timeout=60_000):
            w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.engine.shutdown()
