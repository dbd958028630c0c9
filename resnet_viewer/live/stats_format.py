"""How a branch's statistics are shown, by the CLI and the GUI alike.
No torch import: the GUI loads this before PyTorch is there."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .trace import TensorStats


def stats_cells(s: TensorStats) -> list[str]:
    """shape, mean, std, min, max, zeros, norm."""
    return [
        "×".join(map(str, s.shape[1:])),
        f"{s.mean:.4g}",
        f"{s.std:.4g}",
        f"{s.min:.4g}",
        f"{s.max:.4g}",
        f"{s.zero_fraction:.1%}",
        f"{s.norm:.4g}",
    ]
