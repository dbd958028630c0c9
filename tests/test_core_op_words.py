"""Every layer kind has words (issue 11 §2): the shortcut lane's label and
`explain`'s recipe dispatch on the op's type, and an op without words of its own
shows its label or call instead of vanishing. Only the identity placeholder
(`Passthrough`, nn.Identity) says nothing: it keeps Sequential indices, it does
nothing to the tensor."""

from __future__ import annotations

from typing import get_args

import pytest

from resnet_viewer.core import i18n, ops
from resnet_viewer.core.choices import OP_KINDS
from resnet_viewer.core.explain import recipe_part
from resnet_viewer.core.graph_text import op_label, shortcut_part

# One instance of each class in the `Op` union; a new layer kind fails
# `test_the_samples_cover_the_op_union` until it is added here.
SAMPLES: tuple[ops.Op, ...] = (
    ops.Conv(64, 128, 1, stride=2),
    ops.BatchNorm(128),
    ops.ReLU(),
    ops.MaxPool(),
    ops.Pool("avg", 2),
    ops.Pool("max", 2),
    ops.Subsample(2),
    ops.ZeroPadChannels(128),
    ops.ZeroPadChannels(128, placement="both"),
    ops.Passthrough(),
    ops.GlobalAvgPool(),
    ops.Linear(512, 10),
)
WORDED = [op for op in SAMPLES if not isinstance(op, ops.Passthrough)]


@pytest.fixture(params=["en", "zh_CN"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_the_samples_cover_the_op_union() -> None:
    assert {type(op) for op in SAMPLES} == set(get_args(ops.Op))


def test_every_op_kind_is_one_of_op_kinds_and_each_is_used() -> None:
    assert {op.kind for op in SAMPLES} == set(OP_KINDS)


@pytest.mark.parametrize("op", WORDED, ids=lambda op: op.label)
def test_every_layer_has_a_shortcut_label_a_recipe_phrase_and_a_box_label(op: ops.Op, lang: str) -> None:
    assert shortcut_part(op)
    assert recipe_part(op, 64)
    assert op_label(op)


def test_the_identity_placeholder_says_nothing() -> None:
    assert shortcut_part(ops.Passthrough()) is None
    assert recipe_part(ops.Passthrough(), 64) is None


def test_layers_without_words_of_their_own_show_their_label_or_call() -> None:
    assert shortcut_part(ops.ReLU()) == "ReLU"
    assert shortcut_part(ops.Linear(512, 10)) == "fc 512→10"
    assert recipe_part(ops.ReLU(), 64) == "ReLU()"
    assert recipe_part(ops.Linear(512, 10), 64) == "Linear(512, 10)"
    assert recipe_part(ops.BatchNorm(128), 64) == "BatchNorm2d(128)"
    assert recipe_part(ops.Pool("avg", 2), 64) == "AvgPool2d(2, 2, ceil_mode=True, count_include_pad=False)"


def test_worded_layers_keep_their_words() -> None:
    assert shortcut_part(ops.Conv(64, 128, 1, stride=2)) == "conv1×1/2"
    assert shortcut_part(ops.BatchNorm(128)) == "BN"
    assert shortcut_part(ops.ZeroPadChannels(128)) == "zero-pad→128"
    assert shortcut_part(ops.ZeroPadChannels(128, placement="both")) == "zero-pad both sides→128"
    assert shortcut_part(ops.Subsample(2)) == "subsample/2"
    assert recipe_part(ops.Conv(64, 128, 1, stride=2), 64) == "conv1x1(64, 128, stride=2)"
    assert recipe_part(ops.Subsample(2), 64) == "every 2nd pixel is taken (x[:, :, ::2, ::2])"
    assert recipe_part(ops.ZeroPadChannels(128), 64) == "64 zero channels are appended"
    assert recipe_part(ops.ZeroPadChannels(128, placement="both"), 64) == (
        "32 zero channels are put before the input's channels and 32 after them"
    )
    assert op_label(ops.ZeroPadChannels(128, placement="both")) == "zero-pad both sides C→128"
