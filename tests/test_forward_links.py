"""Every line of a block's `forward` names a graph item that exists, at op,
block and stage detail, for every kind of block the app can draw."""

import pytest

from resnet_viewer import infer, preset
from resnet_viewer.core import graph as graphs
from resnet_viewer.core.forward_links import edge, forward_links, line_of, node
from resnet_viewer.core.python_view import forward_walk

CASES = [
    ("resnet18", "layer1.0"),  # basic, no downsample
    ("resnet18", "layer2.0"),  # basic, conv1x1 downsample
    ("resnet50", "layer1.0"),  # bottleneck, channel-only downsample (stride 1)
    ("resnet50", "layer2.1"),  # bottleneck, no downsample
    ("resnet50", "layer3.0"),  # bottleneck, strided downsample
    ("resnet50d", "layer1.0"),  # ResNet-D at stride 1: a pass-through (no box) before the conv
    ("resnet50d", "layer2.0"),  # ResNet-D: avgpool, conv, bn
    ("resnet20", "layer2.0"),  # CIFAR basic with conv1x1
]
SPECS = {
    "option A": preset("resnet20").with_changes(shortcut="zero-pad"),  # subsample + zero channels
    "avgpool-zero-pad": preset("resnet18").with_changes(shortcut="avgpool-zero-pad"),
}


def _spec(name):
    return SPECS[name] if name in SPECS else preset(name)


def _exists(g, target):
    if target[0] == "node":
        return target[1] in g.nodes
    return any((e.src, e.dst) == target[1:] for e in g.edges)


@pytest.mark.parametrize("net,block", [*CASES, ("option A", "layer2.0"), ("avgpool-zero-pad", "layer3.0")])
@pytest.mark.parametrize("level", ["op", "block", "stage"])
def test_every_line_links_to_an_item_that_is_drawn(net, block, level):
    report = infer(_spec(net))
    g = graphs.build(report, level)
    links = forward_links(report, g, block)
    rows = forward_walk(report.spec, report.block(block))
    assert [x.line for x in links] == [r["line"] for r in rows]  # the same lines, in the printed order
    for link in links:
        assert link.targets, link.line
        for t in link.targets:
            assert _exists(g, t), (link.line, t)
    if level == "stage":
        assert {t for x in links for t in x.targets} == {node(block.split(".")[0])}


@pytest.mark.parametrize("net,block", [*CASES, ("option A", "layer2.0")])
def test_op_level_lines_name_their_own_layer(net, block):
    report = infer(_spec(net))
    b = report.block(block)
    g = graphs.build(report, "op")
    links = {x.line.strip(): x for x in forward_links(report, g, block)}
    by_line = forward_links(report, g, block)
    # each main layer's line highlights that layer's box, in order
    main_lines = [x for x in by_line if x.line.startswith("out = self.")][: len(b.main_ops)]
    assert [x.targets for x in main_lines] == [(node(f"{block}/{o.name}"),) for o in b.main_ops]
    assert main_lines[-1].tensor == "main"  # the main branch's last layer is the branch
    assert links["out += identity"].targets == (node(f"{block}/add"),)
    assert links["out += identity"].tensor == "sum"
    assert by_line[-2].targets == (node(f"{block}/relu"),) and by_line[-2].tensor == "out"
    ret = by_line[-1].targets[0]
    assert ret[0] == "edge" and ret[1] == f"{block}/relu"  # return out: the wire leaving the block
    first = by_line[0]
    assert first.line == "identity = x" and first.tensor == "in"
    assert first.targets == (edge(first.targets[0][1], f"{block}/{b.main_ops[0].name}"),)
    seq = [x for x in by_line if x.line.strip().startswith("Sequential.forward")]
    assert len(seq) == len(b.shortcut_ops)
    for x, o in zip(seq, b.shortcut_ops, strict=True):
        if o.op.kind == "identity":  # a pass-through has no box: the wire it leaves unchanged
            assert x.targets[0][0] == "edge" and x.targets[0][2] == f"{block}/{b.shortcut_ops[1].name}"
        else:
            assert x.targets == (node(f"{block}/{o.name}"),)
    call = next(x for x in by_line if x.line.strip().startswith("identity = self.downsample"))
    if b.shortcut_ops:
        drawn = tuple(node(f"{block}/{o.name}") for o in b.shortcut_ops if o.op.kind != "identity")
        assert call.targets == drawn and call.tensor == "shortcut"
    else:  # no module: the identity lane, the wire from the split to the add
        assert call.targets == (edge(first.targets[0][1], f"{block}/add"),)


def test_block_level_main_lines_share_the_main_box_and_shortcut_lines_the_shortcut_box():
    report = infer(preset("resnet50"))
    g = graphs.build(report, "block")
    links = forward_links(report, g, "layer3.0")
    assert links[4].line == "out = self.conv2(out)" and links[4].targets == (node("layer3.0/main"),)
    assert links[4].tensor == "op:conv2" and links[4].shape == (1, 256, 14, 14)
    call = next(x for x in links if "self.downsample(x)" in x.line)
    assert call.targets == (node("layer3.0/shortcut"),)


def test_a_click_finds_the_first_line_of_the_item():
    report = infer(preset("resnet50"))
    g = graphs.build(report, "op")
    links = forward_links(report, g, "layer2.0")
    assert links[line_of(links, node("layer2.0/conv2"))].line == "out = self.conv2(out)"
    assert "if self.downsample" in links[line_of(links, node("layer2.0/downsample.0"))].line
    assert links[line_of(links, node("layer2.0/add"))].line == "out += identity"
    assert line_of(links, node("layer3.0/add")) is None  # another block's item: no line here
    g = graphs.build(report, "block")
    links = forward_links(report, g, "layer2.0")
    assert links[line_of(links, node("layer2.0/main"))].line == "out = self.conv1(x)"


def test_a_block_that_cannot_add_still_links_every_line():
    report = infer(preset("resnet18").with_block_shortcut("layer2.0", "identity"))
    g = graphs.build(report, "op")
    links = forward_links(report, g, "layer2.0")
    add = next(x for x in links if x.line.startswith("out += identity"))
    assert add.targets == (node("layer2.0/add"),) and add.shape is None


def test_a_click_on_a_wire_finds_its_line():
    report = infer(preset("resnet18"))
    g = graphs.build(report, "block")
    links = forward_links(report, g, "layer1.1")
    split = links[0].targets[0][1]
    assert line_of(links, edge(split, "layer1.1/main")) == 0  # the block's input wire: identity = x
    skip = line_of(links, edge(split, "layer1.1/add"))  # the identity lane
    assert links[skip].line.startswith("if self.downsample is not None")
    out = next(e for e in g.edges if e.src == "layer1.1/relu")
    assert links[line_of(links, edge(out.src, out.dst))].line == "return out"
