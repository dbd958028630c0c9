"""The words of the diagram's graph that are more than a token: shortcut lane
labels, op labels with words in them, and the tooltips of stem, stage, block
and op nodes — each a whole message through `t()`, so a figure in Chinese
says them in Chinese while `conv1x1`, `BN` and shapes stay as they are."""

from __future__ import annotations

from .explain import shortcut_caption
from .i18n import t
from .ops import BatchNorm, Conv, Op, Passthrough, Subsample, ZeroPadChannels, fmt_shape
from .shapes import BlockReport, OpReport, PartReport
from .summary_text import human


def conv_text(op: Op) -> str:
    """A conv's kernel and stride as the graph writes them (`3×3/2`); other layers' label."""
    if isinstance(op, Conv):
        s = f"/{op.stride}" if op.stride > 1 else ""
        return f"{op.kernel}×{op.kernel}{s}"
    return op.label


def shortcut_label(ops: tuple[OpReport, ...]) -> str:
    """A shortcut lane's summary node: its layers' short names joined by " + "."""
    parts = (shortcut_part(o.op) for o in ops)
    return " + ".join(p for p in parts if p is not None)


def shortcut_part(op: Op) -> str | None:
    """One shortcut layer in the lane's label; None for the identity placeholder. A layer
    without a word of its own shows its `label`, never nothing."""
    if isinstance(op, Passthrough):
        return None
    if isinstance(op, Conv):
        return f"conv{conv_text(op)}"
    if isinstance(op, BatchNorm):
        return "BN"
    if isinstance(op, ZeroPadChannels):
        if op.placement == "both":
            return t("zero-pad both sides→{channels}", channels=op.out_ch)
        return t("zero-pad→{channels}", channels=op.out_ch)
    if isinstance(op, Subsample):
        return t("subsample/{stride}", stride=op.stride)
    return op.label


def op_label(op: Op) -> str:
    """An op box's label: `op.label`, with its words (not its tokens) translated."""
    if isinstance(op, ZeroPadChannels):
        if op.placement == "both":
            return t("zero-pad both sides C→{channels}", channels=op.out_ch)
        return t("zero-pad C→{channels}", channels=op.out_ch)
    return op.label


def stem_tooltip(kind: str, stem: PartReport) -> str:
    return t(
        "stem ({kind}): {inp} → {out}\nparams {params} · mult-adds {macs} · receptive field {rf}",
        kind=kind,
        inp=fmt_shape(stem.in_shape),
        out=fmt_shape(stem.out_shape),
        params=f"{stem.params:,}",
        macs=human(stem.mult_adds),
        rf=stem.receptive_field,
    )


def stage_tooltip(name: str, blocks: list[BlockReport], stride: str, params: int, macs: int) -> str:
    return t(
        "{name}: {count} blocks, {stride}, shortcut {shortcuts}\nparams {params} · mult-adds {macs}",
        name=name,
        count=len(blocks),
        stride=stride,
        shortcuts=", ".join(sorted({b.plan.shortcut for b in blocks})),
        params=f"{params:,}",
        macs=human(macs),
    )


def op_tooltip(o: OpReport) -> str:
    return t(
        "{name}: {code}\nout {shape} · params {params} · mult-adds {macs}",
        name=o.name,
        code=o.op.code(),
        shape=fmt_shape(o.out_shape),
        params=f"{o.params:,}",
        macs=human(o.mult_adds),
    )


def block_tooltip(b: BlockReport) -> str:
    p = b.plan
    lines = [
        t(
            "{name}: stride {stride}, dilation {dilation}, shortcut {shortcut}",
            name=p.name,
            stride=p.stride,
            dilation=p.dilation,
            shortcut=shortcut_caption(b),
        ),
        t(
            "in {inp} → main {main}, shortcut {short}",
            inp=fmt_shape(b.in_shape),
            main=fmt_shape(b.main_shape),
            short=fmt_shape(b.shortcut_shape),
        ),
        t(
            "params {total} (main {main}, shortcut {short})",
            total=f"{b.main_params + b.shortcut_params:,}",
            main=f"{b.main_params:,}",
            short=f"{b.shortcut_params:,}",
        ),
        t(
            "mult-adds {macs} · receptive field {rf} px · jump {jump}",
            macs=human(b.main_mult_adds + b.shortcut_mult_adds),
            rf=b.receptive_field,
            jump=b.jump,
        ),
    ]
    if b.error:
        lines.append(b.error)
    return "\n".join(lines)
