"""resnet_viewer — see what ResNet's downsample does, live.

`ArchSpec`, `preset` and `infer` need neither torch nor Qt; `build_model`
imports torch on first use, so `import resnet_viewer` stays instant.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .core import PRESETS, ArchSpec, ShapeReport, SpecError, infer, preset

__version__ = "0.1.0"
__all__ = ["PRESETS", "ArchSpec", "ShapeReport", "SpecError", "build_model", "infer", "open_checkpoint", "preset"]

if TYPE_CHECKING:
    import torch

    from .live.checkpoint import Checkpoint


def build_model(spec: ArchSpec, seed: int = 0) -> torch.nn.Module:
    from .live.model import build_model as _build

    return _build(spec, seed)


def open_checkpoint(path: str | os.PathLike[str], num_classes: int | None = None) -> Checkpoint:
    """The network a checkpoint file holds, whatever its name or wrapper:
    `spec, state_dict, notes = open_checkpoint("resnet20-12fca82f.th")`.
    `num_classes` gives the network a new head (the file's fc is then not loaded)."""
    from .live.checkpoint import open_checkpoint as _open

    return _open(path, num_classes)


def __getattr__(name: str) -> Any:  # pragma: no cover - plain attribute error
    raise AttributeError(f"module 'resnet_viewer' has no attribute {name!r}")
