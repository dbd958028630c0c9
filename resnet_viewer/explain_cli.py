"""`resnet-viewer explain --block NAME [--code] [--json]`: one block from both
sides — what its shortcut does to the pixels and what `self.downsample` is in
torchvision's code — or, with `--code`, a module that builds it. No torch."""

from __future__ import annotations

import argparse
import json
from typing import TypeVar

from .cli_spec import add_spec_options, spec_from_args
from .core.choices import EXIT_CANNOT_RUN, EXIT_OK, BlockName
from .core.i18n import t

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)


def add_explain_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    p = sub.add_parser("explain", help=t("one block: the CNN view, the Python view, or its code (no torch needed)"))
    add_spec_options(p)
    p.add_argument("--block", required=True, metavar="NAME", help=t("e.g. layer2.0"))
    out = p.add_mutually_exclusive_group()
    out.add_argument(
        "--code", action="store_true", help=t("print a self-contained Python module that builds the block")
    )
    out.add_argument("--json", action="store_true", help=t("print one JSON object"))
    p.set_defaults(func=run_explain_command)


def _block_list(names: list[str]) -> str:
    """`layer1.0–layer1.2, layer2.0–layer2.3, ...`: each stage's first and last block."""
    stages: dict[int, list[str]] = {}
    for n in names:
        stages.setdefault(BlockName.parse(n).stage, []).append(n)
    return ", ".join(b[0] if len(b) == 1 else f"{b[0]}–{b[-1]}" for b in stages.values())


def run_explain_command(args: argparse.Namespace) -> int:
    import sys

    from .core.block_code import CodeError, block_module
    from .core.python_view import explain_dict, format_explain
    from .core.shapes import infer

    spec = spec_from_args(args)
    names = spec.block_names()
    if args.block not in names:
        raise ValueError(
            t(
                "--block: {block!r} is not a block of this network; blocks are {blocks}",
                block=args.block,
                blocks=_block_list(names),
            )
        )
    report = infer(spec)
    status = EXIT_OK if report.ok else EXIT_CANNOT_RUN
    if args.code:
        try:
            print(block_module(report, args.block), end="")
        except CodeError as e:
            print(f"resnet-viewer: {e}", file=sys.stderr)
            return EXIT_CANNOT_RUN
        return status
    d = explain_dict(report, args.block)
    print(json.dumps(d, indent=2, ensure_ascii=False) if args.json else format_explain(report, d))
    return status
