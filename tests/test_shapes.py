"""Analytic shapes, parameters and diagnosis (no torch)."""

import pytest

from resnet_viewer import PRESETS, infer, preset
from resnet_viewer.core.ops import fmt_shape

PUBLISHED_PARAMS = {
    "resnet18": 11_689_512,
    "resnet34": 21_797_672,
    "resnet50": 25_557_032,
    "resnet101": 44_549_160,
    "resnet152": 60_192_808,
    "resnext50_32x4d": 25_028_904,
    "wide_resnet50_2": 68_883_240,
    "resnet50d": 25_576_264,
    "resnet20": 269_722,
    # the rest of the CIFAR family by the same rule: each extra pair of blocks per stage
    "resnet32": 464_154,
    "resnet44": 658_586,
    "resnet56": 853_018,
    "resnet110": 1_727_962,
}


@pytest.mark.parametrize("name", list(PRESETS))
def test_parameter_count_equals_the_published_one(name):
    assert infer(PRESETS[name]).total_params == PUBLISHED_PARAMS[name]


def test_resnet50_shapes_are_the_familiar_ones():
    r = infer(preset("resnet50"))
    assert fmt_shape(r.stem.out_shape) == "64×56×56"
    b = r.block("layer2.0")
    assert (fmt_shape(b.in_shape), fmt_shape(b.main_shape), fmt_shape(b.out_shape)) == (
        "256×56×56",
        "512×28×28",
        "512×28×28",
    )
    assert b.shortcut_params == 256 * 512 + 2 * 512
    assert r.output_shape == (1, 1000)
    assert r.block("layer4.2").jump == 32


def test_identity_with_stride_two_names_block_both_shapes_and_fix():
    r = infer(preset("resnet50").with_block_shortcut("layer2.0", "identity"))
    assert not r.ok
    err = r.block("layer2.0")
    assert err.status == "error"
    assert "layer2.0" in err.error and "512×28×28" in err.error and "256×56×56" in err.error
    assert "conv1x1" in err.error
    assert all(b.status == "unknown" for b in r.blocks if b.plan.stage > 2 or b.name == "layer2.1")
    assert r.block("layer1.2").status == "ok"
    assert r.output_shape is None


def test_zero_pad_cannot_reduce_channels():
    # a stage narrower than the one before: zero padding has nothing to pad
    spec = preset("resnet20").with_changes(widths=(16, 32, 8))
    err = infer(spec).first_error
    assert err is not None and err.name == "layer3.0"
    assert "32×8×8" in err.error or "32×" in err.error
    assert "conv1x1" in err.error and "zero-pad" not in err.error.split("fit here:")[1]


def test_option_a_and_d_keep_shapes_and_cost_nothing_or_a_projection():
    a = infer(preset("resnet50").with_changes(shortcut="zero-pad"))
    assert a.ok and a.block("layer2.0").shortcut_params == 0
    assert a.block("layer1.0").shortcut_params == 0  # 64 -> 256 channels by zeros
    d = infer(preset("resnet50").with_changes(shortcut="avgpool-conv1x1"))
    assert d.total_params == infer(preset("resnet50")).total_params


def test_dilation_replaces_stride_like_torchvision():
    r = infer(preset("resnet50").with_changes(strides=(1, 2, 2, 2), dilate=(False, False, True, True)))
    assert fmt_shape(r.block("layer4.2").out_shape) == "2048×28×28"
    assert r.block("layer3.0").plan.dilation == 1 and r.block("layer3.1").plan.dilation == 2
    assert r.block("layer4.0").plan.dilation == 2 and r.block("layer4.1").plan.dilation == 4
    assert r.block("layer4.2").jump == 8


def test_tiny_input_stays_at_one_pixel():
    r = infer(preset("resnet18").with_changes(input_shape=(3, 8, 8)))
    assert r.ok
    assert fmt_shape(r.block("layer4.1").out_shape) == "512×1×1"


def test_receptive_field_of_resnet50_is_the_known_one():
    # the commonly quoted theoretical receptive field of ResNet-50 is 427 px
    assert infer(preset("resnet50")).block("layer4.2").receptive_field == 427
