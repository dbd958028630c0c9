"""core/layout.py and core/partition.py on their own (no renderer): the layout's
geometric promises for presets and random specs, at every level, both orientations,
with and without the 16:9 fit; the slide partition against brute force."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resnet_viewer.core import graph, shortcuts
from resnet_viewer.core.compose import side_by_side
from resnet_viewer.core.drawing import Layout, text_width
from resnet_viewer.core.graph import Residual
from resnet_viewer.core.layout import layout
from resnet_viewer.core.partition import columns_for_slide, split
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer
from resnet_viewer.core.spec import ArchSpec
from resnet_viewer.core.theme import SMALL_SIZE

EPS = 0.01  # placement sums floats; a touch is not an overlap


def _overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.x + EPS < b.x + b.w and b.x + EPS < a.x + a.w and a.y + EPS < b.y + b.h and b.y + EPS < a.y + a.h


def check_layout(g: graph.Graph, lay: Layout, fit: str | None) -> None:
    """The promises in `layout`'s docstring."""
    assert set(lay.boxes) == set(g.nodes)
    boxes = sorted(lay.boxes.values(), key=lambda b: b.x)
    for i, a in enumerate(boxes):  # sweep along x: only boxes that start before `a` ends can overlap it
        for b in boxes[i + 1 :]:
            if b.x >= a.x + a.w:
                break
            assert not _overlap(a, b), f"{a.id} overlaps {b.id}"
    assert [w.edge for w in lay.wires] == list(g.edges)
    for w in lay.wires:
        assert len(w.points) >= 2
        dst = lay.boxes[w.edge.dst]
        x, y = w.points[-1]
        assert dst.x - 1 <= x <= dst.x + dst.w + 1 and dst.y - 1 <= y <= dst.y + dst.h + 1, f"{w.edge} ends off its box"
        lx, ly = w.label_at
        right = lx + (text_width(w.edge.label, SMALL_SIZE) if w.label_anchor == "start" else 0)
        assert lx >= 0 and right <= lay.width + EPS and 0 <= ly <= lay.height, f"label of {w.edge} off the canvas"
    frames = {f.group: f for f in lay.frames}
    residuals = [s for s in g.segments if isinstance(s, Residual)]
    assert set(frames) == {s.group for s in residuals}
    for s in residuals:
        f = frames[s.group]
        for nid in (*s.main, *s.shortcut, s.add, *s.after):
            b = lay.boxes[nid]
            assert f.x - EPS <= b.x and b.x + b.w <= f.x + f.w + EPS, f"{nid} sticks out of frame {s.group}"
            assert f.y - EPS <= b.y and b.y + b.h <= f.y + f.h + EPS, f"{nid} sticks out of frame {s.group}"
    for item in (*lay.boxes.values(), *lay.frames):
        assert (
            item.x >= 0 and item.y >= 0 and item.x + item.w <= lay.width + EPS and item.y + item.h <= lay.height + EPS
        )
    if fit == "16:9":
        assert lay.width / lay.height == pytest.approx(16 / 9, rel=1e-3)


@pytest.mark.parametrize("name", ["resnet18", "resnet50", "resnet20", "resnet50d"])
@pytest.mark.parametrize("level", graph.LEVELS)
def test_presets_lay_out_without_overlap_every_edge_labelled_frames_holding_their_blocks(name, level):
    report = infer(preset(name))
    g = graph.build(report, level)
    for orientation, fit in itertools.product(("vertical", "horizontal"), (None, "16:9")):
        check_layout(g, layout(g, orientation, fit, title="t" if fit else None, caption="c"), fit)


def test_a_mismatch_and_the_unknown_blocks_after_it_lay_out_the_same_way():
    spec = preset("resnet18").with_block_shortcut("layer2.0", "identity")
    g = graph.build(infer(spec), "op")
    assert g.nodes["layer2.0/add"].note  # the mismatch is drawn beside the add
    for orientation in ("vertical", "horizontal"):
        check_layout(g, layout(g, orientation), None)


