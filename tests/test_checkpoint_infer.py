"""Understanding a checkpoint without torch: {name: shape} → ArchSpec + notes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resnet_viewer.core.checkpoint_infer import CheckpointError, infer_spec, state_shapes
from resnet_viewer.core.checkpoint_names import rename_keys
from resnet_viewer.core.layers import shortcut_layers
from resnet_viewer.core.presets import PRESETS, preset
from resnet_viewer.core.spec import ArchSpec

# Shortcuts a state_dict can tell apart (a pooling's kind and where zero channels go are not stored).
VISIBLE = ("conv1x1", "conv1x1-all", "avgpool-conv1x1", "conv3x3", "zero-pad-both")


@st.composite
def file_specs(draw):
    """Specs with the family's standard strides and widths that grow at every
    stage, so every stage's first block shows its shortcut."""
    block = draw(st.sampled_from(["basic", "bottleneck"]))
    n = draw(st.integers(1, 4))
    first = draw(st.sampled_from([16, 32]))
    widths = tuple(first * 2**i for i in range(n))
    groups, wpg = 1, 64
    if block == "bottleneck":
        groups = draw(st.sampled_from([1, 2, 4]))
        wpg = draw(st.sampled_from([16, 32, 64, 128]))
    stem = draw(st.sampled_from(["imagenet", "cifar", "deep"]))
    layers = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    spec = ArchSpec(
        block=block,
        layers=layers,
        widths=widths,
        strides=(1,) + (2,) * (n - 1),
        dilate=(False,) * n,
        groups=groups,
        width_per_group=wpg,
        stem=stem,
        stem_width=draw(st.sampled_from([8, 16, 64])),
        shortcut=draw(st.sampled_from(VISIBLE)),
        num_classes=draw(st.integers(1, 1000)),
        input_shape=(draw(st.sampled_from([1, 3])), 32 if stem == "cifar" else 224, 32 if stem == "cifar" else 224),
    )
    names = spec.block_names()
    override = draw(st.sampled_from([None, *VISIBLE, "identity"]))
    block_name = draw(st.sampled_from(names))
    plan = next(p for p in spec.plan() if p.name == block_name)
    if override and not (override == "identity" and (plan.in_ch != plan.out_ch or plan.stride != 1)):
        spec = spec.with_block_shortcut(block_name, override)
    return spec


def _shortcut_ops(spec):
    return {p.name: shortcut_layers(p) for p in spec.plan()}


@given(file_specs())
def test_inferring_the_core_s_own_shapes_gives_the_spec_back(spec):
    shapes = state_shapes(spec)
    got, notes = infer_spec(shapes)
    for f in ("block", "layers", "widths", "strides", "groups", "width_per_group", "stem", "stem_width"):
        assert getattr(got, f) == getattr(spec, f), f
    assert got.num_classes == spec.num_classes and got.input_shape[0] == spec.input_shape[0]
    assert _shortcut_ops(got) == _shortcut_ops(spec)  # every block's shortcut is the same layers
    assert state_shapes(got) == shapes
    assert any("strides are not stored" in n for n in notes)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_is_recognised_from_its_shapes(name):
    spec = preset(name)
    got, _ = infer_spec(state_shapes(spec))
    assert got == spec


def test_old_checkpoints_without_num_batches_tracked_are_understood():
    shapes = {k: v for k, v in state_shapes(preset("resnet18")).items() if not k.endswith("num_batches_tracked")}
    assert infer_spec(shapes)[0] == preset("resnet18")


def test_the_cifar_option_a_note_says_where_zero_channels_are_assumed():
    _, notes = infer_spec(state_shapes(preset("resnet20")))
    assert any("both sides" in n for n in notes)


def test_a_new_head_size_is_noted():
    spec, notes = infer_spec(state_shapes(preset("resnet18")), num_classes=5)
    assert spec.num_classes == 5 and any("5 classes" in n for n in notes)


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        ({"weight": (2, 3), "bias": (2,)}, "no 'conv1.weight'"),
        ({"conv1.weight": (64, 3, 5, 5)}, "5×5 kernel"),
        ({"conv1.weight": (64, 3, 7, 7), "bn1.weight": (64,)}, "no 'layer1.0"),
        ({**state_shapes(preset("resnet50")), "layer1.0.conv3.weight": (0, 64, 1, 1)}, "an empty tensor"),
        ({**state_shapes(preset("resnet50")), "layer1.0.conv2.weight": (64, 48, 3, 3)}, "not a multiple"),
    ],
)
def test_what_is_not_a_resnet_is_refused_naming_what_was_expected(shapes, message):
    with pytest.raises(CheckpointError, match=message) as e:
        infer_spec(shapes)
    assert "\n" not in str(e.value)


def test_a_tensor_that_does_not_fit_is_named_with_both_shapes():
    shapes = dict(state_shapes(preset("resnet18")))
    shapes["layer2.1.conv1.weight"] = (128, 64, 3, 3)
    with pytest.raises(CheckpointError, match=r"'layer2.1.conv1.weight' is 128×64×3×3 in the file but 128×128×3×3"):
        infer_spec(shapes)
    shapes = dict(state_shapes(preset("resnet18")), **{"extra.weight": (3,)})
    with pytest.raises(CheckpointError, match=r"'extra\.weight' .* has no place"):
        infer_spec(shapes)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["module.conv1.weight", "module.linear.weight"], ["conv1.weight", "fc.weight"]),
        (["model.conv1.weight", "model.fc.bias"], ["conv1.weight", "fc.bias"]),
        (["module._orig_mod.conv1.weight", "module._orig_mod.fc.bias"], ["conv1.weight", "fc.bias"]),
        (["conv1.weight", "head.fc.weight"], ["conv1.weight", "fc.weight"]),
        (["conv1.weight", "classifier.weight"], ["conv1.weight", "fc.weight"]),
        (["layer2.0.shortcut.0.weight", "conv1.weight"], ["layer2.0.downsample.0.weight", "conv1.weight"]),
        (["conv1.weight", "model.fc.weight"], ["conv1.weight", "model.fc.weight"]),  # not every key: kept
    ],
)
def test_renaming_rules(keys, expected):
    mapping, _ = rename_keys(keys)
    assert [mapping[k] for k in keys] == expected


def test_the_diagram_says_where_the_zero_channels_go():
    from resnet_viewer.core.graph_text import shortcut_label
    from resnet_viewer.core.shapes import infer

    both = infer(preset("resnet20")).block("layer2.0")
    end = infer(preset("resnet20").with_changes(shortcut="zero-pad")).block("layer2.0")
    assert shortcut_label(both.shortcut_ops) == "subsample/2 + zero-pad both sides→32"
    assert shortcut_label(end.shortcut_ops) == "subsample/2 + zero-pad→32"
    assert both.shortcut_params == end.shortcut_params == 0
    assert infer(preset("resnet56")).total_params == 853_018  # parameter counts do not change
