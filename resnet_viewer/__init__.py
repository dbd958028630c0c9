"""resnet_viewer — see what ResNet's downsample does, live.

`ArchSpec`, `preset` and `infer` need neither torch nor Qt; `build_model`
imports torch on first use, so `import resnet_viewer` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import PRESETS, ArchSpec, ShapeReport, SpecError, infer, preset

__version__ = "0.1.0"
__all__ = ["PRESETS", "ArchSpec", "ShapeReport", "SpecError", "build_model", "infer", "preset"]

if TYPE_CHECKING:
    import torch


def build_model(spec: ArchSpec, seed: int = 0) -> torch.nn.Module:
    from .live.model import build_model as _build

    return _build(spec, seed)


def __getattr__(name: str) -> Any:  # pragma: no cover - plain attribute error
    raise AttributeError(f"module 'resnet_viewer' has no attribute {name!r}")
