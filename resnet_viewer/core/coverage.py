"""Which input pixels each branch of a block reads, and where a pixel's
receptive field sits — from the op descriptors alone (no torch).

Coverage is computed per axis: start from every output position of the
branch, walk its ops backwards and collect the input positions each op's
`Window` reads (stride, padding, dilation, ceil-mode overhang). H and W are
independent, so the fraction of input positions that can influence the
branch is the product of the two axis fractions. A 1×1/2 convolution on an
even size reads one position in four (0.25); a 3×3/2 with padding 1 reads all.

The receptive field of output position i is centred at `offset + i·jump`
input pixels of the network input and spans `size` pixels; `offset` grows op
by op as `offset += centre_shift · jump` (`ops.grow_offset`), as size and jump
already do in `shapes.infer`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .i18n import t
from .ops import Op, Shape, Window, grow_offset, grow_rf

if TYPE_CHECKING:
    from .shapes import BlockReport, ShapeReport


def axis_reads(ops: Sequence[Op], sizes: Sequence[int], wanted: Iterable[int]) -> set[int]:
    """Input positions (one axis) that the `wanted` output positions of `ops` read.

    `sizes[k]` is the input size of `ops[k]` along this axis."""
    return _walk_back([op.window for op in ops], sizes, wanted)


def _walk_back(windows: Sequence[Window], sizes: Sequence[int], wanted: Iterable[int]) -> set[int]:
    positions = set(wanted)
    for w, size in zip(reversed(windows), reversed(sizes), strict=True):
        read: set[int] = set()
        for i in positions:
            read.update(w.reads(i, size))
        positions = read
    return positions


@lru_cache(maxsize=4096)
def _all_reads(windows: tuple[Window, ...], sizes: tuple[int, ...], out_size: int) -> frozenset[int]:
    # Cached: the blocks of a stage repeat the same windows on the same sizes.
    return frozenset(_walk_back(windows, sizes, range(out_size)))


def _sizes(ops: Sequence[Op], in_shape: Shape) -> list[Shape] | None:
    """The input shape of every op, then the output shape; None if it shrinks to nothing."""
    shapes = [in_shape]
    for op in ops:
        shape = op.out_shape(shapes[-1])
        if min(shape[2:]) <= 0:
            return None
        shapes.append(shape)
    return shapes


def branch_reads(ops: Sequence[Op], in_shape: Shape) -> tuple[set[int], set[int]] | None:
    """Rows and columns of the input that some output position of the branch reads."""
    shapes = _sizes(ops, in_shape)
    if shapes is None:
        return None
    out = shapes[-1]
    windows = tuple(op.window for op in ops)
    rows = _all_reads(windows, tuple(s[2] for s in shapes[:-1]), out[2])
    cols = _all_reads(windows, tuple(s[3] for s in shapes[:-1]), out[3])
    return set(rows), set(cols)


def branch_coverage(ops: Sequence[Op], in_shape: Shape) -> float | None:
    """Fraction of the input's H×W positions that can influence the branch output."""
    reads = branch_reads(ops, in_shape)
    if reads is None:
        return None
    rows, cols = reads
    return len(rows) * len(cols) / (in_shape[2] * in_shape[3])


@dataclass(frozen=True)
class Field:
    """Receptive field of a feature map's positions, in network-input pixels."""

    size: int
    jump: int
    offset: float  # input coordinate of the centre of position 0

    def after(self, ops: Iterable[Op]) -> Field:
        size, jump, offset = self.size, self.jump, self.offset
        for op in ops:
            offset = grow_offset(offset, jump, op)
            size, jump = grow_rf(size, jump, op)
        return Field(size, jump, offset)

    def centre(self, y: int, x: int) -> tuple[float, float]:
        return self.offset + y * self.jump, self.offset + x * self.jump

    def rect(self, y: int, x: int, height: int, width: int) -> tuple[int, int, int, int] | None:
        """`(top, left, bottom, right)` inclusive, clipped to the input; None if all outside."""
        half = (self.size - 1) / 2
        cy, cx = self.centre(y, x)
        top, bottom = max(0, math.ceil(cy - half)), min(height - 1, math.floor(cy + half))
        left, right = max(0, math.ceil(cx - half)), min(width - 1, math.floor(cx + half))
        if top > bottom or left > right:
            return None
        return top, left, bottom, right


INPUT_FIELD = Field(1, 1, 0.0)


