"""Code ↔ graph: which graph item each line of a block's `forward` produces,
and which captured tensor holds what that line computed.

One row per row of `python_view.forward_walk` (the printed `forward`, with
`self.downsample(x)` expanded into what `Sequential.forward` runs), so the
window's Python view, its stepping and its graph highlight agree by
construction. Qt-free, torch-free: the mapping is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .choices import BlockName
from .graph import Graph
from .python_view import forward_walk
from .shapes import BlockReport, ShapeReport

# a graph item: ("node", id) or ("edge", src, dst)
Target = tuple[str, ...]


@dataclass(frozen=True)
class LineLink:
    line: str  # as forward_walk prints it
    shape: tuple[int, ...] | None  # N×C×H×W after the line; None where the line computes no tensor
    targets: tuple[Target, ...]  # what the graph highlights for this line
    tensor: str  # what the activation panel shows: a branch of the block trace ("in", "main",
    # "shortcut", "sum", "out"), "op:NAME" for one layer's output, or "" (nothing computed)


def node(nid: str) -> Target:
    return ("node", nid)


def edge(src: str, dst: str) -> Target:
    return ("edge", src, dst)


def forward_links(report: ShapeReport, graph: Graph, name: str) -> list[LineLink]:
    """For block `name`, each line of `forward` with the graph item it produces
    in `graph` (at whatever level that block is drawn: op, block, or inside a
    collapsed stage). Raises KeyError for an unknown block."""
    b = report.block(name)
    walk = _Walk(b, graph, name)
    stage = BlockName.parse(name).stage_name
    collapsed = f"{name}/add" not in graph.nodes  # drawn inside a collapsed stage: the stage stands for every line
    stage_targets = (node(stage),) if stage in graph.nodes else ()
    links: list[LineLink] = []
    for r in forward_walk(report.spec, b):
        targets, tensor = walk.link(r["line"].strip())
        links.append(LineLink(r["line"], _shape(r["shape"]), stage_targets if collapsed else targets, tensor))
    return links


class _Walk:
    """The graph items of one block as drawn, and where `forward` has got to."""

    def __init__(self, b: BlockReport, graph: Graph, name: str) -> None:
        g = self.g = name
        self.b = b
        self.main_ids = [f"{g}/{o.name}" for o in b.main_ops]
        self.op_level = bool(self.main_ids) and self.main_ids[0] in graph.nodes
        self.first_main = self.main_ids[0] if self.op_level else f"{g}/main"
        self.split = next((e.src for e in graph.edges if e.dst == self.first_main), "")
        # the shortcut lane as drawn: a node per drawn layer (None where a layer has no box, e.g. a pass-through)
        self.lane: list[str | None]
        if self.op_level:
            self.lane = [f"{g}/{o.name}" if f"{g}/{o.name}" in graph.nodes else None for o in b.shortcut_ops]
        else:
            self.lane = [f"{g}/shortcut"] if f"{g}/shortcut" in graph.nodes else []
        self.drawn = [n for n in self.lane if n is not None]
        self.short_whole: tuple[Target, ...] = tuple(node(n) for n in self.drawn) or (edge(self.split, f"{g}/add"),)
        self.relu_out = graph.out_edges(f"{g}/relu")
        self.main_i = self.short_j = 0
        self.after_add = False
        # each line kind of forward, by how it starts (order matters: the first match wins)
        self.kinds: tuple[tuple[str, Callable[[], tuple[tuple[Target, ...], str]]], ...] = (
            ("identity = x", lambda: ((edge(self.split, self.first_main),), "in")),
            ("out = self.", self._out_line),
            ("if self.downsample", lambda: (self.short_whole, "")),
            ("identity = self.downsample", lambda: (self.short_whole, "shortcut")),
            ("Sequential.forward", self._shortcut_layer),
            ("out += identity", self._add),
            ("return out", self._output),
        )

    def link(self, text: str) -> tuple[tuple[Target, ...], str]:
        for prefix, handler in self.kinds:
            if text.startswith(prefix):
                return handler()
        raise ValueError(f"forward line {text!r} has no graph link")  # a line forward_walk gained later

    def _out_line(self) -> tuple[tuple[Target, ...], str]:
        """`out = self.<layer>(...)`: the next main-branch layer, or the final ReLU after the add."""
        if self.after_add or self.main_i >= len(self.b.main_ops):
            return (node(f"{self.g}/relu"),), "out"
        i, self.main_i = self.main_i, self.main_i + 1
        tensor = "main" if i == len(self.b.main_ops) - 1 else f"op:{self.b.main_ops[i].name}"
        return (node(self.main_ids[i] if self.op_level else f"{self.g}/main"),), tensor

    def _shortcut_layer(self) -> tuple[tuple[Target, ...], str]:
        j, n = self.short_j, len(self.b.shortcut_ops)
        if j >= n:
            raise ValueError("forward has more downsample lines than the shortcut has layers")
        self.short_j += 1
        return (self._shortcut_target(j),), "shortcut" if j == n - 1 else f"op:{self.b.shortcut_ops[j].name}"

    def _shortcut_target(self, j: int) -> Target:
        if not self.op_level:
            return node(self.drawn[0]) if self.drawn else edge(self.split, f"{self.g}/add")
        here = self.lane[j]
        if here is not None:
            return node(here)
        before = next((n for n in reversed(self.lane[:j]) if n is not None), self.split)
        after = next((n for n in self.lane[j + 1 :] if n is not None), f"{self.g}/add")
        return edge(before, after)  # a layer without a box: the wire carrying its (unchanged) output

    def _add(self) -> tuple[tuple[Target, ...], str]:
        self.after_add = True
        return (node(f"{self.g}/add"),), "sum"

    def _output(self) -> tuple[tuple[Target, ...], str]:
        if self.relu_out:
            return (edge(self.g + "/relu", self.relu_out[0].dst),), "out"
        return (node(f"{self.g}/relu"),), "out"


def line_of(links: list[LineLink], target: Target) -> int | None:
    """The first line whose graph item is `target` (a click on the graph), or None."""
    return next((i for i, link in enumerate(links) if target in link.targets), None)


def _shape(shape: list[int] | None) -> tuple[int, ...] | None:
    return None if shape is None else tuple(shape)
