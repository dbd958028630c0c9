"""Analytic shapes, parameters, multiply-adds and receptive fields — no torch.

`infer(spec)` answers in about a millisecond; the live trace later confirms
every number (tests hold the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from . import shortcuts
from .choices import Status
from .coverage import BlockCoverage, coverage_by_block
from .i18n import t
from .layers import Named, head_layers, main_layers, shortcut_layers, stem_layers
from .ops import Op, Shape, fmt_shape, grow_rf
from .spec import ArchSpec, BlockPlan

OK: Final[Status] = "ok"
ERROR: Final[Status] = "error"
UNKNOWN: Final[Status] = "unknown"


@dataclass(frozen=True)
class OpReport:
    name: str  # module path inside its part: "conv2", "downsample.0", "fc"
    op: Op
    out_shape: Shape | None
    mult_adds: int

    @property
    def params(self) -> int:
        return self.op.params


@dataclass(frozen=True)
class PartReport:
    """The stem or the head: a plain chain of layers."""

    in_shape: Shape | None
    out_shape: Shape | None
    ops: tuple[OpReport, ...]
    params: int
    mult_adds: int
    receptive_field: int
    jump: int


@dataclass(frozen=True)
class BlockReport:
    plan: BlockPlan
    in_shape: Shape | None
    main_shape: Shape | None
    shortcut_shape: Shape | None
    out_shape: Shape | None
    main_ops: tuple[OpReport, ...]
    shortcut_ops: tuple[OpReport, ...]
    main_params: int
    shortcut_params: int
    main_mult_adds: int
    shortcut_mult_adds: int
    receptive_field: int
    jump: int
    status: Status
    error: str | None

    @property
    def name(self) -> str:
        return self.plan.name

    @property
    def changes_shape(self) -> bool:
        return self.in_shape is not None and self.out_shape is not None and self.in_shape != self.out_shape

    def to_dict(self) -> dict[str, Any]:
        p = self.plan
        return {
            "name": p.name,
            "stage": p.stage,
            "index": p.index,
            "stride": p.stride,
            "dilation": p.dilation,
            "shortcut": p.shortcut,
            "in_shape": _list(self.in_shape),
            "main_shape": _list(self.main_shape),
            "shortcut_shape": _list(self.shortcut_shape),
            "out_shape": _list(self.out_shape),
            "main_params": self.main_params,
            "shortcut_params": self.shortcut_params,
            "main_mult_adds": self.main_mult_adds,
            "shortcut_mult_adds": self.shortcut_mult_adds,
            "receptive_field": self.receptive_field,
            "jump": self.jump,
            "error": self.error,
        }


@dataclass(frozen=True)
class ShapeReport:
    spec: ArchSpec
    input_shape: Shape
    stem: PartReport
    blocks: tuple[BlockReport, ...]
    head: PartReport

    @property
    def ok(self) -> bool:
        return self.head.out_shape is not None

    @property
    def output_shape(self) -> tuple[int, int] | None:
        """Logits shape (N, classes), None when the network cannot run."""
        out = self.head.out_shape
        return None if out is None else (out[0], out[1])

    @property
    def total_params(self) -> int:
        return self.stem.params + self.head.params + sum(b.main_params + b.shortcut_params for b in self.blocks)

    @property
    def total_mult_adds(self) -> int:
        """Multiply-adds of everything that can run (blocks after an error count 0)."""
        blocks = sum(b.main_mult_adds + b.shortcut_mult_adds for b in self.blocks)
        return self.stem.mult_adds + self.head.mult_adds + blocks

    @property
    def first_error(self) -> BlockReport | None:
        return next((b for b in self.blocks if b.status == ERROR), None)

    def block(self, name: str) -> BlockReport:
        for b in self.blocks:
            if b.name == name:
                return b
        raise KeyError(f"no block {name!r}")

    def to_dict(self) -> dict[str, Any]:
        cover = coverage_by_block(self)
        return {
            "schema": 1,
            "spec": self.spec.to_dict(),
            "input_shape": list(self.input_shape),
            "output_shape": _list(self.output_shape),
            "total_params": self.total_params,
            "total_mult_adds": self.total_mult_adds,
            "ok": self.ok,
            "stem": {"out_shape": _list(self.stem.out_shape), "params": self.stem.params},
            "blocks": [_with_coverage(b.to_dict(), cover[b.name]) for b in self.blocks],
            "head": {"out_shape": _list(self.head.out_shape), "params": self.head.params},
        }


def _with_coverage(block: dict[str, Any], cover: BlockCoverage) -> dict[str, Any]:
    c = cover.to_dict()
    return block | {k: c[k] for k in ("main_coverage", "shortcut_coverage", "rf_offset")}


def _list(shape: tuple[int, ...] | None) -> list[int] | None:
    return None if shape is None else list(shape)


def _walk(layers: Named, shape: Shape | None, rf: int, jump: int) -> tuple[list[OpReport], Shape | None, int, int]:
    reports = []
    for name, op in layers:
        if shape is not None:
            shape = op.out_shape(shape)
            if min(shape[2:]) <= 0:
                shape = None
        reports.append(OpReport(name, op, shape, op.mult_adds(shape) if shape else 0))
        rf, jump = grow_rf(rf, jump, op)
    return reports, shape, rf, jump


def fixing_variants(plan: BlockPlan, in_shape: Shape, main_shape: Shape) -> list[str]:
    """Shortcut variants that would deliver the main branch's shape for this block."""
    fixes = []
    for v in shortcuts.VARIANTS:
        shape = in_shape
        for op in v.ops(plan.in_ch, plan.out_ch, plan.stride):
            shape = op.out_shape(shape)
        if shape == main_shape:
            fixes.append(v.name)
    return fixes


