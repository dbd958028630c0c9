"""Named specs: torchvision's ImageNet ResNets, ResNet-D, and the paper's CIFAR nets."""

from __future__ import annotations

from .spec import ArchSpec

_IMAGENET = ArchSpec()
_CIFAR = ArchSpec(
    block="basic",
    layers=(3, 3, 3),
    widths=(16, 32, 64),
    strides=(1, 2, 2),
    dilate=(False, False, False),
    stem="cifar",
    stem_width=16,
    shortcut="zero-pad-both",  # the layout of the CIFAR checkpoints people have (see shortcuts.py)
    num_classes=10,
    input_shape=(3, 32, 32),
)


def _cifar(n: int) -> ArchSpec:
    """He et al. 2016 §4.2: 6n+2 layers, n blocks per stage."""
    return _CIFAR.with_changes(layers=(n, n, n))


PRESETS: dict[str, ArchSpec] = {
    "resnet18": _IMAGENET.with_changes(block="basic", layers=(2, 2, 2, 2)),
    "resnet34": _IMAGENET.with_changes(block="basic", layers=(3, 4, 6, 3)),
    "resnet50": _IMAGENET,
    "resnet101": _IMAGENET.with_changes(layers=(3, 4, 23, 3)),
    "resnet152": _IMAGENET.with_changes(layers=(3, 8, 36, 3)),
    "resnext50_32x4d": _IMAGENET.with_changes(groups=32, width_per_group=4),
    "wide_resnet50_2": _IMAGENET.with_changes(width_per_group=128),
    "resnet50d": _IMAGENET.with_changes(stem="deep", shortcut="avgpool-conv1x1"),
    "resnet20": _cifar(3),
    "resnet32": _cifar(5),
    "resnet44": _cifar(7),
    "resnet56": _cifar(9),
    "resnet110": _cifar(18),
}

DEFAULT_PRESET = "resnet50"


def preset(name: str) -> ArchSpec:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"preset: unknown name {name!r}; known: {', '.join(PRESETS)}") from None


def matching_preset(spec: ArchSpec) -> str | None:
    """The preset this spec is, if any (ignoring input size and batch)."""
    for name, p in PRESETS.items():
        if p.with_changes(input_shape=spec.input_shape, batch=spec.batch) == spec:
            return name
    return None
