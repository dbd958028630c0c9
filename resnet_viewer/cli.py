"""`resnet-viewer [gui] | summary | trace | explain | export | weights`.

Each subcommand imports what it needs when it runs: `summary` never imports
torch, so it answers instantly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from .bundled import DEFAULT_IMAGE, bundled_image_names
from .cli_lang import add_lang_to_subcommands, argparse_message, run_language
from .cli_spec import add_spec_options, add_weights_options, spec_from_args
from .core.choices import EXIT_BAD_INPUT, EXIT_CANNOT_RUN, EXIT_OK
from .core.i18n import set_language, t

if TYPE_CHECKING:
    from .core.shapes import ShapeReport


class UsageError(Exception):
    """A bad argument or file: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(argparse_message(message))


def _cmd_summary(args: argparse.Namespace) -> int:
    from .core.memory import estimate
    from .core.shapes import infer
    from .core.summary_text import format_summary

    report = infer(spec_from_args(args))
    _print_checkpoint_notes(args)
    if args.json:
        print(json.dumps({**report.to_dict(), "memory": estimate(report).to_dict()}, indent=2))
    else:
        print(format_summary(report))
    if not report.ok:
        print(f"resnet-viewer: {cannot_run_reason(report)}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_CANNOT_RUN


def _print_checkpoint_notes(args: argparse.Namespace) -> None:
    """What a checkpoint could not settle (--weights FILE without --preset), on stderr."""
    for note in getattr(getattr(args, "checkpoint", None), "notes", []):
        print(t("note: {note}", note=note), file=sys.stderr)


def cannot_run_reason(report: ShapeReport) -> str:
    err = report.first_error
    if err is not None and err.error is not None:
        return err.error
    return t("the input is too small: the feature map shrinks to nothing")


def _size(text: str) -> int:
    from .core.memory import parse_size

    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _seed(text: str) -> int:
    """torch seeds each parameter from seed·2³² + crc32(name): the seed must fit 32 bits."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("{value} is not an integer", value=repr(text[:80]))) from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(t("{value} is out of range; use 0 to {top}", value=text[:80], top=2**32 - 1))
    return value


def _cmd_trace(args: argparse.Namespace) -> int:
    from .live.memory_guard import preflight

    spec = spec_from_args(args)
    preflight(args, spec)  # a bad path or a run too big for the machine: refused before torch loads
    from .live.trace_cli import run_trace_command

    return run_trace_command(args, spec)


def _cmd_export(args: argparse.Namespace) -> int:
    from .export.cli import run_export_command

    spec = spec_from_args(args)
    _print_checkpoint_notes(args)
    return run_export_command(args, spec)


def _cmd_weights(args: argparse.Namespace) -> int:
    from .live.weights_cli import run_weights_command

    return run_weights_command(args)


def _cmd_gui(args: argparse.Namespace) -> int:
    from .gui.launch import launch

    spec = spec_from_args(args) if _has_spec_options(args) else None
    ck = getattr(args, "checkpoint", None)  # --weights FILE without --preset: read already
    return launch(
        spec,
        image=getattr(args, "image", None),
        weights=args.weights,
        strict=not args.non_strict,
        notes=ck.notes if ck else None,
        lang=args.lang,  # None: the GUI's remembered choice, else the system locale
    )


def _has_spec_options(args: argparse.Namespace) -> bool:
    keys = ("preset", "spec", "shortcut", "stage_strides", "dilate", "stride_on", "input", "batch", "weights")
    return any(getattr(args, k, None) for k in keys) or bool(args.block_shortcut or args.block_stride)


def _bundled_help() -> str:
    names = ", ".join(bundled_image_names()) or "none installed"
    return f"a bundled photograph ({names}; default {DEFAULT_IMAGE})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="resnet-viewer", description="See what ResNet's downsample does, live.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    add_spec_options(gui)
    add_weights_options(gui)
    gui.add_argument("--image", help=f"an image file to start with, or {_bundled_help()}")
    gui.set_defaults(func=_cmd_gui)

    summary = sub.add_parser("summary", help="shapes, params and multiply-adds per block (no torch needed)")
    add_spec_options(summary)
    add_weights_options(summary)
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    summary.set_defaults(func=_cmd_summary)

    trace = sub.add_parser("trace", help="run a real image through the live model and report every branch")
    add_spec_options(trace)
    src = trace.add_mutually_exclusive_group()
    src.add_argument(
        "--image",
        action="append",
        help=f"image file (PNG, JPEG, BMP, WebP, TIFF) or {_bundled_help()}; repeat it to fill the batch with several",
    )
    src.add_argument("--pattern", help="synthetic input NAME[:PARAM], e.g. checkerboard:8")
    add_weights_options(trace)
    trace.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or mps")
    trace.add_argument("--seed", type=_seed, default=0, help="weights seed, 0 to 4294967295")
    trace.add_argument("--json", action="store_true")
    trace.add_argument("--save-activations", metavar="FILE.npz")
    trace.add_argument("--max-memory", type=_size, metavar="SIZE", help="allow a run up to SIZE (e.g. 2G, 512M)")
    trace.set_defaults(func=_cmd_trace)

    from .explain_cli import add_explain_parser

    add_explain_parser(sub)

    export = sub.add_parser("export", help="write the diagram as SVG, PDF or PNG")
    add_spec_options(export)
    add_weights_options(export)
    from .export.options import add_export_options

    add_export_options(export)
    export.set_defaults(func=_cmd_export)

    weights = sub.add_parser("weights", help="pretrained weights: list the catalogue and the cache, or download one")
    weights.add_argument("--json", action="store_true", help="print one JSON object")
    weights.add_argument("--download", metavar="NAME", help="fetch one entry (or a preset's default) into the cache")
    weights.add_argument(
        "--progress", action="store_true", help="show the progress bar even when stderr is not a terminal"
    )
    weights.set_defaults(func=_cmd_weights)
    add_lang_to_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["gui", *argv]
    set_language(run_language(argv))  # before anything is said, argparse's errors included
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["gui"])
        if getattr(args, "lang", None):
            set_language(args.lang)  # `--lan zh_CN`: argparse accepts an abbreviation the first look did not
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except UsageError as e:
        print(f"resnet-viewer: {one_line(e)}", file=sys.stderr)
    except (ValueError, OSError) as e:
        print(f"resnet-viewer: {one_line(e)}", file=sys.stderr)
    except RecursionError:
        print(t("resnet-viewer: an input is nested too deeply to read"), file=sys.stderr)
    return EXIT_BAD_INPUT


def one_line(e: BaseException) -> str:
    """The first line of an error, cut to a readable length (a bad value may be huge)."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text if len(text) <= 400 else text[:400] + "…"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
