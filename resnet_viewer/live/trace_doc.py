"""The JSON `resnet-viewer trace --json` prints (schema 2), as types: what
`trace_cli.trace_json` and the `to_dict` methods behind it promise a reader.
No imports beyond typing, so any layer may name these."""

from __future__ import annotations

from typing import Any, TypedDict

from ..core.choices import WeightsSource


class StatsDoc(TypedDict):
    """One branch's statistics (`TensorStats.to_dict`); shape is N x C x H x W."""

    shape: list[int]
    mean: float
    std: float
    min: float
    max: float
    zero_fraction: float
    norm: float


# `BlockTrace.to_dict`: one key per branch of trace.BRANCHES ("in" is a keyword,
# hence the functional form), None where the branch did not run.
BlockDoc = TypedDict(
    "BlockDoc",
    {
        "name": str,
        "in": StatsDoc | None,
        "main": StatsDoc | None,
        "shortcut": StatsDoc | None,
        "sum": StatsDoc | None,
        "out": StatsDoc | None,
        "shortcut_main_ratio": float | None,
        "error": str | None,
    },
)


class InputDoc(TypedDict):
    """The input the trace ran on (`trace_cli.source_dict`)."""

    kind: str  # "file" | "pattern"
    name: str
    param: int | None
    more: list[str]  # further image files of the batch
    shape: list[int]  # N, C, H, W


class WeightsDoc(TypedDict):
    """Where the weights come from (`pretrained.WeightsInfo.to_dict`)."""

    source: WeightsSource
    name: str | None
    loaded: int
    notes: list[str]


class Top5Doc(TypedDict):
    index: int
    label: str | None  # None where the head matches no known label set
    p: float


class TraceDoc(TypedDict):
    schema: int  # 2
    device: str
    torch: str
    input: InputDoc
    blocks: list[BlockDoc]
    spec: dict[str, Any]  # ArchSpec.to_dict
    weights: WeightsDoc
    top5: list[Top5Doc]
    timings_ms: dict[str, float]
    dropped: list[str]
