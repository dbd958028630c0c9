"""Spec options shared by every subcommand (`--preset`, `--shortcut`, ...),
turned into an ArchSpec. Imports no torch and no Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from .core import i18n
from .core.choices import PRETRAINED
from .core.files import read_spec
from .core.presets import DEFAULT_PRESET, PRESETS, preset
from .core.spec import STRIDE_ON, ArchSpec, SpecError, parse_ints


def add_spec_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("network (spec options)")
    g.add_argument("--preset", default=None, help=f"one of {', '.join(PRESETS)} (default {DEFAULT_PRESET})")
    g.add_argument("--spec", type=Path, help="a spec saved as JSON (File → Save spec)")
    g.add_argument("--shortcut", help="default shortcut variant for every block")
    g.add_argument("--stage-strides", help="stride per stage, e.g. 1,2,2,2")
    g.add_argument("--dilate", help="stages (1-based) whose stride becomes dilation, e.g. 3,4")
    g.add_argument("--stride-on", choices=STRIDE_ON, help="bottleneck stride on the 3x3 (v1.5) or first 1x1 (v1)")
    g.add_argument(
        "--block-shortcut",
        action="append",
        default=[],
        metavar="BLOCK=VARIANT",
        help="e.g. layer2.0=zero-pad (repeatable)",
    )
    g.add_argument(
        "--block-stride", action="append", default=[], metavar="BLOCK=N", help="e.g. layer3.0=1 (repeatable)"
    )
    g.add_argument("--input", help="input C x H x W, e.g. 3x224x224")
    g.add_argument("--batch", type=int, help="batch size")


def add_weights_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("weights")
    g.add_argument(
        "--weights",
        metavar=f"FILE|{PRETRAINED}",
        help="a checkpoint (any name: .pth, .th, .pth.tar, .ckpt, .safetensors, ...); without --preset/--spec "
        "the network is read from the file. 'pretrained': the preset's entry in `resnet-viewer weights`",
    )
    g.add_argument("--num-classes", type=int, help="classes of the head (a fine-tuned fc), e.g. 5")
    g.add_argument("--non-strict", action="store_true", help="load what fits and report the rest")


def checkpoint_spec(args: argparse.Namespace) -> ArchSpec | None:
    """`--weights FILE` without `--preset`/`--spec`: the network the file holds.
    Reads the file (imports torch); keeps it on `args.checkpoint` for the loader."""
    path = getattr(args, "weights", None)
    if not path or path == PRETRAINED or args.preset or args.spec:
        return None
    from .live.checkpoint import open_checkpoint

    checkpoint = open_checkpoint(path, num_classes=args.num_classes)
    args.checkpoint = checkpoint
    return checkpoint.spec


def _ints(text: str, option: str, sep: str = ",") -> list[int]:
    try:
        return parse_ints(text, sep)
    except ValueError:
        raise SpecError(
            option, text, i18n.t("expected integers separated by {separator}", separator=repr(sep))
        ) from None


def _pair(text: str, option: str) -> tuple[str, str]:
    name, eq, value = text.partition("=")
    if not eq or not name or not value:
        raise SpecError(option, text, i18n.t("expected BLOCK=VALUE, e.g. layer2.0=zero-pad"))
    return name.strip(), value.strip()


def spec_from_args(args: argparse.Namespace) -> ArchSpec:
    """Raises SpecError / ValueError / OSError with a message for the user."""
    spec, from_checkpoint = _base_spec(args)
    changes = _network_changes(args, spec, from_checkpoint)
    changes.update(_input_changes(args))
    changes.update(_block_changes(args, spec))
    spec = spec.with_changes(**changes) if changes else spec
    if getattr(args, "weights", None) == PRETRAINED:
        spec = pretrained_spec(spec, user_input=bool(args.input))
    return spec


def _base_spec(args: argparse.Namespace) -> tuple[ArchSpec, bool]:
    """The network the options change: the checkpoint's (True), the spec file's or the preset's."""
    if args.spec and args.preset:
        raise SpecError("--spec", str(args.spec), i18n.t("give --spec or --preset, not both"))
    from_file = checkpoint_spec(args)
    if from_file is not None:
        return from_file, True
    if args.spec:
        return read_spec(args.spec), False
    return preset(args.preset or DEFAULT_PRESET), False


def _network_changes(args: argparse.Namespace, spec: ArchSpec, from_checkpoint: bool) -> dict[str, object]:
    """--num-classes (a checkpoint's head decides its own), --shortcut, --stage-strides, --dilate, --stride-on."""
    changes: dict[str, object] = {}
    if getattr(args, "num_classes", None) is not None and not from_checkpoint:
        changes["num_classes"] = args.num_classes
    if args.shortcut:
        changes["shortcut"] = args.shortcut
    strides = list(spec.strides)
    if args.stage_strides:
        changes["strides"] = strides = _ints(args.stage_strides, "--stage-strides")
    if args.dilate:
        changes.update(_dilation(args.dilate, spec.stage_count, strides))
    if args.stride_on:
        changes["stride_on"] = args.stride_on
    return changes


def _dilation(text: str, n: int, strides: list[int]) -> dict[str, object]:
    """--dilate 3,4: those stages dilate instead of striding (their stride is 2, spent as dilation)."""
    stages = _ints(text, "--dilate")
    bad = [s for s in stages if not 1 <= s <= n]
    if bad:
        raise SpecError("--dilate", bad[0], i18n.t("stages are 1 to {n}", n=n))
    return {
        "dilate": [i + 1 in stages for i in range(n)],
        "strides": [2 if i + 1 in stages else s for i, s in enumerate(strides)],
    }


def _input_changes(args: argparse.Namespace) -> dict[str, object]:
    """--input C x H x W and --batch."""
    changes: dict[str, object] = {}
    if args.input:
        dims = _ints(args.input.lower(), "--input", "x")
        if len(dims) != 3:
            raise SpecError("--input", args.input, i18n.t("expected C x H x W, e.g. 3x224x224"))
        changes["input_shape"] = dims
    if args.batch is not None:
        changes["batch"] = args.batch
    return changes


def _block_changes(args: argparse.Namespace, spec: ArchSpec) -> dict[str, object]:
    """--block-shortcut and --block-stride, added to the spec's own per-block overrides."""
    changes: dict[str, object] = {}
    if args.block_shortcut:
        d = dict(spec.block_shortcuts)
        d.update(_pair(t, "--block-shortcut") for t in args.block_shortcut)
        changes["block_shortcuts"] = d
    if args.block_stride:
        d2: dict[str, int | str] = dict(spec.block_strides)  # a non-number is left for the spec to refuse
        for t in args.block_stride:
            name, value = _pair(t, "--block-stride")
            d2[name] = _ints(value, "--block-stride")[0] if value.isdigit() else value
        changes["block_strides"] = d2
    return changes


def pretrained_spec(spec: ArchSpec, user_input: bool) -> ArchSpec:
    """The preset's pretrained entry must exist; its input size is used unless the user set one."""
    from .core.catalogue import default_for
    from .core.presets import matching_preset

    entry = default_for(matching_preset(spec))
    if user_input:
        return spec
    return spec.with_changes(input_shape=(spec.input_shape[0], entry.input_size, entry.input_size))
