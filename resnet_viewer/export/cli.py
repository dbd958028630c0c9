"""`resnet-viewer export`: the diagram to SVG, PDF or PNG, no display needed."""

from __future__ import annotations

import argparse
import sys

from ..core.choices import EXIT_CANNOT_RUN, EXIT_OK
from ..core.spec import ArchSpec
from .options import ExportOptions, variant_names


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    return ExportOptions(
        level=args.level,
        block=args.block,
        stage=args.stage,
        compare=variant_names(args.compare),
        orientation=args.orientation,
        fit=args.fit,
        theme=args.theme,
        transparent=args.transparent,
        title=args.title,
        caption=args.caption,
        badges=not args.no_badges,
        scale=2.0 if args.scale is None else args.scale,
        dpi=args.dpi,
        lang=getattr(args, "lang", None),
    )


def run_export_command(args: argparse.Namespace, spec: ArchSpec) -> int:
    """EXIT_OK, or EXIT_CANNOT_RUN when the network cannot run (the figure, which
    shows where, is written all the same); bad options raise before any work."""
    from ..core.shapes import infer
    from . import formats
    from .figure import make_layout
    from .options import drawn_in
    from .regen import description
    from .writer import check_options, format_of, write

    opts = options_from_args(args)
    opts.language()  # an unknown --lang fails before any work
    fmt = format_of(args.output)  # fail before any work on a bad extension
    if not formats.get(fmt).pixels:
        given = [o for o, v in (("--scale", args.scale), ("--dpi", args.dpi)) if v is not None]
        if given:
            rasters = ", ".join(f.name.upper() for f in formats.TABLE if f.pixels)
            raise ValueError(f"{given[0]}: only for {rasters} output; {args.output} is {fmt.upper()}")
    check_options(opts)
    if getattr(args, "sampling", False):
        return _export_sampling(args, spec, opts)
    lay = make_layout(spec, opts)
    with drawn_in(opts):
        path = write(lay, args.output, opts, description=description(spec, opts))
    print(f"wrote {path} ({lay.width:.0f}×{lay.height:.0f} px drawing)", file=sys.stderr)
    report = infer(spec)
    if not report.ok:
        error = next((b.error for b in report.blocks if b.error), "its shapes do not fit together")
        print(f"resnet-viewer: the network cannot run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    return EXIT_OK


def _export_sampling(args: argparse.Namespace, spec: ArchSpec, opts: ExportOptions) -> int:
    from ..core import theme
    from .sampling import sampling_svg
    from .writer import write_svg

    if not opts.block:
        raise ValueError("--sampling needs --block NAME: the block whose reads are drawn, e.g. layer2.0")
    if opts.compare:
        raise ValueError("--sampling and --compare draw different figures; use one of them")
    from ..core.i18n import t
    from .options import drawn_in

    with drawn_in(opts):
        svg, width, height = sampling_svg(spec, opts.block, theme.get(opts.theme), opts.transparent, opts.title)
        title = opts.title or t("resnet_viewer: {block} sampling", block=opts.block)
    path = write_svg(svg, width, height, args.output, opts, title)
    print(f"wrote {path} ({width:.0f}×{height:.0f} px drawing)", file=sys.stderr)
    return EXIT_OK
