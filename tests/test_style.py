"""The window and the exported file draw every state the same: for both
themes, every node, wire, label and frame of figures that hold every state
(ok, changed shape, shortcut lane, error, unknown, selected) gets the same
colours, widths and dashes in the Qt scene as in the SVG."""

import xml.etree.ElementTree as ET

import pytest

from resnet_viewer import preset
from resnet_viewer.core import graph, style, theme
from resnet_viewer.core.layout import layout
from resnet_viewer.core.shapes import infer
from resnet_viewer.export import svg as svg_writer

NS = "{http://www.w3.org/2000/svg}"
BROKEN = preset("resnet50").with_block_shortcut("layer2.0", "identity")  # 512×28×28 ≠ 256×56×56
SELECTED = "layer1.1"


def figures():
    """Layouts that together hold every node, wire and frame state."""
    return {
        "broken blocks": layout(graph.build(infer(BROKEN), "block", {"layer4.0": "op", "layer3": "stage"})),
        "broken stages": layout(graph.build(infer(BROKEN), "stage"), "horizontal"),
        "ok ops": layout(graph.build(infer(preset("resnet50")), "op", only_stage=1)),
    }


def colour(c) -> str:
    return c.name()  # QColor -> "#rrggbb"


def stroke_of(el) -> tuple:
    dash = tuple(float(v) for v in el.get("stroke-dasharray", "").split())
    return (el.get("stroke"), float(el.get("stroke-width")), dash)


def stroke_of_pen(pen) -> tuple:
    w = pen.widthF()
    dash = tuple(round(d * w, 3) for d in pen.dashPattern()) if pen.style() != pen.style().SolidLine else ()
    return (colour(pen.color()), round(w, 3), dash)


def svg_parts(root):
    """id -> element groups of the SVG."""
    return {g.get("id"): g for g in root.iter(f"{NS}g") if g.get("id")}


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_screen_and_file_agree_on_every_state(qapp, theme_name):
    from resnet_viewer.gui.graph_scene import GraphScene

    t = theme.get(theme_name)
    seen_nodes, seen_wires, seen_frames = set(), set(), set()
    for lay in figures().values():
        root = ET.fromstring(svg_writer.to_svg(lay, t, selected=SELECTED))
        parts = svg_parts(root)
        scene = GraphScene(t)
        scene.show_layout(lay)
        scene.select_group(SELECTED)

        for nid, (box, items) in scene._boxes.items():
            g = parts[svg_writer._id("node-", nid)]
            shape_el = next(el for el in g if el.tag in (f"{NS}rect", f"{NS}circle"))
            qt_shape = items[0]
            assert stroke_of(shape_el) == stroke_of_pen(qt_shape.pen()), nid
            assert shape_el.get("fill") == colour(qt_shape.brush().color()), nid
            svg_texts = [el for el in g if el.tag == f"{NS}text"]
            assert [el.get("fill") for el in svg_texts] == [colour(i.brush().color()) for i in items[1:]], nid
            assert [el.get("font-weight") == "bold" for el in svg_texts] == [i.font().bold() for i in items[1:]], nid
            seen_nodes.add((box.shape, box.node.status))

        labels = iter(el for el in parts["labels"] if el.tag == f"{NS}text")
        for key, (wire, items) in scene._wires.items():
            g = parts[svg_writer._id("edge-", f"{key[0]}--{key[1]}")]
            line, arrow = g.find(f"{NS}polyline"), g.find(f"{NS}polygon")
            assert stroke_of(line) == stroke_of_pen(items[0].pen()), key
            assert arrow.get("fill") == colour(items[1].brush().color()), key
            if wire.edge.label:
                label = next(labels)
                assert label.text == items[2].text() == wire.edge.label
                assert label.get("fill") == colour(items[2].brush().color()), key
                assert (label.get("font-weight") == "bold") == items[2].font().bold(), key
            e = wire.edge
            seen_wires.add(
                "error" if e.status == "error" else e.status if e.status != "ok" else "changed" if e.changed else e.lane
            )

        for group, (frame, items) in scene._frames.items():
            rect = parts[svg_writer._id("frame-", group)].find(f"{NS}rect")
            qt = items[0]
            assert stroke_of(rect) == stroke_of_pen(qt.pen()), group
            if rect.get("fill") == "none":
                assert qt.brush().style() == qt.brush().style().NoBrush, group
            else:
                assert rect.get("fill") == colour(qt.brush().color())
                assert float(rect.get("fill-opacity")) == pytest.approx(qt.brush().color().alphaF(), abs=0.004)
            texts = [el.get("fill") for el in parts[svg_writer._id("frame-", group)] if el.tag == f"{NS}text"]
            assert texts == [colour(i.brush().color()) for i in items[1:]], group
            seen_frames.add("selected" if group == SELECTED else frame.status)
    # the figures did hold every state
    assert {
        ("circle", "ok"),
        ("circle", "error"),
        ("circle", "unknown"),
        ("rect", "ok"),
        ("rect", "error"),
        ("rect", "unknown"),
        ("pill", "ok"),
    } <= seen_nodes
    assert {"main", "shortcut", "changed", "error", "unknown"} <= seen_wires
    assert {"ok", "error", "unknown", "selected"} <= seen_frames


@pytest.mark.parametrize("t", [theme.LIGHT, theme.DARK])
def test_an_add_node_in_error_is_filled_with_the_error_fill_in_both_themes(t):
    lay = layout(graph.build(infer(BROKEN), "block", only_block="layer2.0"))
    add = lay.boxes["layer2.0/add"]
    assert style.node_style(add.node, add.shape, t).fill == t.error_fill
    svg = svg_writer.to_svg(lay, t)
    circle = svg_parts(ET.fromstring(svg))["node-layer2.0_add"].find(f"{NS}circle")
    assert circle.get("fill") == t.error_fill != t.fill("add")


def test_every_frame_state_is_distinct():
    for t in (theme.LIGHT, theme.DARK):
        states = [
            style.frame_style("ok", t),
            style.frame_style("error", t),
            style.frame_style("ok", t, override=True),
            style.frame_style("ok", t, selected=True),
        ]
        assert len(set(states)) == 4
