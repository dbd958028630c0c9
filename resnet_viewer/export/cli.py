"""`resnet-viewer export`: the diagram to SVG, PDF or PNG, no display needed."""

from __future__ import annotations

import argparse
import sys

from ..core.spec import ArchSpec
from .options import ExportOptions


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    compare = tuple(v.strip() for v in args.compare.split(",") if v.strip()) if args.compare else ()
    return ExportOptions(
        level=args.level,
        block=args.block,
        stage=args.stage,
        compare=compare,
        orientation=args.orientation,
        fit=args.fit,
        theme=args.theme,
        transparent=args.transparent,
        title=args.title,
        caption=args.caption,
        badges=not args.no_badges,
        scale=args.scale,
        dpi=args.dpi,
    )


def run_export_command(args: argparse.Namespace, spec: ArchSpec) -> int:
    from .figure import make_layout
    from .writer import check_options, format_of, write

    opts = options_from_args(args)
    format_of(args.output)  # fail before any work on a bad extension
    check_options(opts)
    lay = make_layout(spec, opts)
    path = write(lay, args.output, opts, description=f"resnet_viewer: {args.output}")
    print(f"wrote {path} ({lay.width:.0f}×{lay.height:.0f} px drawing)", file=sys.stderr)
    return 0
