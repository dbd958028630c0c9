"""The words of the diagram's graph that are more than a token: shortcut lane
labels, op labels with words in them, and the tooltips of stem, stage, block
and op nodes — each a whole message through `t()`, so a figure in Chinese
says them in Chinese while `conv1x1`, `BN` and shapes stay as they are."""

from __future__ import annotations

from .explain import shortcut_caption
from .i18n import t
from .ops import Conv, Op, fmt_shape
from .shapes import BlockReport, OpReport, PartReport
from .summary_text import human


def _op_text(op: Op) -> str:
    if isinstance(op, Conv):
        s = f"/{op.stride}" if op.stride > 1 else ""
        return f"{op.kernel}×{op.kernel}{s}"
    return op.label


def _shortcut_label(ops: tuple[OpReport, ...]) -> str:
    parts = []
    for o in ops:
        if o.op.kind == "conv":
            parts.append(f"conv{_op_text(o.op)}")
        elif o.op.kind == "bn":
            parts.append("BN")
        elif o.op.kind == "zeropad":
            both = o.op.placement == "both"  # type: ignore[union-attr]
            out_ch = o.op.out_ch  # type: ignore[union-attr]
            parts.append(
                t("zero-pad both sides→{channels}", channels=out_ch)
                if both
                else t("zero-pad→{channels}", channels=out_ch)
            )
        elif o.op.kind == "subsample":
            parts.append(t("subsample/{stride}", stride=o.op.stride))  # type: ignore[union-attr]
        elif o.op.kind != "identity":
            parts.append(o.op.label)
    return " + ".join(parts)


def op_label(op: Op) -> str:
    """An op box's label: `op.label`, with its words (not its tokens) translated."""
    if op.kind == "zeropad":
        out_ch = op.out_ch  # type: ignore[union-attr]
        if op.placement == "both":  # type: ignore[union-attr]
            return t("zero-pad both sides C→{channels}", channels=out_ch)
        return t("zero-pad C→{channels}", channels=out_ch)
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
