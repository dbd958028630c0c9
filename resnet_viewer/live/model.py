"""`build_model(spec, seed)`: a real torch ResNet whose parameter names are
torchvision's (and timm's for resnet50d), built from the core's layer lists.

Every parameter is initialised from its own generator, seeded by the model
seed and the parameter's name. A block therefore gets the same weights
whether the whole network is built or only that block is rebuilt — which is
what lets the live session change one block and still equal a fresh build.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from typing import TypeVar, cast

import torch
from torch import nn

from ..core.choices import BlockName, stage_name
from ..core.layers import Named, head_layers, main_layers, shortcut_layers, stem_layers
from ..core.spec import ArchSpec, BlockPlan
from .modules import Merge, module_for

M = TypeVar("M", bound=nn.Module)


def _attach(parent: nn.Module, dotted: str, child: nn.Module) -> None:
    """Place `child` at `conv1` or `conv1.3` (a Sequential made on demand)."""
    head, _, rest = dotted.partition(".")
    if not rest:
        parent.add_module(head, child)
        return
    if getattr(parent, head, None) is None:
        parent.add_module(head, nn.Sequential())
    seq = getattr(parent, head)
    assert int(rest) == len(seq), f"layers of {head} must come in index order"
    seq.append(child)


def _build(layers: Named, parent: nn.Module) -> list[str]:
    """Attach every layer; returns the top-level names in run order."""
    order: list[str] = []
    for name, op in layers:
        _attach(parent, name, module_for(op))
        top = name.partition(".")[0]
        if top not in order:
            order.append(top)
    return order


def _generator(seed: int, name: str) -> torch.Generator:
    return torch.Generator().manual_seed(zlib.crc32(f"{seed}:{name}".encode()) + seed * 2**32)


@torch.no_grad()
def init_weights(module: nn.Module, prefix: str, seed: int) -> None:
    """torchvision's initialisation, made reproducible per parameter name."""
    for name, m in module.named_modules(prefix=prefix):
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu", generator=_generator(seed, name))
        elif isinstance(m, nn.BatchNorm2d):
            m.reset_parameters()
        elif isinstance(m, nn.Linear):
            g = _generator(seed, name)
            nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=g)
            bound = 1 / math.sqrt(m.in_features)
            nn.init.uniform_(m.bias, -bound, bound, generator=g)


