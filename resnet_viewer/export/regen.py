"""How to make a figure again: the `resnet-viewer export …` arguments for a
spec and its export options, without any path. Written into the SVG's
<desc> and the PDF's title, so a shared file says where it came from and the
same figure has the same bytes wherever it is written."""

from __future__ import annotations

import argparse
import shlex

from ..cli_spec import add_spec_options, spec_from_args
from ..core.i18n import SOURCE_LANGUAGE, t
from ..core.presets import PRESETS
from ..core.spec import ArchSpec
from .options import ExportOptions

# what no spec option can change: the preset must already have these
_FIXED = ("block", "layers", "widths", "groups", "width_per_group", "num_classes", "stem", "stem_width")


def _parse(args: list[str]) -> ArchSpec | None:
    p = argparse.ArgumentParser(add_help=False)
    add_spec_options(p)
    try:
        return spec_from_args(p.parse_args(args))
    except (ValueError, SystemExit):
        return None


def spec_args(spec: ArchSpec) -> list[str] | None:
    """`--preset NAME` plus the spec options that turn it into `spec`, checked
    by parsing them back; None when no preset and options can say it."""
    for name, base in PRESETS.items():
        if any(getattr(base, f) != getattr(spec, f) for f in _FIXED):
            continue
        args = ["--preset", name]
        if spec.shortcut != base.shortcut:
            args += ["--shortcut", spec.shortcut]
        if spec.strides != base.strides:
            args += ["--stage-strides", ",".join(map(str, spec.strides))]
        if spec.dilate != base.dilate:
            args += ["--dilate", ",".join(str(i + 1) for i, d in enumerate(spec.dilate) if d)]
        if spec.stride_on != base.stride_on:
            args += ["--stride-on", spec.stride_on]
        if spec.input_shape != base.input_shape:
            args += ["--input", "x".join(map(str, spec.input_shape))]
        if spec.batch != base.batch:
            args += ["--batch", str(spec.batch)]
        for block, variant in spec.block_shortcuts:
            args += ["--block-shortcut", f"{block}={variant}"]
        for block, stride in spec.block_strides:
            args += ["--block-stride", f"{block}={stride}"]
        if _parse(args) == spec:
            return args
    return None


def option_args(opts: ExportOptions) -> list[str]:
    """The drawing options (not the PNG scale: the SVG does not depend on it)."""
    args: list[str] = []
    if opts.level != "network":
        args += ["--level", opts.level]
    if opts.block:
        args += ["--block", opts.block]
    if opts.stage is not None:
        args += ["--stage", str(opts.stage)]
    if opts.compare:
        args += ["--compare", ",".join(opts.compare)]
    if opts.orientation != "vertical":
        args += ["--orientation", opts.orientation]
    if opts.fit:
        args += ["--fit", opts.fit]
    if opts.theme != "light":
        args += ["--theme", opts.theme]
    if opts.transparent:
        args.append("--transparent")
    if opts.title is not None:
        args += ["--title", opts.title]
    if opts.caption is not None:
        args += ["--caption", opts.caption]
    if not opts.badges:
        args.append("--no-badges")
    return args


def language_args(opts: ExportOptions) -> list[str]:
    """`--lang zh_CN` for a figure in another language than English."""
    lang = opts.language()
    return [] if lang == SOURCE_LANGUAGE else ["--lang", lang]


def command(spec: ArchSpec, opts: ExportOptions) -> str:
    """`resnet-viewer export --preset resnet50 --block layer2.0 -o FILE`; a spec
    no preset can express is given as the JSON to save as SPEC.json."""
    sargs = spec_args(spec)
    head = ["resnet-viewer", "export", *(sargs if sargs is not None else ["--spec", "SPEC.json"])]
    line = shlex.join([*head, *option_args(opts), *language_args(opts)]) + " -o FILE"
    return line if sargs is not None else f"{line}  (SPEC.json: {spec.to_json()})"


def description(spec: ArchSpec, opts: ExportOptions) -> str:
    return t("Drawn by resnet_viewer. Make it again with: {command}", command=command(spec, opts))
