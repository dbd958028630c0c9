"""Benchmark rows for issue 12 (hard inputs), used by run.py:

- "estimate": the core's memory estimate ÷ the measured peak RSS increase of a
  real traced run (benchmarks/memory_estimate_child.py), for every preset at
  batch 1 and 8 — the worst ratio per batch must lie within 0.75–1.25;
- "refuse": time to refuse `trace --batch 1024` (a run that needs ~28 GB)
  ÷ time of `summary`, both whole processes — the refusal must not load torch.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUICK_PRESETS = ("resnet18", "resnet50", "resnet20")


def estimate_ratios(presets: tuple[str, ...], batch: int) -> list[tuple[str, float, float, float]]:
    """(preset, ratio, measured MB, estimated MB) for each preset, one child process each."""
    out = []
    for name in presets:
        p = subprocess.run(
            [sys.executable, str(HERE / "memory_estimate_child.py"), name, str(batch)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        d = json.loads(p.stdout)
        est = d["estimate"]["peak_bytes"]
        out.append((name, est / d["measured"], d["measured"] / 2**20, est / 2**20))
    return out


def bench_estimate(row_type: type, quick: bool) -> list:  # type: ignore[type-arg]
    from resnet_viewer import PRESETS

    presets = QUICK_PRESETS if quick else tuple(PRESETS)
    rows = []
    for batch in (1, 8):
        ratios = estimate_ratios(presets, batch)
        worst = max(ratios, key=lambda r: abs(r[1] - 1))
        ok = all(0.75 <= r[1] <= 1.25 for r in ratios)
        detail = "estimate ÷ measured peak RSS increase (±25%): " + ", ".join(
            f"{n} {r:.2f} ({e:.0f}/{m:.0f} MB)" for n, r, m, e in ratios
        )
        rows.append(
            row_type(
                f"memory estimate ÷ measured peak, batch {batch} (worst of {len(presets)})",
                worst[3],
                worst[2],
                worst[1],
                1.25,
                "ratio",
                ok,
                detail,
            )
        )
    return rows


def _process_seconds(args: list[str], runs: int, expect: int) -> list[float]:
    xs = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
        dt = time.perf_counter() - t0
        if p.returncode != expect:
            raise RuntimeError(f"{args} exited {p.returncode}, expected {expect}: {p.stderr[-300:]}")
        if i:  # the first run warms the OS file cache
            xs.append(dt)
    return xs


def bench_refuse(row_type: type, runs: int) -> list:  # type: ignore[type-arg]
    py = sys.executable
    # --max-memory 16G makes the refusal the same on any machine (the run needs ~28 GB)
    refuse = [py, "-m", "resnet_viewer", "trace", "--batch", "1024", "--max-memory", "16G"]
    summary = [py, "-m", "resnet_viewer", "summary"]
    ta, tb = [], []
    for _ in range(runs):  # interleaved: a busy machine's drift cancels in the per-pair ratio
        ta += _process_seconds(refuse, 1, 2)
        tb += _process_seconds(summary, 1, 0)
    ratio = statistics.median(a / b for a, b in zip(ta, tb, strict=True))
    a, b = statistics.median(ta) * 1e3, statistics.median(tb) * 1e3
    detail = f"refuse `trace --batch 1024` {a:.0f} ms vs `summary` {b:.0f} ms (median of per-pair ratios), n={runs}"
    return [row_type("refuse an over-budget trace / summary process", a, b, ratio, 3.0, "ratio", ratio <= 3.0, detail)]
