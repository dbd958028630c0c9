"""Refuse a run the device cannot hold — before anything is allocated.

The core estimates a run's peak (`core.memory.estimate`, no torch); this
compares it with what the device has: MemAvailable from /proc/meminfo on the
CPU (no torch import, so a refused `trace` answers as fast as `summary`),
torch.cuda.mem_get_info on CUDA. Unknown devices (MPS) are not checked.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.files import check_output_path
from ..core.i18n import t
from ..core.memory import MemoryEstimate, estimate, fmt_bytes
from ..core.shapes import ShapeReport, infer
from ..core.spec import ArchSpec


class MemoryRefused(ValueError):
    """A run that would not fit: the message gives the estimate, what is available and what to change."""


def available_bytes(device: str) -> int | None:
    """Free memory for a run on `device`, None when it cannot be known."""
    name = device.strip().lower()
    if name == "cpu":
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            return None
        return None
    if name.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            return None  # the device check says why, in its own words
        index = int(name.partition(":")[2] or 0)
        if index >= torch.cuda.device_count():
            return None
        return int(torch.cuda.mem_get_info(index)[0])
    return None


def check_memory(
    spec: ArchSpec,
    device: str = "cpu",
    limit: int | None = None,
    capture_ops: bool = False,
    held: int = 0,
    override: str | None = None,
    report: ShapeReport | None = None,
) -> MemoryEstimate:
    """The run's estimate; MemoryRefused when it exceeds `limit` (default: what the
    device has available now, plus `held`: memory the caller frees for the run).
    `override` ends the message: how to run anyway (None: the CLI's option; the GUI passes "").
    `report`: the spec's ShapeReport where the caller has it already (the window does)."""
    report = report if report is not None and report.spec == spec else infer(spec)
    on_cpu = device.strip().lower() == "cpu"
    est = estimate(report, on_cpu=on_cpu, capture_ops=capture_ops)
    if limit is not None:
        have, override = t("--max-memory is {limit}", limit=fmt_bytes(limit)), t("or raise --max-memory")
    else:
        free = available_bytes(device)
        if free is None:
            return est
        limit = free + held
        have = t("{free} is available on {device}", free=fmt_bytes(limit), device=device)
        override = t("or set --max-memory to run anyway") if override is None else override
    if est.peak_bytes > limit:
        advice = _advice(spec, est, limit, on_cpu)
        if override:
            raise MemoryRefused(
                t(
                    "this run needs {need} but {have}; {advice}, {override}",
                    need=est.describe(),
                    have=have,
                    advice=advice,
                    override=override,
                )
            )
        raise MemoryRefused(
            t("this run needs {need} but {have}; {advice}", need=est.describe(), have=have, advice=advice)
        )
    return est


def _advice(spec: ArchSpec, est: MemoryEstimate, limit: int, on_cpu: bool) -> str:
    """What to change: the largest batch that fits (searched with the estimate itself,
    which is not linear in the batch), else a smaller input."""

    def fits(batch: int) -> bool:
        return estimate(infer(spec.with_changes(batch=batch)), on_cpu=on_cpu).peak_bytes <= limit

    if spec.batch > 1 and fits(1):
        lo, hi = 1, spec.batch - 1  # fits(lo) holds; the answer is in [lo, hi]
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
        return t("lower the batch to {batch} or less", batch=lo)
    c, h, w = spec.input_shape
    if spec.batch > 1:
        return t("use a smaller input than {shape} and batch 1", shape=f"{c}x{h}x{w}")
    return t("use a smaller input than {shape}", shape=f"{c}x{h}x{w}")


def preflight(args: argparse.Namespace, spec: ArchSpec) -> None:
    """Everything `trace` can refuse before torch is imported: the activations path, the memory."""
    if args.save_activations:
        check_output_path(args.save_activations, ".npz", "--save-activations")
    check_memory(spec, args.device, args.max_memory)
