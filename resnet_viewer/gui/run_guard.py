"""The window's side of the memory guard: check a run before it is submitted,
keep the refused spec out of the settings, and say what a run will take."""

from __future__ import annotations

from ..core.memory import MemoryEstimate, fmt_bytes
from ..core.spec import ArchSpec
from ..live.memory_guard import MemoryRefused, check_memory


class RunGuard:
    def __init__(self) -> None:
        self.refused: ArchSpec | None = None  # the spec last refused: never saved as the one to reopen
        self.accepted: MemoryEstimate | None = None  # estimate of the run now on screen

    def check(self, spec: ArchSpec, device: str) -> tuple[MemoryEstimate | None, str | None]:
        """(estimate, None) when the run fits, (None, one-line refusal) when it does not.
        The session's current weights and activations are replaced by the run: they count as free
        (the trace on screen stays until the new one arrives, so it does not)."""
        held = 0 if self.accepted is None else self.accepted.peak_bytes - self.accepted.trace_bytes
        try:
            est = check_memory(spec, device, held=held, override="")
        except MemoryRefused as e:
            self.refused = spec
            return None, str(e)
        self.refused = None
        return est, None

    def spec_to_save(self, current: ArchSpec, last_run: ArchSpec | None) -> ArchSpec:
        return last_run if current == self.refused and last_run is not None else current


def memory_label(est: MemoryEstimate | None, captured: int | None = None) -> str:
    parts = [] if est is None else [f"run ≈ {fmt_bytes(est.peak_bytes)}"]
    if captured is not None:
        parts.append(f"trace {captured / 2**20:.0f} MB")
    return " · ".join(parts)
