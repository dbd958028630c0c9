"""Where a long network wraps into columns (or rows) to fill a 16:9 slide."""

from __future__ import annotations

import itertools
import math


def split(lengths: list[float], k: int) -> list[int]:
    """Indices where new columns start, so the longest column is as short as
    it can be (linear partition, exact; n is at most a few hundred)."""
    n = len(lengths)
    prefix = [0.0]
    for v in lengths:
        prefix.append(prefix[-1] + v)
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(1, n + 1):
            for m in range(j - 1, i):
                cost = max(best[j - 1][m], prefix[i] - prefix[m])
                if cost < best[j][i]:
                    best[j][i], cut[j][i] = cost, m
    cuts, i = [], n
    for j in range(k, 0, -1):
        i = cut[j][i]
        cuts.append(i)
    return sorted(c for c in cuts if c > 0)


def columns_for_slide(lengths: list[float], band: float, vertical: bool) -> list[int]:
    """Choose the number of columns (rows) whose drawing is closest to 16:9."""
    best_cuts: list[int] = []
    best_err = float("inf")
    prefix = [0.0]
    for v in lengths:
        prefix.append(prefix[-1] + v)
    for k in range(1, min(len(lengths), 12) + 1):
        cuts = split(lengths, k)
        bounds = [0, *cuts, len(lengths)]
        longest = max(prefix[b] - prefix[a] for a, b in itertools.pairwise(bounds))
        aspect = (k * band) / longest if vertical else longest / (k * band)
        err = abs(math.log(aspect / (16 / 9)))
        if err < best_err:
            best_cuts, best_err = cuts, err
    return best_cuts
