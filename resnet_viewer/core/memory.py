"""How much memory a live run takes, from the shapes alone (no torch).

A run of `live.session.LiveSession` holds, at its peak:
- the weights and BatchNorm buffers (float32; one int64 counter per BN);
- the input batch;
- the activations it keeps: the stem's output and every block's output, the
  whole batch (the session's resume cache), plus what one block has alive
  while it computes (its input, the shortcut, two neighbouring main-branch
  tensors; then main + shortcut + sum; then sum + output);
- torch's own working memory for the run, and the allocator's slack on the
  activations (two measured constants);
- the trace: the first sample of the input and of each block's branches, as
  float32 (on the CPU at batch 1 the branches' own tensors, and nothing extra
  where the session already holds the very tensor: the input, the stem's output,
  each block's output), and a copy of every layer's output when op-level
  capture is on.
`benchmarks/run.py` compares this with the measured peak RSS increase.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import t
from .ops import BatchNorm, Conv, Shape
from .shapes import BlockReport, OpReport, ShapeReport

FLOAT = 4  # bytes: the live model runs in float32
# Fitted on the 13 presets at batch 1 and 8 (benchmarks/run.py, "memory estimate" rows):
# torch's kernels for this network's layer shapes, thread scratch and the decoded
# image take about this much whatever the size ...
RUNTIME_BYTES = 12 * 2**20
# ... and freed activations the allocator keeps mapped add about a fifth
ALLOCATOR_SLACK = 1.2
UNITS = {"": 1, "B": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


@dataclass(frozen=True)
class MemoryEstimate:
    params_bytes: int
    input_bytes: int
    activations_bytes: int
    trace_bytes: int
    runtime_bytes: int = RUNTIME_BYTES

    @property
    def peak_bytes(self) -> int:
        return self.params_bytes + self.input_bytes + self.activations_bytes + self.trace_bytes + self.runtime_bytes

    def to_dict(self) -> dict[str, int]:
        return {
            "params_bytes": self.params_bytes,
            "input_bytes": self.input_bytes,
            "activations_bytes": self.activations_bytes,
            "trace_bytes": self.trace_bytes,
            "runtime_bytes": self.runtime_bytes,
            "peak_bytes": self.peak_bytes,
        }

    def describe(self) -> str:
        return t(
            "about {peak} (weights {weights}, input {input}, activations {activations}, trace {trace}, torch {torch})",
            peak=fmt_bytes(self.peak_bytes),
            weights=fmt_bytes(self.params_bytes),
            input=fmt_bytes(self.input_bytes),
            activations=fmt_bytes(self.activations_bytes),
            trace=fmt_bytes(self.trace_bytes),
            torch=fmt_bytes(self.runtime_bytes),
        )


def _numel(shape: Shape | None, batch: bool = True) -> int:
    if shape is None:
        return 0
    n, c, h, w = shape
    return (n if batch else 1) * c * h * w


def _chain_peak(ops: tuple[OpReport, ...], in_shape: Shape | None, also: int) -> int:
    """Most bytes alive while a chain of layers runs: one layer's input and output
    (the chain's own input excluded: someone else holds it) plus `also`.

    A convolution on the CPU (oneDNN) also reorders its input and weights into a
    blocked layout and writes a blocked output that is copied back: measured,
    its step holds about input + weights + 2 x output on top of its input."""
    peak, held = 0, 0
    prev = _numel(in_shape) * FLOAT
    for o in ops:
        out = _numel(o.out_shape) * FLOAT
        step = out + (prev + o.op.params * FLOAT + out if isinstance(o.op, Conv) else 0)
        peak = max(peak, held + step + also)
        held = prev = out
    return peak


def _params_bytes(report: ShapeReport) -> int:
    ops = [*report.stem.ops, *report.head.ops]
    for b in report.blocks:
        ops += [*b.main_ops, *b.shortcut_ops]
    bn = [o.op for o in ops if isinstance(o.op, BatchNorm)]
    # parameters + running mean/var (as many floats as BN's weight+bias) + an int64 counter per BN
    return FLOAT * (report.total_params + sum(op.params for op in bn)) + 8 * len(bn)


def _block_working(b: BlockReport) -> int:
    """Bytes one block has alive beyond its input while it runs."""
    if b.in_shape is None:
        return 0
    short = _numel(b.shortcut_shape) * FLOAT if b.shortcut_ops else 0
    main = _numel(b.main_shape) * FLOAT
    out = _numel(b.out_shape) * FLOAT
    return max(
        _chain_peak(b.shortcut_ops, b.in_shape, 0),
        _chain_peak(b.main_ops, b.in_shape, short),
        main + short + out,  # the add: both branches and their sum
        2 * out,  # the final ReLU: the sum and the output
    )


def _block_trace(b: BlockReport, index: int, batch: int, on_cpu: bool, capture_ops: bool) -> int:
    """Bytes a block's first-sample captures add to the trace."""
    if b.in_shape is None:
        return 0
    shared = on_cpu and batch == 1  # the trace holds the session's own input, stem output and block outputs
    sample = _numel(b.in_shape, batch=False) if index == 0 and not shared else 0  # later: the previous output
    sample += _numel(b.main_shape, batch=False)
    if b.shortcut_ops:
        sample += _numel(b.shortcut_shape, batch=False)
    if b.out_shape is not None:
        sample += _numel(b.out_shape, batch=False)  # the sum
        if not shared:
            sample += _numel(b.out_shape, batch=False)
    if capture_ops:
        sample += sum(_numel(o.out_shape, batch=False) for o in (*b.main_ops, *b.shortcut_ops))
    return sample * FLOAT


def estimate(report: ShapeReport, on_cpu: bool = True, capture_ops: bool = False) -> MemoryEstimate:
    """Peak bytes of a traced forward pass of `report.spec` (see the module's docstring)."""
    batch = report.input_shape[0]
    input_bytes = _numel(report.input_shape) * FLOAT
    stem_out = _numel(report.stem.out_shape) * FLOAT
    kept = stem_out
    working = _chain_peak(report.stem.ops, report.input_shape, 0)
    trace = 0 if on_cpu and batch == 1 else FLOAT * _numel(report.input_shape, batch=False)  # its input
    if capture_ops:
        trace += FLOAT * sum(_numel(o.out_shape, batch=False) for o in report.stem.ops)
    for i, b in enumerate(report.blocks):
        working = max(working, kept + _block_working(b))
        kept += _numel(b.out_shape) * FLOAT  # the session's resume cache: every block output, whole batch
        trace += _block_trace(b, i, batch, on_cpu, capture_ops)
    working = max(working, kept + _chain_peak(report.head.ops, None, 0))
    if report.output_shape is not None:
        trace += FLOAT * report.output_shape[1]  # the first sample's logits
    return MemoryEstimate(_params_bytes(report), input_bytes, int(working * ALLOCATOR_SLACK), trace)


def fmt_bytes(n: int) -> str:
    """1536 -> '1.5 KB' (binary units, as `free -h` shows them)."""
    for unit in ("TB", "GB", "MB", "KB"):
        size = UNITS[unit[0]]
        if n >= size:
            return f"{n / size:.3g} {unit}" if n < 10 * size else f"{n / size:.1f} {unit}"
    return f"{n} B"


def parse_size(text: str) -> int:
    """'2G', '512M', '1.5GB', '100000' -> bytes; ValueError names what is allowed."""
    norm = text.strip().upper().removesuffix("IB").removesuffix("B")
    num, unit = (norm[:-1], norm[-1]) if norm and norm[-1] in UNITS else (norm, "")
    try:
        value = float(num)
    except ValueError:
        raise ValueError(t("{text} is not a size; use e.g. 2G, 512M or 100000 (bytes)", text=repr(text[:40]))) from None
    if not 0 < value < 2**60 or value != value:
        raise ValueError(t("{text} is not a size; use a positive amount, e.g. 2G", text=repr(text[:40])))
    return int(value * UNITS[unit])
