"""core/choices: every fixed set is defined once and the places that offer or
check it read that definition; a block name is built and read by BlockName."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resnet_viewer import preset
from resnet_viewer.core import choices, graph, spec, theme
from resnet_viewer.core.choices import BlockName, stage_of
from resnet_viewer.export import options


@given(st.integers(1, 99), st.integers(0, 999))
def test_a_block_name_round_trips(stage: int, index: int) -> None:
    name = BlockName(stage, index)
    assert str(name) == f"layer{stage}.{index}"
    assert BlockName.parse(str(name)) == name and BlockName.is_block(str(name))
    assert name.stage_name == stage_of(str(name)) == f"layer{stage}"


@pytest.mark.parametrize("text", ["layer2", "stem", "head", "layer0.1", "layer2.01", "layer2.0/conv1", "layer2.x", ""])
def test_anything_else_is_not_a_block_name(text: str) -> None:
    assert not BlockName.is_block(text)
    with pytest.raises(ValueError, match=r"block names look like layer2\.0"):
        BlockName.parse(text)


def test_block_names_are_ordered_as_the_network_runs() -> None:
    names = preset("resnet50").block_names()
    assert sorted(names, key=BlockName.parse) == names


def test_the_spec_graph_and_export_read_the_one_definition() -> None:
    assert (spec.BLOCK_TYPES, spec.STEMS, spec.STRIDE_ON) == (choices.BLOCK_TYPES, choices.STEMS, choices.STRIDE_ON)
    assert graph.LEVELS == choices.GRAPH_LEVELS and options.LEVELS == choices.FIGURE_LEVELS
    assert set(theme.THEMES) == set(choices.THEME_NAMES)
    p = argparse.ArgumentParser()
    options.add_export_options(p)
    offered = {a.dest: tuple(a.choices) for a in p._actions if a.choices}
    assert offered["level"] == choices.FIGURE_LEVELS
    assert offered["orientation"] == choices.ORIENTATIONS
    assert offered["theme"] == choices.THEME_NAMES


def test_exit_codes_are_plain_ints_for_the_shell() -> None:
    assert [int(c) for c in choices.ExitCode] == [0, 1, 2]
    assert f"{choices.EXIT_BAD_INPUT}" == "2"
