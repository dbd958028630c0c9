"""Benchmark rows against torchview (issue 13): our PNG/PDF export of resnet152
at op level vs torchview's draw_graph + graphviz rendering the same format.
Run through benchmarks/run.py (group `torchview`; the `bench` extra)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def bench_export_vs_torchview(runs: int, measure: Callable[..., Any], ratio_row: Callable[..., Any]) -> list[Any]:
    """PNG and PDF of resnet152 against what a user would otherwise run:
    torchview's draw_graph (depth 3: every conv/bn/relu of every block, as our
    op level) rendered by graphviz to the same format. Both from a built model
    or spec to a file on disk. Skipped when torchview or graphviz is missing."""
    import shutil

    try:
        from torchview import draw_graph
    except ImportError:
        print("torchview rows skipped: torchview is not installed (pip install '.[bench]')", file=sys.stderr)
        return []
    if shutil.which("dot") is None:
        print("torchview rows skipped: graphviz's `dot` is not on PATH (apt-get install graphviz)", file=sys.stderr)
        return []
    from resnet_viewer import build_model, preset
    from resnet_viewer.export.figure import make_layout
    from resnet_viewer.export.options import ExportOptions
    from resnet_viewer.export.writer import write

    spec = preset("resnet152")
    model = build_model(spec)
    opts = ExportOptions(level="op", scale=1.0)
    rows = []
    tv_runs = 1 if runs <= 3 else 3  # one torchview run is ~half a minute here
    with tempfile.TemporaryDirectory() as d:
        for fmt in ("png", "pdf"):

            def ours(fmt: str = fmt) -> None:
                write(make_layout(spec, opts), Path(d) / f"ours.{fmt}", opts)

            def theirs(fmt: str = fmt) -> None:
                g = draw_graph(model, input_size=(1, *spec.input_shape), depth=3, device="cpu")
                g.visual_graph.render(str(Path(d) / "torchview"), format=fmt, cleanup=True)

            t_ours = measure(ours, max(3, runs // 2))
            t_theirs = measure(theirs, tv_runs, warmup=0)
            rows.append(
                ratio_row(
                    f"{fmt.upper()} export resnet152 op / torchview+graphviz",
                    t_ours,
                    t_theirs,
                    0.5,
                    f"{fmt} vs torchview draw_graph + graphviz {fmt}",
                )
            )
    return rows
