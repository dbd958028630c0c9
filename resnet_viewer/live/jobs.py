"""The work the GUI asks for, as plain functions over a LiveSession (no Qt):
bring the session to the requested state, run, and package the result."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.i18n import t
from ..core.spec import ArchSpec
from .images import InputSource

if TYPE_CHECKING:  # session and trace import torch; the GUI imports this module before torch
    from .pretrained import WeightsInfo
    from .session import LiveSession
    from .trace import Trace


@dataclass(frozen=True)
class LiveRequest:
    gen: int  # newer requests have larger numbers; a result for an older one is stale
    spec: ArchSpec
    source: InputSource
    device: str = "cpu"
    seed: int = 0
    weights: tuple[str, bool] | None = None  # (path, strict): load once, before running
    want_summary: bool = False  # torchinfo table of the live model


@dataclass
class LiveResult:
    gen: int
    spec: ArchSpec
    source: InputSource
    device: str
    trace: Trace
    module_reprs: dict[str, str]
    timings_ms: dict[str, float]
    messages: list[str] = field(default_factory=list)  # things the user should read (weights report, ...)
    summary_rows: list[tuple[str, str, str, str]] | None = None
    weights: WeightsInfo | None = None  # where the weights behind this trace come from


class SessionHolder:
    """Owns the LiveSession between requests (created on the first one, so that
    importing torch happens in the worker, never on the GUI thread)."""

    def __init__(self) -> None:
        self.session: LiveSession | None = None
        self.seed: int | None = None
        self.weights: WeightsInfo | None = None  # set with the session

    def handle(self, req: LiveRequest) -> LiveResult:
        from .pretrained import load_file_into_session, random_weights
        from .session import LiveSession

        timings: dict[str, float] = {}
        messages: list[str] = []
        t0 = time.perf_counter()
        if self.session is None or self.seed != req.seed:
            self.session = LiveSession(req.spec, seed=req.seed, device="cpu", source=req.source)
            self.seed = req.seed
            self.weights = random_weights(req.seed)
            timings["build"] = (time.perf_counter() - t0) * 1000
        s = self.session
        assert self.weights is not None  # set with the session
        if req.source != s.source:
            s.set_input(req.source)  # ImageError leaves the previous input in place
        if str(s.device) != req.device:
            s.set_device(req.device)  # DeviceError: stays where it was
        t1 = time.perf_counter()
        applied = s.apply(req.spec)
        timings["apply"] = (time.perf_counter() - t1) * 1000
        if applied.rebuilt and self.weights.source != "random":
            if "stem" in applied.rebuilt and "fc" in applied.rebuilt:
                self.weights = random_weights(req.seed)  # nothing of the loaded network is left
            else:
                self.weights.reinitialised.extend(applied.rebuilt)
        if req.weights is not None:
            path, strict = req.weights
            report, self.weights = load_file_into_session(s, path, strict=strict)
            if self.weights.source == "file":
                said = report.describe()
            else:
                said = t("{count} tensors loaded", count=self.weights.loaded)
            messages.append(t("weights {name}: {details}", name=self.weights.name, details=said))
        trace = s.run()
        timings["forward"] = trace.timings_ms["forward"]
        reprs = {name: repr(block) for name, block in s.model.blocks()}
        rows = summary_rows(s) if req.want_summary else None
        return LiveResult(
            req.gen, s.spec, s.source, str(s.device), trace, reprs, timings, messages, rows, self.weights.copy()
        )


def summary_rows(session: LiveSession) -> list[tuple[str, str, str, str]]:
    """torchinfo's per-layer table of the live model: name, output shape, params, mult-adds."""
    import torchinfo

    s = session
    spec = s.spec
    if not _runs(s):
        return []
    stats = torchinfo.summary(s.model, input_size=(spec.batch, *spec.input_shape), device=s.device, verbose=0, depth=4)
    rows = []
    for info in stats.summary_list:
        name = "  " * max(0, info.depth - 1) + (info.var_name or info.class_name)
        out = "×".join(str(d) for d in info.output_size[1:]) if info.output_size else ""
        rows.append(
            (
                f"{name} ({info.class_name})",
                out,
                f"{info.num_params:,}" if info.num_params else "",
                f"{info.macs:,}" if info.macs else "",
            )
        )
    rows.append((t("total"), "", f"{stats.total_params:,}", f"{stats.total_mult_adds:,}"))
    return rows


def _runs(session: LiveSession) -> bool:
    from ..core.shapes import infer

    return infer(session.spec).ok
