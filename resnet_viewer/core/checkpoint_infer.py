"""Understanding a checkpoint: `{name: shape}` → `ArchSpec` + notes. Pure (no torch).

The inverse of `state_shapes(spec)`, which lists the names and shapes the
core's own layer lists give. Inference reads the stem, the blocks per stage,
widths, groups and every block's shortcut from the names and shapes, then
checks its answer by comparing `state_shapes(answer)` with the file: a spec is
returned only if it explains every tensor in the file exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from .choices import Stem
from .i18n import t
from .layers import Named, head_layers, main_layers, shortcut_layers, stem_layers
from .ops import BatchNorm, Conv, Linear
from .spec import ArchSpec, SpecError

Shapes = Mapping[str, tuple[int, ...]]
OPTIONAL = "num_batches_tracked"  # old checkpoints lack it; torch accepts that


class CheckpointError(ValueError):
    """A file that is not a ResNet of this family; the message says what was expected."""


def _expected() -> str:
    return t(
        "a ResNet of the torchvision / timm / CIFAR family (conv1 or conv1.0/3/6, bn1, layer1.0…, fc; basic or bottleneck blocks)"
    )


def _op_shapes(prefix: str, layers: Named) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for name, op in layers:
        key = f"{prefix}{name}"
        if isinstance(op, Conv):
            out[f"{key}.weight"] = (op.out_ch, op.in_ch // op.groups, op.kernel, op.kernel)
        elif isinstance(op, BatchNorm):
            for p in ("weight", "bias", "running_mean", "running_var"):
                out[f"{key}.{p}"] = (op.channels,)
            out[f"{key}.{OPTIONAL}"] = ()
        elif isinstance(op, Linear):
            out[f"{key}.weight"] = (op.out_features, op.in_features)
            out[f"{key}.bias"] = (op.out_features,)
    return out


def state_shapes(spec: ArchSpec) -> dict[str, tuple[int, ...]]:
    """Every state_dict key the live model of `spec` has, with its shape."""
    out = _op_shapes("", stem_layers(spec))
    for plan in spec.plan():
        out.update(_op_shapes(f"{plan.name}.", main_layers(spec, plan)))
        out.update(_op_shapes(f"{plan.name}.", shortcut_layers(plan)))
    out.update(_op_shapes("", head_layers(spec)))
    return out


def _need(shapes: Shapes, key: str, dims: int) -> tuple[int, ...]:
    shape = shapes.get(key)
    if shape is None:
        raise CheckpointError(
            t("not a ResNet checkpoint: no {key}; expected {expected}", key=repr(key), expected=_expected())
        )
    if len(shape) != dims:
        raise CheckpointError(
            t(
                "{key} has shape {shape}, expected {dims} dimensions; expected {expected}",
                key=repr(key),
                shape=_fmt(shape),
                dims=dims,
                expected=_expected(),
            )
        )
    if min(shape) < 1:
        raise CheckpointError(
            t(
                "{key} has shape {shape}: an empty tensor where a layer's weights belong",
                key=repr(key),
                shape=_fmt(shape),
            )
        )
    return shape


def _fmt(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) or t("scalar")


def _stem(shapes: Shapes) -> tuple[Stem, int, int]:
    """(stem, stem_width, input channels)."""
    if "conv1.0.weight" in shapes:
        first, last = _need(shapes, "conv1.0.weight", 4), _need(shapes, "conv1.6.weight", 4)
        return "deep", last[0], first[1]
    w = _need(shapes, "conv1.weight", 4)
    if w[2] == 7:
        return "imagenet", w[0], w[1]
    if w[2] == 3:
        return "cifar", w[0], w[1]
    raise CheckpointError(
        t("conv1.weight is a {kernel} kernel; expected 7×7 (ImageNet) or 3×3 (CIFAR stem)", kernel=f"{w[2]}×{w[3]}")
    )


def _layers(shapes: Shapes) -> list[int]:
    counts: dict[int, set[int]] = {}
    for key in shapes:
        m = re.match(r"layer(\d+)\.(\d+)\.", key)
        if m:
            counts.setdefault(int(m[1]), set()).add(int(m[2]))
    if not counts:
        raise CheckpointError(
            t("not a ResNet checkpoint: no 'layer1.0.…' keys; expected {expected}", expected=_expected())
        )
    stages = sorted(counts)
    if stages != list(range(1, len(stages) + 1)):
        raise CheckpointError(
            t(
                "stages {stages} are not numbered layer1, layer2, … without gaps; expected {expected}",
                stages=stages,
                expected=_expected(),
            )
        )
    layers = []
    for s in stages:
        idx = sorted(counts[s])
        if idx != list(range(len(idx))):
            raise CheckpointError(
                t(
                    "the blocks of {stage} are {blocks}, not numbered 0, 1, … without gaps",
                    stage=f"layer{s}",
                    blocks=idx,
                )
            )
        layers.append(len(idx))
    return layers


def _bottleneck_widths(shapes: Shapes, layers: list[int]) -> tuple[list[int], int, int]:
    """(planes per stage, groups, width_per_group) from each stage's first block."""
    planes, groups, wpg = [], set(), set()
    for s in range(1, len(layers) + 1):
        c2 = _need(shapes, f"layer{s}.0.conv2.weight", 4)
        out = _need(shapes, f"layer{s}.0.conv3.weight", 4)[0]
        if out % 4:
            raise CheckpointError(
                t(
                    "{layer} has {out} output channels; a bottleneck's are 4 × planes",
                    layer=f"layer{s}.0.conv3",
                    out=out,
                )
            )
        p, width = out // 4, c2[0]
        if width % c2[1]:
            raise CheckpointError(
                t(
                    "{layer} has {width} output channels, not a multiple of its {inputs} inputs per group",
                    layer=f"layer{s}.0.conv2",
                    width=width,
                    inputs=c2[1],
                )
            )
        g = width // c2[1]
        per_group = width // g
        w = -(-per_group * 64 // p)  # the smallest width_per_group giving this width
        if int(p * (w / 64.0)) != per_group:
            raise CheckpointError(
                t(
                    "{layer} has {width} channels in {groups} groups; no width_per_group gives that",
                    layer=f"layer{s}.0.conv2",
                    width=width,
                    groups=g,
                )
            )
        planes.append(p)
        groups.add(g)
        wpg.add(w)
    if len(groups) > 1 or len(wpg) > 1:
        raise CheckpointError(
            t(
                "the stages use different groups {groups} / widths per group {widths}; "
                "this family has one value for the whole network",
                groups=sorted(groups),
                widths=sorted(wpg),
            )
        )
    return planes, groups.pop(), wpg.pop()


def _shortcut_kind(shapes: Shapes, block: str) -> str:
    """What the file has on this block's shortcut."""
    d0, d1 = shapes.get(f"{block}.downsample.0.weight"), shapes.get(f"{block}.downsample.1.weight")
    if d0 is not None and len(d0) == 4:
        return "conv1x1" if d0[2] == 1 else "conv3x3"
    if d1 is not None and len(d1) == 4:
        return "avgpool-conv1x1"
    return "none"


def _shortcuts(spec: ArchSpec, shapes: Shapes) -> tuple[str, dict[str, str], list[str]]:
    """The default variant, per-block overrides and notes."""
    per_block: dict[str, str] = {}
    free: list[str] = []
    for plan in spec.plan():
        kind = _shortcut_kind(shapes, plan.name)
        changes = plan.stride != 1 or plan.in_ch != plan.out_ch
        if kind == "none":
            if plan.in_ch != plan.out_ch:
                per_block[plan.name] = "zero-pad-both"
            else:
                free.append(plan.name)  # identity under every "only where needed" variant
        elif kind == "conv1x1" and not changes:
            per_block[plan.name] = "conv1x1-all"
        else:
            per_block[plan.name] = kind
    counts = Counter(per_block.values())
    default = counts.most_common(1)[0][0] if counts else "conv1x1"
    overrides = {}
    for name, v in per_block.items():
        if v != default and not (default == "conv1x1-all" and v == "conv1x1"):  # -all covers both
            overrides[name] = v
    if default == "conv1x1-all":
        overrides.update({name: "identity" for name in free})
    notes = []
    if "zero-pad-both" in per_block.values():
        notes.append(
            t(
                "parameter-free shortcuts where channels grow are option A; where the zero channels go is not "
                "stored: both sides (the layout of the most used CIFAR ResNet code) is assumed"
            )
        )
    if "avgpool-conv1x1" in per_block.values():
        notes.append(
            t("the pooling before the shortcut's 1x1 conv has no parameters: average pooling (ResNet-D) is assumed")
        )
    return default, overrides, notes


def infer_spec(shapes: Shapes, num_classes: int | None = None) -> tuple[ArchSpec, list[str]]:
    """The spec whose live model has exactly these tensors, and the notes on
    what a state_dict cannot tell. Raises CheckpointError in one line."""
    stem, stem_width, in_ch = _stem(shapes)
    layers = _layers(shapes)
    bottleneck = "layer1.0.conv3.weight" in shapes
    if bottleneck:
        widths, groups, wpg = _bottleneck_widths(shapes, layers)
    else:
        widths = [_need(shapes, f"layer{s}.0.conv1.weight", 4)[0] for s in range(1, len(layers) + 1)]
        groups, wpg = 1, 64
    fc = _need(shapes, "fc.weight", 2)
    n = len(layers)
    side = 32 if stem == "cifar" else 224
    try:
        spec = ArchSpec(
            block="bottleneck" if bottleneck else "basic",
            layers=tuple(layers),
            widths=tuple(widths),
            strides=(1,) + (2,) * (n - 1),
            dilate=(False,) * n,
            groups=groups,
            width_per_group=wpg,
            num_classes=fc[0],
            stem=stem,
            stem_width=stem_width,
            input_shape=(in_ch, side, side),
        )
        default, overrides, notes = _shortcuts(spec, shapes)
        spec = spec.with_changes(shortcut=default, block_shortcuts=overrides)
    except SpecError as e:
        raise CheckpointError(t("the file's shapes give no valid network: {error}", error=e)) from None
    _check_all(spec, shapes)
    strides = ",".join(map(str, spec.strides))
    notes.insert(
        0, t("strides are not stored in a state_dict: the family's standard {strides} is assumed", strides=strides)
    )
    if bottleneck:
        notes.append(
            t("the stride's place in a bottleneck is not stored: on the 3x3 conv (torchvision v1.5) is assumed")
        )
    notes.append(
        t(
            "input {shape} is assumed ({family} stem)",
            shape=f"{in_ch}×{side}×{side}",
            family="CIFAR" if stem == "cifar" else "ImageNet",
        )
    )
    if num_classes is not None and num_classes != spec.num_classes:
        notes.append(
            t(
                "the head is made for {wanted} classes; the file's fc has {found}",
                wanted=num_classes,
                found=spec.num_classes,
            )
        )
        spec = spec.with_changes(num_classes=num_classes)
    return spec, notes


def _check_all(spec: ArchSpec, shapes: Shapes) -> None:
    """The inferred spec must explain every tensor of the file, no more, no less."""
    want = state_shapes(spec)
    for key, shape in shapes.items():
        if key not in want:
            raise CheckpointError(
                t("{key} ({shape}) has no place in {expected}", key=repr(key), shape=_fmt(shape), expected=_expected())
            )
        if tuple(shape) != want[key]:
            raise CheckpointError(
                t(
                    "{key} is {found} in the file but {wanted} in the network its other tensors describe",
                    key=repr(key),
                    found=_fmt(tuple(shape)),
                    wanted=_fmt(want[key]),
                )
            )
    missing = [k for k in want if k not in shapes and not k.endswith(OPTIONAL)]
    if len(missing) == 1:
        raise CheckpointError(t("the file lacks {key}", key=repr(missing[0])))
    if missing:
        raise CheckpointError(t("the file lacks {key} (+{more} more)", key=repr(missing[0]), more=len(missing) - 1))
