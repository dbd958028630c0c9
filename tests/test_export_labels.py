"""Every edge label of every preset, at every level, is the shape `infer`
computes for the node the edge leaves; emphasis follows one rule: the edge
is bold when that node changed C, H or W."""

import pytest

from resnet_viewer import preset
from resnet_viewer.core import graph
from resnet_viewer.core.ops import fmt_shape
from resnet_viewer.core.presets import PRESETS
from resnet_viewer.core.shapes import ShapeReport, infer


def node_shapes(report: ShapeReport) -> dict[str, tuple]:
    """node id -> (what it receives, what it outputs), straight from the report."""
    shapes: dict[str, tuple] = {"input": (report.input_shape, report.input_shape)}
    prev = report.input_shape
    for o in report.stem.ops:
        shapes[f"stem/{o.name}"] = (prev, o.out_shape)
        prev = o.out_shape
    shapes["stem"] = (report.input_shape, report.stem.out_shape)
    for b in report.blocks:
        g = b.name
        shapes[f"{g}/main"] = (b.in_shape, b.main_shape)
        shapes[f"{g}/shortcut"] = (b.in_shape, b.shortcut_shape)
        shapes[f"{g}/add"] = (b.main_shape, b.out_shape)
        shapes[f"{g}/relu"] = (b.out_shape, b.out_shape)
        for ops in (b.main_ops, b.shortcut_ops):
            prev = b.in_shape
            for o in ops:
                shapes[f"{g}/{o.name}"] = (prev, o.out_shape)
                prev = o.out_shape
    for stage in range(1, report.spec.stage_count + 1):
        blocks = [b for b in report.blocks if b.plan.stage == stage]
        shapes[f"layer{stage}"] = (blocks[0].in_shape, blocks[-1].out_shape)
    logits = report.head.out_shape
    shapes["head"] = (report.blocks[-1].out_shape, logits and logits[:2])
    return shapes


def check_edges(g: graph.Graph, shapes: dict[str, tuple]) -> int:
    checked = 0
    for e in g.edges:
        src = g.nodes[e.src]
        received, produced = shapes[e.src]
        from_split = e.lane == "shortcut" and src.lane != "shortcut"  # the lane leaving the split
        if from_split and e.dst != f"{g.nodes[e.dst].group}/add":
            assert e.label == "", e  # the same tensor as the main input: unlabelled
        else:
            assert e.label == fmt_shape(produced), f"{e.src} → {e.dst}: {e.label} but infer says {fmt_shape(produced)}"
        want_bold = not from_split and None not in (received, produced) and received[1:] != produced[1:]
        assert e.changed == want_bold, f"{e.src} → {e.dst} ({fmt_shape(received)} → {e.label}): changed={e.changed}"
        checked += 1
    return checked


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("level", graph.LEVELS)
def test_every_edge_label_equals_infer_and_bold_means_the_source_changed_the_shape(name, level):
    report = infer(preset(name))
    g = graph.build(report, level)
    assert check_edges(g, node_shapes(report)) == len(g.edges)


@pytest.mark.parametrize("level", ["block", "op"])
def test_single_block_and_stage_figures_label_every_edge_right(level):
    report = infer(preset("resnet50"))
    shapes = node_shapes(report)
    for blk in ("layer1.0", "layer2.0", "layer3.3"):
        g = graph.build(report, level, only_block=blk)
        b = report.block(blk)
        shapes_here = {**shapes, "input": (b.in_shape, b.in_shape)}
        edges = [e for e in g.edges if e.dst != "output"]  # "out" is the block's output: its label is the ReLU's
        check_edges(graph.Graph(g.nodes, tuple(edges), g.segments), shapes_here)
    g = graph.build(report, level, only_stage=3)
    first = next(b for b in report.blocks if b.plan.stage == 3)
    edges = [e for e in g.edges if e.dst != "output"]
    check_edges(graph.Graph(g.nodes, tuple(edges), g.segments), {**shapes, "input": (first.in_shape,) * 2})


def test_the_logits_edge_carries_the_logits():
    g = graph.build(infer(preset("resnet18")), "block")
    assert g.edge("head", "output").label == "1×1000"
    assert g.edge("head", "output").changed


def test_op_level_emphasis_follows_the_layer_that_changed_the_shape():
    g = graph.build(infer(preset("resnet50")), "op")
    # the shortcut's strided 1×1 conv changes 256×56×56 → 512×28×28; its BN does not
    assert g.edge("layer2.0/downsample.0", "layer2.0/downsample.1").changed
    assert not g.edge("layer2.0/downsample.1", "layer2.0/add").changed
    # conv1×1 256→128 changes the channels; BN and ReLU after it do not
    assert g.edge("layer2.0/conv1", "layer2.0/bn1").changed
    assert not g.edge("layer2.0/bn1", "layer2.0/relu1").changed
    assert not g.edge("layer2.0/add", "layer2.0/relu").changed