class ResidualBlock(nn.Module):
    """A basic or bottleneck block: main branch, `downsample` (None = identity),
    `merge` (the add, hookable) and `act` (the final ReLU)."""

    # registered through nn.Module (by name, from the core's layer lists): declared for the type checker
    downsample: nn.Module | None
    merge: Merge
    act: nn.ReLU

    def __init__(self, spec: ArchSpec, plan: BlockPlan) -> None:
        super().__init__()
        self.plan = plan
        self.main_names = _build(main_layers(spec, plan), self)
        shortcut = shortcut_layers(plan)
        self.register_module("downsample", None)  # None = identity, as in torchvision
        if shortcut:
            _build(shortcut, self)
        self.merge = Merge(plan)
        self.act = nn.ReLU(inplace=False)

    def forward_main(self, x: torch.Tensor) -> torch.Tensor:
        for name in self.main_names:
            x = getattr(self, name)(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out: torch.Tensor = self.act(self.merge(self.forward_main(x), identity, x))  # Module.__call__ is untyped
        return out

    def relabel(self, plan: BlockPlan) -> None:
        """Take a plan whose layers are this block's own (e.g. conv1x1 -> conv1x1-all here)."""
        self.plan = self.merge.plan = plan


def build_block(spec: ArchSpec, plan: BlockPlan, seed: int) -> ResidualBlock:
    block = ResidualBlock(spec, plan)
    init_weights(block, plan.name, seed)
    return block


def build_shortcut(plan: BlockPlan, seed: int) -> nn.Module | None:
    """Only the shortcut of a block (for a toggle that changes nothing else)."""
    holder = nn.Module()
    layers = shortcut_layers(plan)
    if not layers:
        return None
    _build(layers, holder)
    downsample = holder.get_submodule("downsample")
    init_weights(downsample, f"{plan.name}.downsample", seed)
    return downsample


class ResNet(nn.Module):
    # the head, registered by name from core.layers.head_layers
    avgpool: nn.AdaptiveAvgPool2d
    fc: nn.Linear

    def __init__(self, spec: ArchSpec, seed: int = 0) -> None:
        super().__init__()
        self.spec, self.seed = spec, seed
        self.stem_names = _build(stem_layers(spec), self)
        plans = spec.plan()
        for stage in range(1, spec.stage_count + 1):
            blocks = [build_block(spec, p, seed) for p in plans if p.stage == stage]
            self.add_module(stage_name(stage), nn.Sequential(*blocks))
        self.head_names = _build(head_layers(spec), self)
        for name in self.stem_names + self.head_names:
            init_weights(getattr(self, name), name, seed)

    def stages(self) -> Iterator[nn.Sequential]:
        for stage in range(1, self.spec.stage_count + 1):
            yield getattr(self, stage_name(stage))

    def blocks(self) -> list[tuple[str, ResidualBlock]]:
        return [
            (str(BlockName(s, i)), cast(ResidualBlock, b))
            for s, stage in enumerate(self.stages(), 1)
            for i, b in enumerate(stage)
        ]

    def forward_stem(self, x: torch.Tensor) -> torch.Tensor:
        for name in self.stem_names:
            x = getattr(self, name)(x)
        return x

    def forward_head(self, x: torch.Tensor) -> torch.Tensor:
        logits: torch.Tensor = self.fc(torch.flatten(self.avgpool(x), 1))  # Module.__call__ is untyped
        return logits

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.forward_stem(x)
        for stage in self.stages():
            x = stage(x)
        return self.forward_head(x)

    # ---- surgery: replace one part, keep every other weight -------------
    # Each new part gets the weights a fresh build of the new spec would give it
    # (init is seeded per parameter name), on the model's device and in its mode.

    def replace_stem(self, spec: ArchSpec) -> None:
        self.stem_names = self._rebuild(self.stem_names, stem_layers(spec))

    def replace_head(self, spec: ArchSpec) -> None:
        self.head_names = self._rebuild(self.head_names, head_layers(spec))

    def new_block(self, spec: ArchSpec, plan: BlockPlan) -> ResidualBlock:
        """A block with a new main branch, ready for `set_blocks`."""
        return self._place(build_block(spec, plan, self.seed))

    def replace_shortcut(self, block: ResidualBlock, plan: BlockPlan) -> None:
        """Give `block` the shortcut of `plan`; its main branch is kept."""
        ds = build_shortcut(plan, self.seed)
        block.downsample = None if ds is None else self._place(ds)
        block.relabel(plan)

    def set_blocks(self, spec: ArchSpec, blocks: list[ResidualBlock]) -> None:
        """Arrange `blocks` (one per `spec.plan()` entry, in order) into layer1..layerN."""
        plans = spec.plan()
        old_count = self.spec.stage_count
        for stage in range(1, spec.stage_count + 1):
            self.add_module(
                stage_name(stage), nn.Sequential(*(b for p, b in zip(plans, blocks, strict=True) if p.stage == stage))
            )
        for stage in range(spec.stage_count + 1, old_count + 1):
            delattr(self, stage_name(stage))
        self.spec = spec

    def _rebuild(self, old_names: list[str], layers: Named) -> list[str]:
        device = self._device()
        for name in old_names:
            delattr(self, name)
        names = _build(layers, self)
        for name in names:
            init_weights(getattr(self, name), name, self.seed)
            getattr(self, name).to(device).train(self.training)
        return names

    def _place(self, module: M) -> M:
        return module.to(self._device()).train(self.training)

    def _device(self) -> torch.device:
        return next(self.parameters()).device


def build_model(spec: ArchSpec, seed: int = 0) -> ResNet:
    """A real ResNet for `spec`; the same seed gives the same weights."""
    return ResNet(spec, seed)
