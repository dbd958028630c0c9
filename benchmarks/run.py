"""resnet_viewer's performance budgets, measured side by side on this machine.

Every row is a ratio against a baseline taken in the same run (or an absolute
latency where the budget is one), as the median of several runs after a
warm-up, with min and max. Run:  python benchmarks/run.py [--json] [--device cuda] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import hard_inputs  # noqa: E402 - after the path set-up above
import torchview_rows  # noqa: E402


@dataclass
class Timing:
    median: float
    min: float
    max: float
    runs: int


@dataclass
class Row:
    name: str
    value: float
    baseline: float | None
    ratio: float
    budget: float
    unit: str  # "ratio" or "ms"
    ok: bool
    detail: str


def measure(fn: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        fn()
    xs = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        xs.append(time.perf_counter() - t0)
    return Timing(statistics.median(xs), min(xs), max(xs), runs)


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[Timing, Timing, float]:
    """Interleave a and b; returns both timings and the median of the per-pair
    ratios a/b, which cancels the drift of a shared, busy machine between pairs."""
    a(), b()
    ta, tb = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t0)
    ratio = statistics.median(x / y for x, y in zip(ta, tb, strict=True))
    return (
        Timing(statistics.median(ta), min(ta), max(ta), runs),
        Timing(statistics.median(tb), min(tb), max(tb), runs),
        ratio,
    )


def ratio_row(
    name: str, value: Timing, base: Timing, budget: float, what: str, paired_ratio: float | None = None
) -> Row:
    """`paired_ratio` (median of per-pair ratios) where the two were interleaved."""
    r = paired_ratio if paired_ratio is not None else value.median / base.median
    how = "median of per-pair ratios" if paired_ratio is not None else "ratio of medians"
    detail = f"{what} ({how}): {value.median * 1e3:.1f} ms [{value.min * 1e3:.1f}–{value.max * 1e3:.1f}] vs {base.median * 1e3:.1f} ms [{base.min * 1e3:.1f}–{base.max * 1e3:.1f}], n={value.runs}"
    return Row(name, value.median * 1e3, base.median * 1e3, r, budget, "ratio", r <= budget, detail)


def ms_row(name: str, value: Timing, budget_ms: float, what: str) -> Row:
    v = value.median * 1e3
    return Row(
        name,
        v,
        None,
        v,
        budget_ms,
        "ms",
        v <= budget_ms,
        f"{what}: median {v:.2f} ms [{value.min * 1e3:.2f}–{value.max * 1e3:.2f}], n={value.runs}",
    )


def process_time(args: list[str], runs: int, marker: str | None = None) -> Timing:
    """Wall time of a child process, spawn → exit (or → a marker line)."""
    xs = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        assert p.stdout is not None
        if marker:
            for line in p.stdout:
                if line.startswith(marker):
                    break
        else:
            p.stdout.read()
            p.wait()
        dt = time.perf_counter() - t0
        p.wait()
        if p.returncode not in (0, None) and not marker:
            raise RuntimeError(f"{args} failed with {p.returncode}")
        if i:  # the first run warms the OS file cache
            xs.append(dt)
    return Timing(statistics.median(xs), min(xs), max(xs), runs)


# ---- the rows ---------------------------------------------------------------------


def bench_infer(runs: int) -> list[Row]:
    import torchinfo

    from resnet_viewer import build_model, infer, preset

    spec = preset("resnet152")
    model = build_model(spec)
    t_info = measure(lambda: torchinfo.summary(model, input_size=(1, 3, 224, 224), verbose=0), max(3, runs // 2))
    t_infer = measure(lambda: infer(spec), runs * 20)
    return [ratio_row("infer(resnet152) / torchinfo.summary", t_infer, t_info, 0.05, "infer vs torchinfo")]


def bench_live(runs: int, device: str) -> list[Row]:
    import torch

    from resnet_viewer import preset
    from resnet_viewer.live.session import LiveSession

    spec = preset("resnet50")
    session = LiveSession(spec, device=device)
    model, x = session.model.eval(), session.input
    sync = torch.cuda.synchronize if device.startswith("cuda") else (lambda: None)

    def plain() -> None:
        with torch.inference_mode():
            model(x)
        sync()

    def traced() -> None:
        session.invalidate()
        session.run()

    # On a GPU the trace must also bring what it captured to the CPU (the panels draw from
    # there): its baseline is the forward plus one pinned copy of that many bytes, the least
    # any capture could cost. On the CPU the trace copies little (outputs are shared).
    baseline, base_name, base_what = plain, "plain forward", "traced vs plain"
    if device.startswith("cuda"):
        baseline = forward_and_copy(model, x, session.run().captured_bytes, sync)
        base_name, base_what = "forward + one copy of its captures", "traced vs forward + pinned copy"
    t_traced, t_plain, r = paired(traced, baseline, runs * 2)  # the closest budget: more pairs
    rows = [ratio_row(f"traced / {base_name}, resnet50 224 {device}", t_traced, t_plain, 1.10, base_what, r)]

    variants = ["conv1x1", "conv3x3"]

    def toggle(block: str) -> Callable[[], None]:
        def run() -> None:  # every call really changes the block
            now = session.spec.shortcut_of(block)
            session.apply(session.spec.with_block_shortcut(block, variants[1 - variants.index(now)]))
            trace = session.run()
            assert trace.recomputed_from == block, trace.recomputed_from

        return run

    def rebuild() -> None:
        LiveSession(session.spec, device=device).run()

    session.run()
    t_toggle4, t_rebuild, r4 = paired(toggle("layer4.0"), rebuild, max(3, runs // 2))
    name4 = f"toggle layer4.0 + rerun / rebuild + forward, {device}"
    rows.append(ratio_row(name4, t_toggle4, t_rebuild, 0.35, "incremental vs from scratch", r4))
    t_toggle1, t_plain1, r1 = paired(toggle("layer1.0"), baseline, runs)
    name1 = f"toggle layer1.0 + rerun / {base_name}, {device}"
    rows.append(ratio_row(name1, t_toggle1, t_plain1, 1.2, "incremental vs one forward", r1))
    return rows


def forward_and_copy(model: object, x: object, nbytes: int, sync: Callable[[], None]) -> Callable[[], None]:
    """The plain forward, then `nbytes` copied from the GPU into a pinned buffer made once."""
    import torch

    assert isinstance(model, torch.nn.Module) and isinstance(x, torch.Tensor)
    host = torch.empty(nbytes // 4, dtype=torch.float32, pin_memory=True)
    on_gpu = torch.empty_like(host, device=x.device)

    def run() -> None:
        with torch.inference_mode():
            model(x)
        host.copy_(on_gpu, non_blocking=True)
        sync()

    return run


def bench_checkpoint(runs: int) -> list[Row]:
    """Open a resnet50 checkpoint file (spec inferred, model built, weights loaded)
    vs what a user would write knowing the architecture."""
    import torch

    from resnet_viewer import build_model, preset
    from resnet_viewer.live.checkpoint import load_checkpoint_model

    spec = preset("resnet50")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "resnet50.pth"
        torch.save(build_model(spec).state_dict(), path)

        def plain() -> None:
            state = torch.load(path, map_location="cpu", weights_only=True)
            build_model(spec).load_state_dict(state, strict=True)

        def opened() -> None:
            load_checkpoint_model(path)

        t_open, t_plain, r = paired(opened, plain, runs)
    return [
        ratio_row(
            "open_checkpoint(resnet50 file) / torch.load+build+load_state_dict",
            t_open,
            t_plain,
            1.2,
            "inferred vs known architecture",
            r,
        )
    ]


def bench_gui(runs: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    from resnet_viewer import preset
    from resnet_viewer.gui.engine import LiveEngine
    from resnet_viewer.gui.main_window import MainWindow
    from resnet_viewer.live.session import LiveSession

    class IdleEngine(LiveEngine):  # the GUI thread's share only: the engine's interface, no worker thread
        def start(self) -> None: ...
        def submit(self, req: object) -> None: ...
        def shutdown(self, timeout: float = 5.0) -> None: ...

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        os.environ["RESNET_VIEWER_SETTINGS"] = str(Path(d) / "s.ini")
        w = MainWindow(spec=preset("resnet152"), engine=IdleEngine())
        import gc

        gc.freeze()  # as the window does once its first trace has arrived
        w.resize(1400, 900)
        w.show()
        app.processEvents()
        modes = ["1", "2"]
        state = {"i": 0}

        def edit() -> None:
            state["i"] += 1
            w.controls.stride_boxes[1].setCurrentText(modes[state["i"] % 2])  # a real control edit
            w.view.viewport().repaint()

        t_edit = measure(edit, runs * 4, warmup=2)
        rows = [
            ms_row(
                "edit → graph redrawn, resnet152 block level",
                t_edit,
                20.0,
                "stage-2 stride toggle via the control, incl. repaint",
            )
        ]
        trace = LiveSession(preset("resnet50")).run()
        block = trace.block("layer1.0")
        t_act = measure(lambda: w.activations.show_block(block), runs * 2, warmup=2)
        rows.append(
            ms_row("activation panel refresh (resnet50 layer1.0)", t_act, 30.0, "5 mosaics + histogram + stats")
        )
        w.close()
    return rows


def bench_export(runs: int) -> list[Row]:
    import torchinfo

    from resnet_viewer import build_model, preset
    from resnet_viewer.export.figure import make_layout
    from resnet_viewer.export.options import ExportOptions
    from resnet_viewer.export.writer import write

    spec = preset("resnet152")
    opts = ExportOptions(level="op")
    model = build_model(spec)
    t_info = measure(lambda: torchinfo.summary(model, input_size=(1, 3, 224, 224), verbose=0), max(3, runs // 2))
    with tempfile.TemporaryDirectory() as d:
        t = {
            fmt: measure(
                lambda fmt=fmt: write(
                    make_layout(spec, opts), Path(d) / f"r152.{fmt}", ExportOptions(level="op", scale=1.0)
                ),
                max(3, runs // 2),
            )
            for fmt in ("svg", "pdf", "png")
        }
    return [ratio_row("SVG export resnet152 op level / torchinfo", t["svg"], t_info, 0.5, "svg vs torchinfo")]


def bench_processes(runs: int) -> list[Row]:
    py = sys.executable
    t_torch = process_time([py, "-c", "import torch"], runs)
    t_summary = process_time([py, "-m", "resnet_viewer", "summary", "--preset", "resnet152"], runs)
    t_cold = process_time([py, str(HERE / "cold_start_child.py")], runs, marker="shown")
    return [
        ratio_row("cold start → window with graph / import torch", t_cold, t_torch, 0.8, "process start to shown"),
        ratio_row("`resnet-viewer summary` process / import torch", t_summary, t_torch, 0.5, "whole process"),
    ]


def bench_memory(device: str) -> list[Row]:
    out = subprocess.run(
        [sys.executable, str(HERE / "memory_child.py"), device], capture_output=True, text=True, check=True, cwd=ROOT
    )
    d = json.loads(out.stdout)
    expected = d["baseline"] + d["captured"]
    r = d["peak"] / expected
    mb = 2**20
    detail = f"peak RSS {d['peak'] / mb:.0f} MB vs baseline {d['baseline'] / mb:.0f} MB + captured {d['captured'] / mb:.0f} MB"
    return [
        Row(
            f"peak memory of a resnet50 trace ({device})",
            d["peak"] / mb,
            expected / mb,
            r,
            1.3,
            "ratio",
            r <= 1.3,
            detail,
        )
    ]


def machine() -> dict[str, object]:
    import torch

    info: dict[str, object] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
    }
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        info["cpu"] = platform.processor()
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def print_table(rows: list[Row], info: dict[str, object]) -> None:
    print(
        f"resnet_viewer benchmarks · {info.get('cpu')} · {info['cpus']} cpus · torch {info['torch']} ({info['torch_threads']} threads) · Python {info['python']}"
        + (f" · GPU {info['gpu']}" if "gpu" in info else "")
    )
    head = ("benchmark", "value", "baseline", "ratio", "budget", "ok")
    table = [head]
    for r in rows:
        if r.unit == "ms":
            table.append((r.name, f"{r.value:.2f} ms", "-", "-", f"≤ {r.budget:g} ms", "yes" if r.ok else "NO"))
        else:
            base = f"{r.baseline:.1f}" if r.baseline is not None else "-"
            unit = " MB" if "memory" in r.name else " ms"
            table.append(
                (
                    r.name,
                    f"{r.value:.1f}{unit}",
                    base + unit,
                    f"{r.ratio:.3f}",
                    f"≤ {r.budget:g}",
                    "yes" if r.ok else "NO",
                )
            )
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for i, row in enumerate(table):
        print(
            " | ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
        if i == 0:
            print("-|-".join("-" * w for w in widths))
    print()
    for r in rows:
        print(f"  {r.name}: {r.detail}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--device", default="cpu", help="cpu or cuda (skipped cleanly where no GPU is present)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    ap.add_argument("--only", help="comma-separated groups: infer,live,checkpoint,gui,export,torchview,process,memory")
    args = ap.parse_args()
    import torch

    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print(f"--device {args.device}: no CUDA GPU on this machine; CUDA benchmarks skipped")
        return 0
    runs = 3 if args.quick else 9
    groups = set((args.only or "infer,live,checkpoint,gui,export,torchview,process,memory").split(","))
    rows: list[Row] = []
    if "infer" in groups:
        rows += bench_infer(runs)
    if "live" in groups:
        rows += bench_live(runs, args.device)
    if "checkpoint" in groups and args.device == "cpu":
        rows += bench_checkpoint(runs)
    if "gui" in groups and args.device == "cpu":
        rows += bench_gui(runs)
    if "export" in groups and args.device == "cpu":
        rows += bench_export(runs)
    if "torchview" in groups and args.device == "cpu":
        rows += torchview_rows.bench_export_vs_torchview(runs, measure, ratio_row)
    if "process" in groups and args.device == "cpu":
        rows += bench_processes(max(3, runs // 2))
    if "memory" in groups:
        rows += bench_memory(args.device)
    groups |= set() if args.only else {"estimate", "refuse"}  # issue 12's rows (benchmarks/hard_inputs.py)
    if "estimate" in groups and args.device == "cpu":
        rows += hard_inputs.bench_estimate(Row, args.quick)
    if "refuse" in groups and args.device == "cpu":
        rows += hard_inputs.bench_refuse(Row, max(3, runs // 2))
    info = machine()
    if args.json:
        results = [
            {
                "name": r.name,
                "value": r.value,
                "baseline": r.baseline,
                "ratio": r.ratio,
                "budget": r.budget,
                "unit": r.unit,
                "ok": r.ok,
                "detail": r.detail,
            }
            for r in rows
        ]
        print(json.dumps({"schema": 1, "machine": info, "device": args.device, "results": results}, indent=2))
    else:
        print_table(rows, info)
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