@st.composite
def small_specs(draw) -> ArchSpec:  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 4))
    strides = draw(st.lists(st.sampled_from([1, 2]), min_size=n, max_size=n))
    names = [f"layer{s + 1}.{i}" for s in range(n) for i in range(2)]
    picked = draw(st.lists(st.sampled_from(names), unique=True, max_size=2))
    return ArchSpec(
        block=draw(st.sampled_from(["basic", "bottleneck"])),
        layers=[2] * n,
        widths=[draw(st.integers(1, 64)) for _ in range(n)],
        strides=strides,
        dilate=[False] * n,
        stem=draw(st.sampled_from(["cifar", "imagenet", "deep"])),
        shortcut=draw(st.sampled_from(shortcuts.NAMES)),
        block_shortcuts={b: draw(st.sampled_from(shortcuts.NAMES)) for b in picked},
        input_shape=(3, draw(st.integers(1, 96)), draw(st.integers(1, 96))),
    )


@settings(max_examples=40, derandomize=True, deadline=None)
@given(
    small_specs(),
    st.sampled_from(graph.LEVELS),
    st.sampled_from(["vertical", "horizontal"]),
    st.sampled_from([None, "16:9"]),
    st.booleans(),
)
def test_random_specs_keep_the_layout_promises(spec, level, orientation, fit, badges):
    g = graph.build(infer(spec), level)
    check_layout(g, layout(g, orientation, fit, badges), fit)


def test_side_by_side_panels_do_not_overlap_and_keep_their_wires():
    spec = preset("resnet50")
    panels, graphs = [], []
    for v in ("conv1x1", "avgpool-conv1x1", "zero-pad"):
        g = graph.build(infer(spec.with_block_shortcut("layer2.0", v)), "op", only_block="layer2.0")
        graphs.append(g)
        panels.append(layout(g))
    for fit in (None, "16:9"):
        lay = side_by_side(panels, ["a", "b", "c"], title="t", fit=fit)
        for i, (g, panel) in enumerate(zip(graphs, panels, strict=True)):
            assert {k for k in lay.boxes if k.startswith(f"v{i}:")} == {f"v{i}:{k}" for k in g.nodes}
            assert len([w for w in lay.wires if w.edge.src.startswith(f"v{i}:")]) == len(panel.wires)
        boxes = list(lay.boxes.values())
        assert not any(_overlap(a, b) for a, b in itertools.combinations(boxes, 2))
        if fit:
            assert lay.width / lay.height == pytest.approx(16 / 9, rel=1e-3)


def test_unknown_orientation_and_fit_are_refused_by_name():
    g = graph.build(infer(preset("resnet18")))
    with pytest.raises(ValueError, match="orientation: 'diagonal'"):
        layout(g, "diagonal")
    with pytest.raises(ValueError, match="fit: '4:3'"):
        layout(g, fit="4:3")


# ---- partition -------------------------------------------------------------


def _longest(lengths: list[float], cuts: list[int]) -> float:
    bounds = [0, *cuts, len(lengths)]
    return max(sum(lengths[a:b]) for a, b in itertools.pairwise(bounds))


def _brute_force_longest(lengths: list[float], k: int) -> float:
    """The shortest possible longest column over every way to cut into k columns."""
    return min(_longest(lengths, list(c)) for c in itertools.combinations(range(1, len(lengths)), k - 1))


lengths_strategy = st.lists(st.floats(1, 500, allow_nan=False), min_size=1, max_size=8)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(lengths_strategy, st.integers(1, 8))
def test_split_finds_the_shortest_longest_column_that_brute_force_finds(lengths, k):
    k = min(k, len(lengths))
    cuts = split(lengths, k)
    assert len(cuts) == k - 1 and cuts == sorted(set(cuts)) and all(0 < c < len(lengths) for c in cuts)
    assert _longest(lengths, cuts) == pytest.approx(_brute_force_longest(lengths, k))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(lengths_strategy, st.floats(20, 400), st.booleans())
def test_columns_for_slide_picks_the_column_count_closest_to_16_9(lengths, band, vertical):
    def error(k: int, longest: float) -> float:
        aspect = (k * band) / longest if vertical else longest / (k * band)
        return abs(math.log(aspect / (16 / 9)))

    cuts = columns_for_slide(lengths, band, vertical)
    chosen = error(len(cuts) + 1, _longest(lengths, cuts))
    best = min(error(k, _brute_force_longest(lengths, k)) for k in range(1, min(len(lengths), 12) + 1))
    assert chosen == pytest.approx(best, abs=1e-9)
