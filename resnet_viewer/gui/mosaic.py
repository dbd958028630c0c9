"""Channel mosaics and histograms for the activation panel (numpy only)."""

from __future__ import annotations

import math

import numpy as np

MODES = ("evenly spaced", "first N", "strongest N")


def pick_channels(t: np.ndarray, mode: str, n: int) -> list[int]:
    """Which channels of a C×H×W map to show. "evenly spaced" samples the
    whole range, so the zero channels that option A appends show up."""
    c = t.shape[0]
    n = min(n, c)
    if mode == "first N":
        return list(range(n))
    if mode == "strongest N":
        norms = np.sqrt((t.reshape(c, -1).astype(np.float64) ** 2).sum(axis=1))
        return sorted(np.argsort(-norms, kind="stable")[:n].tolist())
    return sorted({round(i * (c - 1) / max(n - 1, 1)) for i in range(n)})


def mosaic(t: np.ndarray, channels: list[int]) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Tiles in a near-square grid, NaN gaps between them. Returns the image
    (rows × cols, for display transposed by the caller) and each tile's
    (channel, top, left)."""
    _, h, w = t.shape
    n = len(channels)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    gap = max(1, min(h, w) // 16)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan, dtype=np.float32)
    tiles = []
    for k, ch in enumerate(channels):
        r, c = divmod(k, cols)
        top, left = r * (h + gap), c * (w + gap)
        out[top : top + h, left : left + w] = t[ch]
        tiles.append((ch, top, left))
    return out, tiles


def zero_channels(t: np.ndarray) -> np.ndarray:
    """Indices of channels that are exactly zero everywhere."""
    return np.flatnonzero(~t.reshape(t.shape[0], -1).any(axis=1))


def shared_histogram(arrays: dict[str, np.ndarray], bins: int = 64) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    lo = min(float(a.min()) for a in arrays.values())
    hi = max(float(a.max()) for a in arrays.values())
    if hi <= lo:
        hi = lo + 1.0
    edges = np.linspace(lo, hi, bins + 1)
    return edges, {k: np.histogram(a, bins=edges)[0] for k, a in arrays.items()}
