"""The fixed sets of values, each defined once: a `Literal` type for the checker
and a tuple of its values (in display order) for CLI choices, combo boxes and
validation. Sets that are registries live with their entries instead: shortcut
variants in `core/shortcuts.VARIANTS`, export formats in `export/formats`.

Also the block name, `layer{stage}.{index}` as torchvision names its modules,
as a small value type: built and read here, nowhere else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Final, Literal, get_args

BlockType = Literal["basic", "bottleneck"]
BLOCK_TYPES: Final[tuple[BlockType, ...]] = get_args(BlockType)

Stem = Literal["imagenet", "cifar", "deep"]
STEMS: Final[tuple[Stem, ...]] = get_args(Stem)

StrideOn = Literal["3x3", "1x1"]  # where a bottleneck strides: its 3×3 (v1.5) or its first 1×1 (v1)
STRIDE_ON: Final[tuple[StrideOn, ...]] = get_args(StrideOn)

# "level" is two things: how much of each part of the graph is drawn (GraphLevel,
# core/graph.py), and what a figure shows (FigureLevel: "network" is the whole
# network at block detail, export/options.py).
GraphLevel = Literal["stage", "block", "op"]
GRAPH_LEVELS: Final[tuple[GraphLevel, ...]] = get_args(GraphLevel)
FigureLevel = Literal["network", "stage", "block", "op"]
FIGURE_LEVELS: Final[tuple[FigureLevel, ...]] = get_args(FigureLevel)

# Where a network's weights came from: its seeded random init, a file, or the catalogue
# (`--weights pretrained`, core/catalogue.py).
WeightsSource = Literal["random", "file", "pretrained"]
WEIGHTS_SOURCES: Final[tuple[WeightsSource, ...]] = get_args(WeightsSource)
PRETRAINED: Final[WeightsSource] = "pretrained"

# How a shortcut pools (core/ops.Pool), and where zero channels go (core/ops.ZeroPadChannels:
# all after the input's, or split before and after as the popular CIFAR code does).
PoolMode = Literal["avg", "max"]
POOL_MODES: Final[tuple[PoolMode, ...]] = get_args(PoolMode)
PadPlacement = Literal["end", "both"]
PAD_PLACEMENTS: Final[tuple[PadPlacement, ...]] = get_args(PadPlacement)

# How a stage downsamples (ArchSpec.with_stage_stride): stride 1, stride 2, or dilation instead.
StageMode = Literal["1", "2", "dilate"]
STAGE_MODES: Final[tuple[StageMode, ...]] = get_args(StageMode)

# What a figure is fitted to: a 16:9 slide (long networks wrap into columns or rows).
Fit = Literal["16:9"]
FITS: Final[tuple[Fit, ...]] = get_args(Fit)

Orientation = Literal["vertical", "horizontal"]
ORIENTATIONS: Final[tuple[Orientation, ...]] = get_args(Orientation)

ThemeName = Literal["light", "dark"]
THEME_NAMES: Final[tuple[ThemeName, ...]] = get_args(ThemeName)

# The diagram's graph (core/graph.py): what a node stands for, which lane of a block an
# edge or node runs in, and the state of a part (core/shapes.py: it runs, it cannot run,
# or it comes after one that cannot, so its shapes are unknown).
NodeKind = Literal["input", "stem", "stage", "main", "shortcut", "add", "relu", "op", "head", "output"]
NODE_KINDS: Final[tuple[NodeKind, ...]] = get_args(NodeKind)
Lane = Literal["main", "shortcut"]
LANES: Final[tuple[Lane, ...]] = get_args(Lane)
Status = Literal["ok", "error", "unknown"]
STATUSES: Final[tuple[Status, ...]] = get_args(Status)

# What a layer descriptor (core/ops.py) is, its `kind`: an op node's `op_kind` and its fill.
OpKind = Literal["conv", "bn", "relu", "maxpool", "avgpool", "subsample", "zeropad", "identity", "linear"]
OP_KINDS: Final[tuple[OpKind, ...]] = get_args(OpKind)

# How the layout draws a node, and where a text stands relative to its point (SVG's text-anchor).
BoxShape = Literal["rect", "pill", "circle"]
BOX_SHAPES: Final[tuple[BoxShape, ...]] = get_args(BoxShape)
TextAnchor = Literal["start", "middle", "end"]
TEXT_ANCHORS: Final[tuple[TextAnchor, ...]] = get_args(TextAnchor)

# The tensors traced per block: its input, the two branches, their sum, the output after ReLU.
Branch = Literal["in", "main", "shortcut", "sum", "out"]
BRANCHES: Final[tuple[Branch, ...]] = get_args(Branch)


class ExitCode(IntEnum):
    """Every subcommand's exit status."""

    OK = 0
    CANNOT_RUN = 1  # the input was fine, the network cannot run it (a shape mismatch, a refused device)
    BAD_INPUT = 2  # an option, file or value was refused


EXIT_OK: Final = ExitCode.OK
EXIT_CANNOT_RUN: Final = ExitCode.CANNOT_RUN
EXIT_BAD_INPUT: Final = ExitCode.BAD_INPUT

_BLOCK = re.compile(r"layer([1-9][0-9]*)\.(0|[1-9][0-9]*)")
_STAGE = re.compile(r"layer([1-9][0-9]*)")


@dataclass(frozen=True, order=True)
class BlockName:
    """A residual block: stage 1-based (torchvision's `layer1`…), index 0-based within it."""

    stage: int
    index: int

    def __str__(self) -> str:
        return f"layer{self.stage}.{self.index}"

    @property
    def stage_name(self) -> str:
        return stage_name(self.stage)

    @classmethod
    def parse(cls, text: str) -> BlockName:
        """`layer2.0` → BlockName(2, 0); anything else raises ValueError saying what a name looks like."""
        m = _BLOCK.fullmatch(text)
        if m is None:
            raise ValueError(f"{text!r} is not a block name; block names look like layer2.0")
        return cls(int(m.group(1)), int(m.group(2)))

    @staticmethod
    def is_block(text: str) -> bool:
        """A block's name (not a stage's, the stem's or the head's)."""
        return _BLOCK.fullmatch(text) is not None


def stage_name(stage: int) -> str:
    """The module name of stage `stage` (1-based): `layer2`."""
    return f"layer{stage}"


def stage_number(text: str) -> int | None:
    """`layer2` → 2; None for anything that is not a stage's name (a block's, the stem's)."""
    m = _STAGE.fullmatch(text)
    return int(m.group(1)) if m else None


def stage_of(group: str) -> str:
    """The stage a graph group belongs to: `layer2.1` → `layer2`; a stage or the stem is its own."""
    return group.partition(".")[0]
