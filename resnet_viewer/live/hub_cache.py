"""torchvision checkpoints already on disk ($TORCH_HOME/hub/checkpoints).
Never downloads; no torch import, so the GUI can list them at any time."""

from __future__ import annotations

import os
from pathlib import Path


def torch_hub_dir() -> Path:
    home = os.environ.get("TORCH_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "torch"
    )
    return Path(home) / "hub" / "checkpoints"


def cached_weights(preset_name: str) -> list[Path]:
    """Files torchvision would have saved for this preset, e.g. resnet50-11ad3fa6.pth."""
    d = torch_hub_dir()
    return sorted(d.glob(f"{preset_name}-*.pth")) if d.is_dir() else []
