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

import torch
from torch import nn

from ..core.layers import Named, head_layers, main_layers, shortcut_layers, stem_layers
from ..core.spec import ArchSpec, BlockPlan
from .modules import Merge, module_for


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
        return self.act(self.merge(self.forward_main(x), identity, x))


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
    init_weights(holder.downsample, f"{plan.name}.downsample", seed)
    return holder.downsample


class ResNet(nn.Module):
    def __init__(self, spec: ArchSpec, seed: int = 0) -> None:
        super().__init__()
        self.spec, self.seed = spec, seed
        self.stem_names = _build(stem_layers(spec), self)
        plans = spec.plan()
        for stage in range(1, spec.stage_count + 1):
            blocks = [build_block(spec, p, seed) for p in plans if p.stage == stage]
            self.add_module(f"layer{stage}", nn.Sequential(*blocks))
        self.head_names = _build(head_layers(spec), self)
        for name in self.stem_names + self.head_names:
            init_weights(getattr(self, name), name, seed)

    def stages(self) -> Iterator[nn.Sequential]:
        for stage in range(1, self.spec.stage_count + 1):
            yield getattr(self, f"layer{stage}")

    def blocks(self) -> list[tuple[str, ResidualBlock]]:
        return [(f"layer{s}.{i}", b) for s, stage in enumerate(self.stages(), 1) for i, b in enumerate(stage)]

    def forward_stem(self, x: torch.Tensor) -> torch.Tensor:
        for name in self.stem_names:
            x = getattr(self, name)(x)
        return x

    def forward_head(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(x), 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.forward_stem(x)
        for stage in self.stages():
            x = stage(x)
        return self.forward_head(x)


def build_model(spec: ArchSpec, seed: int = 0) -> ResNet:
    """A real ResNet for `spec`; the same seed gives the same weights."""
    return ResNet(spec, seed)
