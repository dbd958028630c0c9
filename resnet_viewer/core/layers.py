"""The layers of each part of the network, as named core descriptors.

`infer` walks these lists to compute shapes; the live builder turns the very
same lists into torch modules, which is why the two always agree. Names are
torchvision's (`conv1`, `bn1`, `downsample.0`, ...) so state_dicts load.
"""

from __future__ import annotations

from . import shortcuts
from .ops import BatchNorm, Conv, GlobalAvgPool, Linear, MaxPool, Op, ReLU
from .spec import ArchSpec, BlockPlan

Named = list[tuple[str, Op]]


def stem_layers(spec: ArchSpec) -> Named:
    c_in, width = spec.input_shape[0], spec.stem_width
    if spec.stem == "cifar":
        return [("conv1", Conv(c_in, width, 3, 1, 1)), ("bn1", BatchNorm(width)), ("relu", ReLU())]
    if spec.stem == "deep":  # ResNet-C / timm resnet50d: three 3x3 convs instead of one 7x7
        half = width // 2
        convs: Named = [
            ("conv1.0", Conv(c_in, half, 3, 2, 1)),
            ("conv1.1", BatchNorm(half)),
            ("conv1.2", ReLU()),
            ("conv1.3", Conv(half, half, 3, 1, 1)),
            ("conv1.4", BatchNorm(half)),
            ("conv1.5", ReLU()),
            ("conv1.6", Conv(half, width, 3, 1, 1)),
        ]
    else:
        convs = [("conv1", Conv(c_in, width, 7, 2, 3))]
    return [*convs, ("bn1", BatchNorm(width)), ("relu", ReLU()), ("maxpool", MaxPool())]


def main_layers(spec: ArchSpec, b: BlockPlan) -> Named:
    d, s = b.dilation, b.stride
    if spec.block == "basic":
        return [
            ("conv1", Conv(b.in_ch, b.width, 3, s, d, d)),
            ("bn1", BatchNorm(b.width)),
            ("relu1", ReLU()),
            ("conv2", Conv(b.width, b.out_ch, 3, 1, d, d)),
            ("bn2", BatchNorm(b.out_ch)),
        ]
    s1, s3 = (s, 1) if spec.stride_on == "1x1" else (1, s)
    return [
        ("conv1", Conv(b.in_ch, b.width, 1, s1)),
        ("bn1", BatchNorm(b.width)),
        ("relu1", ReLU()),
        ("conv2", Conv(b.width, b.width, 3, s3, d, d, spec.groups)),
        ("bn2", BatchNorm(b.width)),
        ("relu2", ReLU()),
        ("conv3", Conv(b.width, b.out_ch, 1)),
        ("bn3", BatchNorm(b.out_ch)),
    ]


def shortcut_layers(b: BlockPlan) -> Named:
    ops = shortcuts.get(b.shortcut).ops(b.in_ch, b.out_ch, b.stride)
    return [(f"downsample.{i}", op) for i, op in enumerate(ops)]


def head_layers(spec: ArchSpec) -> Named:
    last = spec.widths[-1] * spec.expansion
    return [("avgpool", GlobalAvgPool()), ("fc", Linear(last, spec.num_classes))]
