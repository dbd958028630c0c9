"""The graph's fixed sets (core/choices.py: node kinds, lanes, statuses, op kinds,
box shapes) are the values the graph and the layout actually produce — mypy holds
the literals in the code, this holds what is built at run time, and that no value
of a set has gone unused."""

from __future__ import annotations

from resnet_viewer.core import choices, graph, layout, shapes
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer


def _graphs() -> list[graph.Graph]:
    ok = infer(preset("resnet50"))
    broken = infer(preset("resnet50").with_changes(shortcut="identity"))  # an add that fails, blocks after it
    others = [infer(preset(name)) for name in ("resnet20", "resnet50d")]  # option A, a pooled shortcut
    return [graph.build(r, level) for r in (ok, broken, *others) for level in choices.GRAPH_LEVELS]


def test_the_graph_builds_exactly_the_declared_kinds() -> None:
    graphs = _graphs()
    nodes = [n for g in graphs for n in g.nodes.values()]
    edges = [e for g in graphs for e in g.edges]
    assert {n.kind for n in nodes} == set(choices.NODE_KINDS)
    assert {n.op_kind for n in nodes if n.kind == "op"} <= set(choices.OP_KINDS)
    assert all((n.op_kind is None) == (n.kind != "op") for n in nodes)
    assert {n.lane for n in nodes} - {None} == {e.lane for e in edges} == set(choices.LANES)
    assert {n.status for n in nodes} | {e.status for e in edges} == set(choices.STATUSES)
    shapes_drawn = {b.shape for g in graphs for b in layout.layout(g).boxes.values()}
    assert shapes_drawn == set(choices.BOX_SHAPES)


def test_the_status_constants_are_the_status_set() -> None:
    assert (shapes.OK, shapes.ERROR, shapes.UNKNOWN) == choices.STATUSES
