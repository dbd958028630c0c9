"""What to draw: spec + export options → Layout (the network, a stage, a
block, or one block with several shortcut variants side by side). Qt-free."""

from __future__ import annotations

from ..core import graph, shortcuts
from ..core.choices import GraphLevel
from ..core.compose import side_by_side
from ..core.drawing import Layout
from ..core.i18n import t
from ..core.layout import layout
from ..core.presets import matching_preset
from ..core.shapes import infer
from ..core.spec import ArchSpec
from .options import COMPARE_EXAMPLE, ExportOptions, drawn_in


def detail(opts: ExportOptions) -> GraphLevel:
    """`--level network` is the whole network at block detail."""
    return "block" if opts.level == "network" else opts.level


def comparison(spec: ArchSpec, block: str, variants: tuple[str, ...], opts: ExportOptions) -> Layout:
    if not block:
        raise ValueError("--compare needs --block NAME: the block drawn once per variant")
    if len(variants) < 2:
        raise ValueError(f"--compare needs two or more variants, e.g. {COMPARE_EXAMPLE}")
    layouts, captions = [], []
    level: GraphLevel = "op" if opts.level == "op" else "block"
    for v in variants:
        shortcuts.get(v)  # a clear error for an unknown name
        report = infer(spec.with_block_shortcut(block, v))
        b = report.block(block)
        layouts.append(layout(graph.build(report, level, only_block=block), opts.orientation, None, opts.badges))
        if b.status == "error":
            captions.append(t("{variant} — cannot run here", variant=v))
        else:
            captions.append(t("{variant} — {params} shortcut params", variant=v, params=f"{b.shortcut_params:,}"))
    name = matching_preset(spec) or t("custom")
    title = opts.title if opts.title is not None else t("{name} {block}: shortcut variants", name=name, block=block)
    return side_by_side(layouts, captions, title=title or None, fit=opts.fit, caption=opts.caption)


def refuse_what_cannot_be_honoured(opts: ExportOptions) -> None:
    """An option the figure would silently ignore is refused instead, in one sentence."""
    if opts.block and opts.stage is not None:
        raise ValueError("--stage and --block: give one of them, a figure shows one stage or one block")
    if opts.compare and opts.stage is not None:
        raise ValueError("--stage: not allowed with --compare, which draws one block (--block) per variant")
    if (opts.block or opts.compare or opts.stage is not None) and opts.level == "stage":
        raise ValueError("--level stage: a figure of one stage or block has no stage detail; use --level block or op")


def make_layout(spec: ArchSpec, opts: ExportOptions) -> Layout:
    """The one figure every export format draws (SVG, PDF and PNG render this layout):
    the whole network, one block (`opts.block`), one stage (`opts.stage`), or one
    block under several shortcut variants side by side (`opts.compare`).
    Deterministic: the same spec and options give the same layout.

    Raises ValueError, one sentence naming the option, for what cannot be drawn as
    asked (an unknown block or stage, options that contradict each other); it
    never draws something other than what was asked. A spec whose shapes do not fit
    is still drawn, with the failing block marked. Its words are in `opts.language()`.
    """
    with drawn_in(opts):
        return _make_layout(spec, opts)


def _make_layout(spec: ArchSpec, opts: ExportOptions) -> Layout:
    refuse_what_cannot_be_honoured(opts)
    if opts.compare:
        return comparison(spec, opts.block or "", opts.compare, opts)
    report = infer(spec)
    if opts.block:
        names = [b.name for b in report.blocks]
        if opts.block not in names:
            raise ValueError(f"--block: {opts.block!r} is not in this network; blocks are {names[0]} … {names[-1]}")
        g = graph.build(report, detail(opts), only_block=opts.block)
        title = opts.title if opts.title is not None else f"{matching_preset(spec) or t('custom')} {opts.block}"
        return layout(g, opts.orientation, opts.fit, opts.badges, title, opts.caption)
    elif opts.stage is not None:
        if not 1 <= opts.stage <= spec.stage_count:
            raise ValueError(f"--stage: {opts.stage} is not allowed; stages are 1 to {spec.stage_count}")
        g = graph.build(report, detail(opts), only_stage=opts.stage)
    else:
        g = graph.build(report, detail(opts))
    return layout(g, opts.orientation, opts.fit, opts.badges, opts.title, opts.caption)
