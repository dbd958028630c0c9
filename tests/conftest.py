"""Test setup: Qt runs offscreen (no display in CI), torch uses few threads."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RESNET_VIEWER_SETTINGS", "isolated")  # no QSettings leak between tests

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=40, deadline=None)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def torch():
    import torch

    torch.set_num_threads(2)
    return torch
