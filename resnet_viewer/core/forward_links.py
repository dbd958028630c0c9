"""Code ↔ graph: which graph item each line of a block's `forward` produces,
and which captured tensor holds what that line computed.

One row per row of `python_view.forward_walk` (the printed `forward`, with
`self.downsample(x)` expanded into what `Sequential.forward` runs), so the
window's Python view, its stepping and its graph highlight agree by
construction. Qt-free, torch-free: the mapping is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import Graph
from .python_view import forward_walk
from .shapes import ShapeReport

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
    g = name
    rows = forward_walk(report.spec, b)
    main_ids = [f"{g}/{o.name}" for o in b.main_ops]
    collapsed = f"{g}/add" not in graph.nodes  # drawn inside a collapsed stage: the stage stands for every line
    stage = name.split(".")[0]
    stage_targets = (node(stage),) if stage in graph.nodes else ()
    op_level = bool(main_ids) and main_ids[0] in graph.nodes
    first_main = main_ids[0] if op_level else f"{g}/main"
    split = next((e.src for e in graph.edges if e.dst == first_main), "")
    # the shortcut lane as drawn: a node per drawn layer (None where a layer has no box, e.g. a pass-through)
    lane: list[str | None]
    if op_level:
        lane = [f"{g}/{o.name}" if f"{g}/{o.name}" in graph.nodes else None for o in b.shortcut_ops]
    else:
        lane = [f"{g}/shortcut"] if f"{g}/shortcut" in graph.nodes else []
    drawn = [n for n in lane if n is not None]
    short_whole: tuple[Target, ...] = tuple(node(n) for n in drawn) or (edge(split, f"{g}/add"),)
    relu_out = graph.out_edges(f"{g}/relu")

    def shortcut_op(j: int) -> Target:
        if not op_level:
            return node(drawn[0]) if drawn else edge(split, f"{g}/add")
        if lane[j] is not None:
            return node(lane[j])  # type: ignore[arg-type]
        before = next((n for n in reversed(lane[:j]) if n is not None), split)
        after = next((n for n in lane[j + 1 :] if n is not None), f"{g}/add")
        return edge(before, after)  # a layer without a box: the wire carrying its (unchanged) output

    links: list[LineLink] = []
    main_i = short_j = 0
    n_main, n_short = len(b.main_ops), len(b.shortcut_ops)
    after_add = False
    for r in rows:
        text = r["line"].strip()
        if text.startswith("identity = x"):
            targets: tuple[Target, ...] = (edge(split, first_main),)
            tensor = "in"
        elif text.startswith("out = self.") and not after_add and main_i < n_main:
            o = b.main_ops[main_i]
            targets = (node(main_ids[main_i] if op_level else f"{g}/main"),)
            tensor = "main" if main_i == n_main - 1 else f"op:{o.name}"
            main_i += 1
        elif text.startswith("if self.downsample"):
            targets, tensor = short_whole, ""
        elif text.startswith("identity = self.downsample"):
            targets, tensor = short_whole, "shortcut"
        elif text.startswith("Sequential.forward") and short_j < n_short:
            targets = (shortcut_op(short_j),)
            tensor = "shortcut" if short_j == n_short - 1 else f"op:{b.shortcut_ops[short_j].name}"
            short_j += 1
        elif text.startswith("out += identity"):
            targets, tensor, after_add = (node(f"{g}/add"),), "sum", True
        elif text.startswith("out = self.relu"):
            targets, tensor = (node(f"{g}/relu"),), "out"
        elif text.startswith("return out"):
            targets = (edge(g + "/relu", relu_out[0].dst),) if relu_out else (node(f"{g}/relu"),)
            tensor = "out"
        else:  # a line forward_walk gained later: say so in tests rather than guess
            raise ValueError(f"forward line {text!r} has no graph link")
        links.append(LineLink(r["line"], _shape(r["shape"]), stage_targets if collapsed else targets, tensor))
    return links


def line_of(links: list[LineLink], target: Target) -> int | None:
    """The first line whose graph item is `target` (a click on the graph), or None."""
    return next((i for i, link in enumerate(links) if target in link.targets), None)


def _shape(shape: list[int] | None) -> tuple[int, ...] | None:
    return None if shape is None else tuple(shape)
