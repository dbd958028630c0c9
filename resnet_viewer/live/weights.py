"""Loading state_dicts safely: never unpickle code, name every key that does not fit."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from .hub_cache import cached_weights, torch_hub_dir  # noqa: F401  (part of this module's API)

SUFFIXES = (".pth", ".pt", ".bin", ".safetensors")


class WeightsError(ValueError):
    """A weights file that cannot be used; the message names the file and why."""


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    wrong_shape: list[str] = field(default_factory=list)  # "key: file 64x3x7x7 vs model 64x3x3x3"

    @property
    def complete(self) -> bool:
        return not (self.missing or self.unexpected or self.wrong_shape)

    def describe(self, limit: int = 6) -> str:
        parts = []
        for label, keys in (
            ("missing", self.missing),
            ("unexpected", self.unexpected),
            ("wrong shape", self.wrong_shape),
        ):
            if keys:
                more = f" (+{len(keys) - limit} more)" if len(keys) > limit else ""
                parts.append(f"{len(keys)} {label}: {', '.join(keys[:limit])}{more}")
        return "; ".join(parts) if parts else f"all {len(self.loaded)} tensors loaded"


def read_state_dict(path: str | Path) -> dict[str, torch.Tensor]:
    p = Path(path)
    if not p.is_file():
        raise WeightsError(f"{p}: no such file")
    if p.suffix.lower() not in SUFFIXES:
        raise WeightsError(f"{p}: unknown weights format; use {', '.join(SUFFIXES)}")
    try:
        if p.suffix.lower() == ".safetensors":
            from safetensors.torch import load_file

            data = load_file(str(p), device="cpu")
        else:
            data = torch.load(p, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as e:
        # torch's weights-only unpickler stops at the first thing that is not plain
        # tensor data; a damaged file and a pickled object both end here
        glob = next((line.strip() for line in str(e).splitlines() if "Unsupported global" in line), "")
        raise WeightsError(
            f"{p}: refused — not a plain state_dict: the file is damaged, not a PyTorch checkpoint, "
            "or holds pickled Python objects (such as a whole model) that could run code; nothing was run. "
            "Save weights only with torch.save(model.state_dict(), 'weights.pth')"
            + (f" [{glob[:120]}]" if glob else "")
        ) from None
    except Exception as e:  # corrupt zip, truncated safetensors header, ...
        raise WeightsError(
            f"{p}: cannot read weights — the file is damaged or is not a PyTorch (.pth/.pt) or safetensors "
            f"weights file [{type(e).__name__}: {str(e).splitlines()[0][:160]}]"
        ) from None
    return _unwrap(p, data)


def _unwrap(p: Path, data: object) -> dict[str, torch.Tensor]:
    if isinstance(data, dict):
        for key in ("state_dict", "model", "model_state_dict"):  # common checkpoint wrappers
            if isinstance(data.get(key), dict):
                data = data[key]
                break
    if not isinstance(data, dict) or not data:
        raise WeightsError(f"{p}: expected a state_dict (a dict of name → tensor), got {type(data).__name__}")
    bad = [k for k, v in data.items() if not isinstance(v, torch.Tensor)]
    if bad:
        raise WeightsError(f"{p}: not a state_dict — {bad[0]!r} is not a tensor")
    prefix = "module."  # saved from DataParallel
    if all(k.startswith(prefix) for k in data):
        data = {k[len(prefix) :]: v for k, v in data.items()}
    return dict(data)


def match(model: nn.Module, state: dict[str, torch.Tensor]) -> LoadReport:
    own = model.state_dict()
    r = LoadReport()
    for k, v in state.items():
        if k not in own:
            r.unexpected.append(k)
        elif own[k].shape != v.shape:
            r.wrong_shape.append(f"{k}: file {'x'.join(map(str, v.shape))} vs model {'x'.join(map(str, own[k].shape))}")
        else:
            r.loaded.append(k)
    r.missing = [k for k in own if k not in state]
    return r


def apply_state_dict(
    model: nn.Module, state: dict[str, torch.Tensor], strict: bool = True, source: str = "weights"
) -> LoadReport:
    """Load what fits. Strict: any missing, unexpected or wrong-shape key refuses
    the whole file and leaves the model untouched."""
    report = match(model, state)
    if strict and not report.complete:
        raise WeightsError(
            f"{source}: does not fit this network — {report.describe()}. Load non-strict to apply what fits."
        )
    with torch.no_grad():
        own = model.state_dict()
        for k in report.loaded:
            own[k].copy_(state[k])
    return report
