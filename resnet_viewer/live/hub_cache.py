"""Weights already on disk in torch's cache ($TORCH_HOME/hub/checkpoints, the
folder torchvision and timm download to). Never downloads; no torch import, so
the CLI and the GUI can ask at any time."""

from __future__ import annotations

import os
from pathlib import Path

from ..core import catalogue
from ..core.catalogue import WeightsEntry


def torch_hub_dir() -> Path:
    """torch.hub.get_dir() + /checkpoints, by torch's own rule, without importing torch."""
    home = os.path.expanduser(
        os.environ.get("TORCH_HOME")
        or os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "torch")
    )
    return Path(home) / "hub" / "checkpoints"


def cached_entries(preset_name: str | None = None) -> list[tuple[WeightsEntry, Path]]:
    """Catalogue entries whose file is in the cache (by name; the hash is checked on use)."""
    d = torch_hub_dir()
    return [
        (e, d / e.file_name)
        for e in catalogue.CATALOGUE
        if (preset_name is None or e.preset == preset_name) and (d / e.file_name).is_file()
    ]


def cached_weights(preset_name: str) -> list[Path]:
    """Files for this preset in the cache: catalogue files first, then any other
    `<preset>-*.pth` torchvision saved (older releases, e.g. resnet50-19c8e357.pth)."""
    d = torch_hub_dir()
    known = [p for _, p in cached_entries(preset_name)]
    others = sorted(p for p in d.glob(f"{preset_name}-*.pth") if p not in known) if d.is_dir() else []
    return known + others
