"""Loading state_dicts safely: never unpickle code, name every key that does not fit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from ..core.i18n import t
from .hub_cache import cached_weights, torch_hub_dir  # noqa: F401  (part of this module's API)

SUFFIXES = (".pth", ".pt", ".bin", ".safetensors")  # what file dialogs offer first; any name is read


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
        for kind, keys in (("missing", self.missing), ("unexpected", self.unexpected), ("wrong", self.wrong_shape)):
            if not keys:
                continue
            shown = ", ".join(keys[:limit])
            if len(keys) > limit:
                shown = t("{keys} (+{more} more)", keys=shown, more=len(keys) - limit)
            if kind == "missing":
                parts.append(t("{count} missing: {keys}", count=len(keys), keys=shown))
            elif kind == "unexpected":
                parts.append(t("{count} unexpected: {keys}", count=len(keys), keys=shown))
            else:
                parts.append(t("{count} wrong shape: {keys}", count=len(keys), keys=shown))
        return "; ".join(parts) if parts else t("all {count} tensors loaded", count=len(self.loaded))


def read_state_dict(path: str | Path) -> dict[str, torch.Tensor]:
    """Any checkpoint file (format by content, wrappers and prefixes undone,
    head names mapped to `fc`) as this project's names → tensors."""
    from .checkpoint import read_state_dict as read_checkpoint

    try:
        return read_checkpoint(path)[0]
    except ValueError as e:
        raise WeightsError(str(e)) from None


def match(model: nn.Module, state: dict[str, torch.Tensor]) -> LoadReport:
    own = model.state_dict()
    r = LoadReport()
    for k, v in state.items():
        if k not in own:
            r.unexpected.append(k)
        elif own[k].shape != v.shape:
            found, wanted = "x".join(map(str, v.shape)), "x".join(map(str, own[k].shape))
            r.wrong_shape.append(t("{key}: file {found} vs model {wanted}", key=k, found=found, wanted=wanted))
        else:
            r.loaded.append(k)
    # old checkpoints lack BatchNorm's counter; it only matters for momentum=None
    r.missing = [k for k in own if k not in state and not k.endswith("num_batches_tracked")]
    return r


def apply_state_dict(
    model: nn.Module, state: dict[str, torch.Tensor], strict: bool = True, source: str = "weights"
) -> LoadReport:
    """Load what fits. Strict: any missing, unexpected or wrong-shape key refuses
    the whole file and leaves the model untouched."""
    report = match(model, state)
    if strict and not report.complete:
        head = state.get("fc.weight")
        if head is not None and head.dim() == 2 and any(k.startswith("fc.weight:") for k in report.wrong_shape):
            raise WeightsError(
                t(
                    "{source}: does not fit this network — {details}. The file's head has {classes} classes: "
                    "set the number of classes to {classes}. Load non-strict to apply what fits.",
                    source=source,
                    details=report.describe(),
                    classes=head.shape[0],
                )
            )
        raise WeightsError(
            t(
                "{source}: does not fit this network — {details}. Load non-strict to apply what fits.",
                source=source,
                details=report.describe(),
            )
        )
    with torch.no_grad():
        own = model.state_dict()
        for k in report.loaded:
            own[k].copy_(state[k])
    return report
