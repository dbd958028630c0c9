"""core/graph.py on its own (no layout, no renderer): what `build`'s docstring
promises, at every level, for whole networks, one stage, one block and overrides."""

from __future__ import annotations

import pytest

from resnet_viewer.core import graph
from resnet_viewer.core.graph import Chain, Residual
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import ERROR, UNKNOWN, fmt_shape, infer


def check_graph(g: graph.Graph) -> None:
    """Edges join existing nodes; every node is in exactly one segment; each block's
    two lanes leave one split node and meet at its add, then its ReLU."""
    placed = [
        n for s in g.segments for n in (s.nodes if isinstance(s, Chain) else (*s.main, *s.shortcut, s.add, *s.after))
    ]
    assert sorted(placed) == sorted(g.nodes), "every node in exactly one segment"
    for e in g.edges:
        assert e.src in g.nodes and e.dst in g.nodes
    incoming = {n: [e for e in g.edges if e.dst == n] for n in g.nodes}
    for s in g.segments:
        if not isinstance(s, Residual):
            continue
        for nid in (*s.main, *s.shortcut, s.add, *s.after):
            assert g.nodes[nid].group == s.group
        into_add = incoming[s.add]
        assert sorted(e.lane for e in into_add) == ["main", "shortcut"]
        first_main = incoming[s.main[0]][0].src
        first_short = (
            incoming[s.shortcut[0]][0].src if s.shortcut else next(e.src for e in into_add if e.lane == "shortcut")
        )
        assert first_main == first_short, f"{s.group}: the lanes leave one split node"
        assert [e.src for e in incoming[s.after[0]]] == [s.add]


@pytest.mark.parametrize("name", ["resnet18", "resnet50", "resnet20", "resnet50d", "resnext50_32x4d"])
@pytest.mark.parametrize("level", graph.LEVELS)
def test_every_preset_and_level_gives_a_well_formed_graph(name, level):
    report = infer(preset(name))
    g = graph.build(report, level)
    check_graph(g)
    residuals = [s for s in g.segments if isinstance(s, Residual)]
    assert len(residuals) == (0 if level == "stage" else len(report.blocks))
    assert g.edges[-1].dst == "output" and g.edges[-1].label == fmt_shape(report.head.out_shape[:2])


def test_edges_carry_the_shape_their_source_outputs_and_mark_where_it_changes():
    report = infer(preset("resnet18"))
    g = graph.build(report, "block")
    b = report.block("layer2.0")
    edge = {(e.src, e.dst): e for e in g.edges}
    main = edge["layer2.0/main", "layer2.0/add"]
    short = edge["layer2.0/shortcut", "layer2.0/add"]
    assert main.label == fmt_shape(b.main_shape) and main.changed  # stride 2 and more channels
    assert short.label == fmt_shape(b.shortcut_shape) and short.lane == "shortcut"
    assert edge["layer2.0/add", "layer2.0/relu"].label == fmt_shape(b.out_shape)
    split = edge["layer1.1/relu", "layer2.0/shortcut"]
    assert split.label == "" and not split.changed  # the identity's own tensor: unlabelled
    identity = edge["layer2.0/relu", "layer2.1/add"]  # identity shortcut: straight to the add
    assert identity.lane == "shortcut" and not identity.changed
    assert not next(s for s in g.segments if isinstance(s, Residual) and s.group == "layer2.1").shortcut


def test_op_level_has_one_node_per_op_and_no_node_for_an_identity():
    report = infer(preset("resnet50").with_block_shortcut("layer1.1", "zero-pad"))
    g = graph.build(report, "op")
    for b in report.blocks:
        ops = [n for n in g.nodes.values() if n.group == b.name and n.kind == "op"]
        expected = len(b.main_ops) + len([o for o in b.shortcut_ops if o.op.kind != "identity"])
        assert len(ops) == expected, b.name


def test_a_mismatch_is_an_error_at_its_add_and_everything_after_is_unknown():
    report = infer(preset("resnet18").with_block_shortcut("layer3.0", "identity"))
    g = graph.build(report, "block")
    add = g.nodes["layer3.0/add"]
    b = report.block("layer3.0")
    assert add.status == ERROR and fmt_shape(b.main_shape) in add.note and fmt_shape(b.shortcut_shape) in add.note
    assert g.nodes["layer4.0/add"].status == UNKNOWN and g.nodes["head"].status == UNKNOWN
    assert g.nodes["layer2.1/add"].status not in (ERROR, UNKNOWN)
    check_graph(g)


def test_overrides_collapse_a_stage_and_expand_a_block_in_place():
    report = infer(preset("resnet34"))
    g = graph.build(report, "block", {"layer2": "stage", "layer3.1": "op"})
    check_graph(g)
    assert g.nodes["layer2"].kind == "stage" and not any(n.group.startswith("layer2.") for n in g.nodes.values())
    assert any(n.kind == "op" for n in g.nodes.values() if n.group == "layer3.1")
    assert g.nodes["layer3.2/main"].kind == "main"
    # a block override inside a collapsed stage keeps the stage drawn block by block
    g = graph.build(report, "stage", {"layer3.1": "op"})
    assert "layer3" not in g.nodes and "layer3.0/main" in g.nodes and "layer2" in g.nodes


def test_one_block_and_one_stage_sit_between_an_input_and_an_output_node():
    report = infer(preset("resnet50"))
    g = graph.build(report, "op", only_block="layer3.0")
    check_graph(g)
    assert g.title == "layer3.0" and {n.group for n in g.nodes.values()} == {"", "layer3.0"}
    assert g.edges[0].src == "input" and g.edges[-1].dst == "output"
    g = graph.build(report, "block", only_stage=2)
    check_graph(g)
    assert g.title == "layer2" and len([s for s in g.segments if isinstance(s, Residual)]) == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "layer"}, "level: 'layer' is not allowed; allowed: "),
        ({"only_block": "layer9.0"}, "block: 'layer9.0' is not in this network; blocks are layer1.0"),
        ({"only_stage": 7}, "stage: 7 is not in this network; stages are 1 to 4"),
    ],
)
def test_bad_requests_are_refused_in_one_sentence(kwargs, message):
    with pytest.raises(ValueError) as e:
        graph.build(infer(preset("resnet18")), **kwargs)
    assert str(e.value).startswith(message)


def test_every_stem_has_its_summary_and_it_matches_the_stems_layers():
    from resnet_viewer.core.choices import STEMS
    from resnet_viewer.core.layers import stem_layers

    assert set(graph.STEM_SUMMARY) == set(STEMS)
    for stem in STEMS:
        spec = preset("resnet18").with_changes(stem=stem)
        convs = [op for _, op in stem_layers(spec) if op.kind == "conv"]
        box = graph.build(infer(spec), "block").nodes["stem"]
        assert box.detail == graph.STEM_SUMMARY[stem]
        assert f"{convs[0].kernel}×{convs[0].kernel}" in box.detail
