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
    # an int bin count with a range takes numpy's equal-width path (no sort): several times faster
    return edges, {k: np.histogram(a, bins=bins, range=(lo, hi))[0] for k, a in arrays.items()}


LEVEL_MODES = ("robust, each map", "robust, shared", "shared ±max", "each map min…max")
ROBUST_PERCENTILE = 99.0  # a few hot pixels must not turn everything else pale
ROBUST_SAMPLES = 16_384  # a strided sample: the 99th percentile of a map to within a few per cent


def robust_bound(a: np.ndarray) -> float:
    """The 99th percentile of |a| over its finite values (a strided sample of big maps)."""
    flat = a.reshape(-1)
    flat = flat[:: max(1, flat.size // ROBUST_SAMPLES)]
    flat = np.abs(flat[np.isfinite(flat)])
    if flat.size == 0:
        return 1.0
    k = min(flat.size - 1, int(flat.size * ROBUST_PERCENTILE / 100))
    return float(np.partition(flat, k)[k]) or float(flat.max()) or 1.0


def levels_for(pictures: dict[str, np.ndarray], mode: str) -> tuple[dict[str, tuple[float, float]], bool]:
    """Colour levels per picture, and whether they are one scale shared by all.
    Symmetric levels keep 0 at the centre of a diverging map."""
    if mode == "each map min…max":
        out = {}
        for k, p in pictures.items():
            lo, hi = float(np.nanmin(p)), float(np.nanmax(p))
            out[k] = (lo, hi if hi > lo else lo + 1.0)
        return out, False
    if mode == "robust, each map":
        return {k: (-(b := robust_bound(p)), b) for k, p in pictures.items()}, False
    if mode == "robust, shared":
        bound = max((robust_bound(p) for p in pictures.values()), default=1.0)
    else:  # shared ±max
        bound = max((float(np.nanmax(np.abs(p))) for p in pictures.values()), default=1.0) or 1.0
    return {k: (-bound, bound) for k in pictures}, True
