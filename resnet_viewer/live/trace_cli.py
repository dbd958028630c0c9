"""`resnet-viewer trace`: run a real input through the live model and report
every branch of every block."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from ..core import i18n
from ..core.choices import EXIT_BAD_INPUT, EXIT_CANNOT_RUN, EXIT_OK, PRETRAINED
from ..core.files import atomic_path
from ..core.labels import label, set_for_head
from ..core.spec import ArchSpec
from ..core.summary_text import table_lines
from .pretrained import WeightsInfo
from .stats_format import stats_cells
from .trace import BRANCHES, Trace

if TYPE_CHECKING:
    from .session import LiveSession
    from .trace_doc import InputDoc, TraceDoc
    from .weights import LoadReport


def run_trace_command(args: argparse.Namespace, spec: ArchSpec) -> int:
    import numpy as np
    import torch

    from ..core.catalogue import default_for
    from ..core.presets import matching_preset
    from .devices import DeviceError
    from .images import ImageError, default_source, parse_pattern, parse_source
    from .pretrained import NotCachedError, WeightsInfo, load_entry_into_session, random_weights
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
        info = random_weights(args.seed)
        if args.weights:
            t0 = time.perf_counter()
            if args.weights == PRETRAINED:
                report, info = load_entry_into_session(session, default_for(matching_preset(spec)))
            else:
                report = load_weights_from_args(args, session)
                notes = list(getattr(getattr(args, "checkpoint", None), "notes", []))
                info = WeightsInfo("file", str(args.weights), len(report.loaded), notes, args.seed)
            timings["load_weights"] = (time.perf_counter() - t0) * 1000
            if not args.json:
                print(i18n.t("weights: {name}: {details}", name=info.name, details=report.describe()))
                for note in info.notes:
                    print(i18n.t("note: {note}", note=note))
    except (ImageError, WeightsError, DeviceError, NotCachedError) as e:
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
            np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]  # numpy stub: **kwds may fill allow_pickle (numpy < 2.1 has no such keyword)
    if args.json:
        doc = trace_json(trace, source_dict(session), timings, torch.__version__, spec=session.spec, weights=info)
        print(json.dumps(doc, indent=2))
    else:
        print(format_trace(trace, timings, info))
    if trace.error is not None:
        print(f"resnet-viewer: {trace.error}", file=sys.stderr)
    return EXIT_OK if trace.error is None else EXIT_CANNOT_RUN


def load_weights_from_args(args: argparse.Namespace, session: LiveSession) -> LoadReport:
    """The file `--weights` names, into the session's model: the checkpoint already
    read to infer the spec (cli_spec.checkpoint_spec), or the file itself."""
    from .weights import apply_state_dict

    strict = not getattr(args, "non_strict", False)
    ck = getattr(args, "checkpoint", None)
    if ck is None:
        return session.load_weights(args.weights, strict=strict)
    return apply_state_dict(session.model, ck.state_dict, strict=strict, source=str(args.weights))


def source_dict(session: LiveSession) -> InputDoc:
    src = session.source
    spec = session.spec
    return {
        "kind": src.kind,
        "name": src.name,
        "param": src.param,
        "more": list(src.more),
        "shape": [spec.batch, *spec.input_shape],
    }


def trace_json(
    trace: Trace,
    source: InputDoc,
    timings: dict[str, float],
    torch_version: str,
    spec: ArchSpec,
    weights: WeightsInfo,
) -> TraceDoc:
    """Schema 2: adds "spec" and "weights"; top5 entries are {index, label, p}."""
    return {
        "schema": 2,
        "device": trace.device,
        "torch": torch_version,
        "input": source,
        "blocks": [b.to_dict() for b in trace.blocks],
        "spec": spec.to_dict(),
        "weights": weights.to_dict(),
        "top5": [{"index": i, "label": name, "p": p} for i, name, p in labelled_top5(trace)],
        "timings_ms": {k: round(v, 3) for k, v in timings.items()},
        "dropped": trace.dropped,
    }


def labelled_top5(trace: Trace) -> list[tuple[int, str | None, float]]:
    """Top-5 with class names when the head matches a known label set (1000 → ImageNet-1k,
    10 → CIFAR-10), None otherwise."""
    labels = set_for_head(trace.logits.numel()) if trace.logits is not None else None
    return [(i, label(labels, i), p) for i, p in trace.top5()]


def format_top5(top: list[tuple[int, str | None, float]]) -> str:
    return ", ".join(f"{i} {name} {p:.1%}" if name else f"{i}: {p:.3f}" for i, name, p in top)


def format_trace(trace: Trace, timings: dict[str, float], weights: WeightsInfo | None = None) -> str:
    head = (
        i18n.t("block"),
        i18n.t("branch"),
        i18n.t("shape"),
        i18n.t("mean"),
        i18n.t("std"),
        i18n.t("min"),
        i18n.t("max"),
        i18n.t("zeros"),
        i18n.t("norm"),
    )
    rows: list[tuple[str, ...]] = [head]
    for b in trace.blocks:
        for br in BRANCHES:
            s = b.stats(br)
            if s is None:
                continue
            rows.append((b.name if br == "in" else "", br, *stats_cells(s)))
        ratio = b.shortcut_main_ratio
        if ratio is not None:
            rows.append(("", "‖short‖/‖main‖", f"{ratio:.3f}", "", "", "", "", "", ""))
    lines = [i18n.t("trace on {device} · input {input}", device=trace.device, input=trace.input_label)]
    lines += table_lines(rows, right=range(3, len(head)))
    if trace.error:
        lines.append(f"!! {trace.error}")
    top = labelled_top5(trace)
    if top:
        if top[0][1] is not None:
            lines.append(i18n.t("top-5 (class, probability): {top}", top=format_top5(top)))
        else:
            lines.append(i18n.t("top-5 (class index: probability): {top}", top=format_top5(top)))
    if weights is not None and weights.untrained_note:
        lines.append(weights.untrained_note)
    lines.append(i18n.t("timings: {timings}", timings=", ".join(f"{k} {v:.1f} ms" for k, v in timings.items())))
    lines += [i18n.t("note: {note}", note=d) for d in trace.dropped[:1]]
    return "\n".join(lines)
