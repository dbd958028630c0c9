"""Torch modules for the core's layer descriptors, plus the parameter-free
modules that make a block's structure visible to hooks."""

from __future__ import annotations

from typing import cast

import torch
import torch.nn.functional as F
from torch import nn

from ..core import ops as core_ops
from ..core.choices import PadPlacement
from ..core.shapes import fixing_variants, mismatch_message
from ..core.spec import BlockPlan


class ShapeMismatchError(RuntimeError):
    """The two branches of a block cannot be added; the message names the block,
    both shapes and the shortcuts that would fit (the same text `infer` gives)."""

    def __init__(self, message: str, block: str, main: tuple[int, ...], shortcut: tuple[int, ...]) -> None:
        super().__init__(message)
        self.block, self.main_shape, self.shortcut_shape = block, main, shortcut


class Subsample(nn.Module):
    def __init__(self, stride: int) -> None:
        super().__init__()
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x[:, :, :: self.stride, :: self.stride]

    def extra_repr(self) -> str:
        return f"stride={self.stride}"


class ZeroPadChannels(nn.Module):
    """Zero channels up to `out_ch`: appended ("end") or split before and after ("both")."""

    def __init__(self, out_ch: int, placement: PadPlacement = "end") -> None:
        super().__init__()
        self.out_ch, self.placement = out_ch, placement

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        before, after = core_ops.ZeroPadChannels(self.out_ch, self.placement).split(x.shape[1])
        if before + after == 0:
            return x
        return F.pad(x, (0, 0, 0, 0, before, after))

    def extra_repr(self) -> str:
        return f"out_channels={self.out_ch}, placement={self.placement!r}"


def _nchw(t: torch.Tensor) -> core_ops.Shape:
    """A block's tensors are N x C x H x W; the core's shape type says so."""
    return cast(core_ops.Shape, tuple(t.shape))


class Merge(nn.Module):
    """`main + shortcut`, as a module so one forward hook sees both branches
    and their sum, and a mismatch is raised here with a message a person reads."""

    def __init__(self, plan: BlockPlan) -> None:
        super().__init__()
        self.plan = plan

    def forward(self, main: torch.Tensor, shortcut: torch.Tensor, block_input: torch.Tensor) -> torch.Tensor:
        if main.shape != shortcut.shape:
            m, s, i = _nchw(main), _nchw(shortcut), _nchw(block_input)
            fixes = fixing_variants(self.plan, i, m)
            msg = mismatch_message(self.plan.name, self.plan.shortcut, m, s, fixes)
            raise ShapeMismatchError(msg, self.plan.name, m, s)
        return main + shortcut

    def extra_repr(self) -> str:
        return "main + shortcut"


def module_for(op: core_ops.Op) -> nn.Module:
    """The torch module for one core descriptor."""
    if isinstance(op, core_ops.Conv):
        return nn.Conv2d(op.in_ch, op.out_ch, op.kernel, op.stride, op.padding, op.dilation, op.groups, bias=False)
    if isinstance(op, core_ops.BatchNorm):
        return nn.BatchNorm2d(op.channels)
    if isinstance(op, core_ops.ReLU):
        return nn.ReLU(inplace=False)  # never in place: hooks keep what they saw
    if isinstance(op, core_ops.MaxPool):
        return nn.MaxPool2d(op.kernel, op.stride, op.padding)
    if isinstance(op, core_ops.Pool):
        if op.mode == "avg":
            return nn.AvgPool2d(op.stride, op.stride, ceil_mode=True, count_include_pad=False)
        return nn.MaxPool2d(op.stride, op.stride, ceil_mode=True)
    if isinstance(op, core_ops.Subsample):
        return Subsample(op.stride)
    if isinstance(op, core_ops.ZeroPadChannels):
        return ZeroPadChannels(op.out_ch, op.placement)
    if isinstance(op, core_ops.Passthrough):
        return nn.Identity()
    if isinstance(op, core_ops.GlobalAvgPool):
        return nn.AdaptiveAvgPool2d((1, 1))
    if isinstance(op, core_ops.Linear):
        return nn.Linear(op.in_features, op.out_features)
    raise TypeError(f"no torch module for {op!r}")
