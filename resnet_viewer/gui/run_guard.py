"""The window's side of the memory guard: check a run before it is submitted,
keep the refused spec out of the settings, and say what a run will take."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.memory import MemoryEstimate, estimate, fmt_bytes
from ..core.shapes import ShapeReport, infer
from ..core.spec import ArchSpec
from ..live.memory_guard import MemoryRefused, check_memory


class RunGuard:
    def __init__(self) -> None:
        self.refused: ArchSpec | None = None  # the spec last refused: never saved as the one to reopen
        self.accepted: MemoryEstimate | None = None  # estimate of the run now on screen
        self.last_fit: ArchSpec | None = None  # the last spec that passed the check

    def check(
        self, spec: ArchSpec, device: str, report: ShapeReport | None = None
    ) -> tuple[MemoryEstimate | None, str | None]:
        """(estimate, None) when the run fits, (None, one-line refusal) when it does not.
        The session's current weights and activations are replaced by the run: they count as free
        (the trace on screen stays until the new one arrives, so it does not)."""
        held = 0 if self.accepted is None else self.accepted.peak_bytes - self.accepted.trace_bytes
        try:
            est = check_memory(spec, device, held=held, override="", report=report)
        except MemoryRefused as e:
            self.refused = spec
            return None, str(e)
        self.refused, self.last_fit = None, spec
        return est, None

    def ran(self, spec: ArchSpec, device: str) -> None:
        """A run finished: its memory is the session's now (freed for the next run)."""
        self.accepted = estimate(infer(spec), on_cpu=device == "cpu")

    def spec_to_save(self, current: ArchSpec) -> ArchSpec:
        """The spec to reopen next time: never one this machine refused to run."""
        return self.last_fit if current == self.refused and self.last_fit is not None else current


def memory_label(est: MemoryEstimate | None, captured: int | None = None) -> str:
    parts = (
        []
        if est is None
        else [QCoreApplication.translate("RunGuard", "run ≈ {size}").format(size=fmt_bytes(est.peak_bytes))]
    )
    if captured is not None:
        parts.append(QCoreApplication.translate("RunGuard", "trace {size} MB").format(size=f"{captured / 2**20:.0f}"))
    return " · ".join(parts)
