"""`resnet-viewer trace`: run a real input through the live model and report
every branch of every block."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace

from ..core.files import atomic_path
from ..core.spec import ArchSpec
from .stats_format import stats_cells
from .trace import BRANCHES, Trace

EXIT_OK, EXIT_CANNOT_RUN, EXIT_BAD_INPUT = 0, 1, 2


def run_trace_command(args: argparse.Namespace, spec: ArchSpec) -> int:
    import numpy as np
    import torch

    from .devices import DeviceError
    from .images import ImageError, default_source, parse_pattern, parse_source
    from .session import LiveSession
    from .weights import WeightsError

    timings: dict[str, float] = {}
    try:
        if args.pattern:
            source = parse_pattern(args.pattern)
        elif args.image:
            first, *more = (parse_source(i) for i in args.image)
            source = replace(first, more=tuple(m.name for m in more))
        else:
            source = default_source()
        t0 = time.perf_counter()
        session = LiveSession(spec, seed=args.seed, device=args.device, source=source)
        timings["build"] = (time.perf_counter() - t0) * 1000
        if args.weights:
            t0 = time.perf_counter()
            report = session.load_weights(args.weights)
            timings["load_weights"] = (time.perf_counter() - t0) * 1000
            if not args.json:
                print(f"weights: {report.describe()}")
    except (ImageError, WeightsError, DeviceError) as e:
        print(f"resnet-viewer: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    trace = session.run()
    timings.update(trace.timings_ms)
    if args.save_activations:
        arrays = {f"{b.name}/{k}": t.numpy() for b in trace.blocks for k, t in b.tensors.items()}
        arrays["input"] = trace.input.numpy()
        if trace.logits is not None:
            arrays["logits"] = trace.logits.numpy()
        with atomic_path(args.save_activations, ".npz") as tmp:
            np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(trace_json(trace, source_dict(session), timings, torch.__version__), indent=2))
    else:
        print(format_trace(trace, timings))
    if trace.error is not None:
        print(f"resnet-viewer: {trace.error}", file=sys.stderr)
    return EXIT_OK if trace.error is None else EXIT_CANNOT_RUN


def source_dict(session: object) -> dict[str, object]:
    src = session.source  # type: ignore[attr-defined]
    spec = session.spec  # type: ignore[attr-defined]
    return {
        "kind": src.kind,
        "name": src.name,
        "param": src.param,
        "more": list(src.more),
        "shape": [spec.batch, *spec.input_shape],
    }


def trace_json(
    trace: Trace, source: dict[str, object], timings: dict[str, float], torch_version: str
) -> dict[str, object]:
    return {
        "schema": 1,
        "device": trace.device,
        "torch": torch_version,
        "input": source,
        "blocks": [b.to_dict() for b in trace.blocks],
        "top5": [[i, p] for i, p in trace.top5()],
        "timings_ms": {k: round(v, 3) for k, v in timings.items()},
        "dropped": trace.dropped,
    }


def format_trace(trace: Trace, timings: dict[str, float]) -> str:
    head = ("block", "branch", "shape", "mean", "std", "min", "max", "zeros", "norm")
    rows = [head]
    for b in trace.blocks:
        for br in BRANCHES:
            s = b.stats(br)
            if s is None:
                continue
            rows.append((b.name if br == "in" else "", br, *stats_cells(s)))
        ratio = b.shortcut_main_ratio
        if ratio is not None:
            rows.append(("", "‖short‖/‖main‖", f"{ratio:.3f}", "", "", "", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"trace on {trace.device} · input {trace.input_label}"]
    lines += [
        "  ".join(c.rjust(w) if i >= 3 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        for r in rows
    ]
    if trace.error:
        lines.append(f"!! {trace.error}")
    top = trace.top5()
    if top:
        lines.append("top-5 (class index: probability): " + ", ".join(f"{i}: {p:.3f}" for i, p in top))
    lines.append("timings: " + ", ".join(f"{k} {v:.1f} ms" for k, v in timings.items()))
    lines += [f"note: {d}" for d in trace.dropped[:1]]
    return "\n".join(lines)