@dataclass(frozen=True)
class BlockCoverage:
    """Per block: what each branch reads of the block input, and the fields of
    the block's input, main-branch and shortcut maps. The block output's field
    is the main branch's (the one `infer` reports as `receptive_field`)."""

    block: str
    main_coverage: float | None
    shortcut_coverage: float | None
    input_field: Field
    main_field: Field
    shortcut_field: Field

    @property
    def receptive_field(self) -> int:
        return self.main_field.size

    @property
    def jump(self) -> int:
        return self.main_field.jump

    @property
    def rf_offset(self) -> float:
        return self.main_field.offset

    def to_dict(self) -> dict[str, Any]:
        return {
            "main_coverage": self.main_coverage,
            "shortcut_coverage": self.shortcut_coverage,
            "receptive_field": self.receptive_field,
            "jump": self.jump,
            "rf_offset": self.rf_offset,
        }


def _block(b: BlockReport, field: Field) -> BlockCoverage:
    main = [o.op for o in b.main_ops]
    short = [o.op for o in b.shortcut_ops]
    main_cov = short_cov = None
    if b.in_shape is not None:
        main_cov = branch_coverage(main, b.in_shape)
        short_cov = branch_coverage(short, b.in_shape)
    return BlockCoverage(b.name, main_cov, short_cov, field, field.after(main), field.after(short))


def coverage_by_block(report: ShapeReport) -> dict[str, BlockCoverage]:
    """Every block's coverage and fields, in network order."""
    field = INPUT_FIELD.after(o.op for o in report.stem.ops)
    result = {}
    for b in report.blocks:
        result[b.name] = c = _block(b, field)
        field = c.main_field
    return result


def block_coverage(report: ShapeReport, name: str) -> BlockCoverage:
    """One block's `main_coverage`, `shortcut_coverage`, `receptive_field`, `jump`, `rf_offset`.
    Only this block's read sets are composed (the fields before it are cheap):
    the inspector asks on every edit."""
    field = INPUT_FIELD.after(o.op for o in report.stem.ops)
    for b in report.blocks:
        if b.name == name:
            return _block(b, field)
        field = field.after(o.op for o in b.main_ops)
    raise KeyError(f"no block {name!r}")


def fmt_coverage(value: float | None) -> str:
    """0.25 -> '25% (1 in 4)'; exact for odd sizes: 0.3265 -> '32.7%'."""
    if value is None:
        return "?"
    pct = f"{value * 100:.3g}%"
    inverse = 1 / value if value else 0
    if value < 1 and abs(inverse - round(inverse)) < 1e-9:
        return t("{percent} (1 in {n})", percent=pct, n=round(inverse))
    return pct


@dataclass(frozen=True)
class Sampling:
    """The layer of a branch that decides which input positions are read (the
    first strided one, else the first with a window wider than 1), and where
    its windows fall. Layers before it keep the block input's H×W, so its grid
    is the block input's."""

    branch: str  # "main" | "shortcut"
    layer: str | None  # "downsample.0", "conv2"; None: the shortcut is the input itself
    label: str
    window: Window
    in_size: tuple[int, int]
    out_size: tuple[int, int]
    coverage: float | None  # of the whole branch

    def windows(self, rows: int, cols: int) -> list[tuple[int, int, range, range]]:
        """`(i, j, rows read, cols read)` of every output position that reads
        something in the top-left `rows`×`cols` of the input."""
        h, w = self.in_size
        row_hits = [(i, r) for i in range(self.out_size[0]) if (r := self.window.reads(i, h)) and r.start < rows]
        col_hits = [(j, c) for j in range(self.out_size[1]) if (c := self.window.reads(j, w)) and c.start < cols]
        return [(i, j, r, c) for i, r in row_hits for j, c in col_hits]


def sampling_of(report: ShapeReport, block: str, branch: str) -> Sampling | None:
    """What to draw for one branch of `block`; None when its input is unknown."""
    b = report.block(block)
    if b.in_shape is None:
        return None
    named = [(o.name, o.op) for o in (b.main_ops if branch == "main" else b.shortcut_ops)]
    cover = branch_coverage([op for _, op in named], b.in_shape)
    size = (b.in_shape[2], b.in_shape[3])
    pick = next((i for i, (_, op) in enumerate(named) if op.window.stride > 1), None)
    if pick is None:
        pick = next((i for i, (_, op) in enumerate(named) if op.window.kernel > 1), None)
    if pick is None:  # every op reads position for position (or there is none)
        name, label = (named[0][0], named[0][1].label) if named else (None, t("identity: the input itself"))
        return Sampling(branch, name, label, Window(), size, size, cover)
    shapes = _sizes([op for _, op in named[: pick + 1]], b.in_shape)
    if shapes is None:
        return None
    name, op = named[pick]
    return Sampling(branch, name, op.label, op.window, size, (shapes[-1][2], shapes[-1][3]), cover)