def mismatch_message(block: str, variant: str, main: Shape, shortcut: Shape, fixes: list[str]) -> str:
    """The one message for a block whose branches cannot be added — used by
    `infer` and raised by the live model's merge, so both say the same."""
    shapes = {"block": block, "variant": variant, "main": fmt_shape(main), "shortcut": fmt_shape(shortcut)}
    if fixes:
        return t(
            "{block}: cannot add the branches — main branch gives {main}, shortcut ({variant}) gives {shortcut}."
            " Shortcuts that fit here: {fixes}.",
            fixes=", ".join(fixes),
            **shapes,
        )
    return t(
        "{block}: cannot add the branches — main branch gives {main}, shortcut ({variant}) gives {shortcut}."
        " No shortcut variant fits; change the block's stride or widths.",
        **shapes,
    )


def _block(spec: ArchSpec, plan: BlockPlan, in_shape: Shape | None, rf: int, jump: int) -> BlockReport:
    main, main_shape, rf, jump_after = _walk(main_layers(spec, plan), in_shape, rf, jump)
    short, short_shape, _, _ = _walk(shortcut_layers(plan), in_shape, 1, 1)
    if in_shape is None:
        short_shape = None
    error, out = None, None
    if in_shape is None:
        status = UNKNOWN
    elif main_shape is None:
        status = ERROR
        error = t(
            "{block}: the feature map shrinks to nothing (input {input} is too small for the strides so far).",
            block=plan.name,
            input=fmt_shape(in_shape),
        )
    elif main_shape != short_shape:
        status = ERROR
        assert short_shape is not None
        error = mismatch_message(
            plan.name, plan.shortcut, main_shape, short_shape, fixing_variants(plan, in_shape, main_shape)
        )
    else:
        status, out = OK, main_shape
    return BlockReport(
        plan=plan,
        in_shape=in_shape,
        main_shape=main_shape,
        shortcut_shape=short_shape,
        out_shape=out,
        main_ops=tuple(main),
        shortcut_ops=tuple(short),
        main_params=sum(o.params for o in main),
        shortcut_params=sum(o.params for o in short),
        main_mult_adds=sum(o.mult_adds for o in main),
        shortcut_mult_adds=sum(o.mult_adds for o in short),
        receptive_field=rf,
        jump=jump_after,
        status=status,
        error=error,
    )


def _part(layers: Named, shape: Shape | None, rf: int, jump: int) -> PartReport:
    ops, out, rf, jump = _walk(layers, shape, rf, jump)
    return PartReport(shape, out, tuple(ops), sum(o.params for o in ops), sum(o.mult_adds for o in ops), rf, jump)


def infer(spec: ArchSpec) -> ShapeReport:
    """Every shape, parameter count, mult-add count and receptive field of `spec`,
    without torch, from the same layer lists (`core/layers.py`) the live model is built from.

    Invariants: it never raises for a valid spec — a problem becomes a block's `error`.
    Shapes are (N, C, H, W), N = `spec.batch`. A block is OK only when its main branch
    and its shortcut give the same shape, which is then its `out_shape`; otherwise
    it is ERROR (`out_shape` None, the message names both shapes and the shortcuts
    that would fit, the same text the live model raises) and every later block, and
    the head, is UNKNOWN with None shapes. A shape with a side <= 0 becomes None.
    Parameters are counted whatever the status (they do not depend on the input).
    """
    c, h, w = spec.input_shape
    input_shape: Shape = (spec.batch, c, h, w)
    stem = _part(stem_layers(spec), input_shape, 1, 1)
    shape, rf, jump = stem.out_shape, stem.receptive_field, stem.jump
    blocks = []
    for plan in spec.plan():
        b = _block(spec, plan, shape, rf, jump)
        blocks.append(b)
        shape, rf, jump = b.out_shape, b.receptive_field, b.jump
    head = _part(head_layers(spec), shape, rf, jump)
    return ShapeReport(spec, input_shape, stem, tuple(blocks), head)
