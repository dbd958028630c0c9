"""ArchSpec: validation names the field and what is allowed; JSON is exact."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resnet_viewer import PRESETS, ArchSpec, SpecError, preset
from resnet_viewer.core import shortcuts


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"shortcut": "bogus"}, "shortcut", "conv1x1, conv1x1-all"),
        ({"strides": (1, 3, 2, 2)}, "strides[1]", "stride must be 1 or 2"),
        ({"block": "tiny"}, "block", "basic, bottleneck"),
        ({"stem": "huge"}, "stem", "imagenet, cifar, deep"),
        ({"block_shortcuts": {"layer9.0": "identity"}}, "block_shortcuts['layer9.0']", "layer4.0–layer4.2"),
        ({"block_shortcuts": {"layer2.0": "nope"}}, "block_shortcuts['layer2.0']", "zero-pad"),
        ({"block_strides": {"layer3.0": 4}}, "block_strides['layer3.0']", "stride must be 1 or 2"),
        ({"widths": (64, 128)}, "widths", "one value per stage"),
        ({"layers": ()}, "layers", "1 to 6 stages"),
        ({"input_shape": (3, 0, 224)}, "input_shape[1] (height)", "from 1 to 4096"),
        ({"batch": 0}, "batch", "from 1 to 1024"),
        ({"stride_on": "5x5"}, "stride_on", "3x3, 1x1"),
        (
            {"dilate": (False, False, False, True), "strides": (1, 2, 2, 1)},
            "dilate[3]",
            "dilation replaces a stride of 2",
        ),
    ],
)
def test_invalid_values_name_the_field_and_the_allowed_values(changes, field, fragment):
    with pytest.raises(SpecError) as e:
        preset("resnet50").with_changes(**changes)
    assert e.value.field == field
    assert str(e.value).startswith(field)
    assert fragment in str(e.value)


def test_basic_block_refuses_groups():
    with pytest.raises(ValueError, match="groups"):
        preset("resnet18").with_changes(groups=32)


def test_unknown_json_field_and_schema_are_refused():
    d = preset("resnet18").to_dict()
    with pytest.raises(SpecError, match="colour"):
        ArchSpec.from_dict({**d, "colour": "red"})
    with pytest.raises(SpecError, match="schema"):
        ArchSpec.from_dict({**d, "schema": 2})
    with pytest.raises(SpecError, match="not valid JSON"):
        ArchSpec.from_json("{nope")


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_round_trip_through_json_exactly(name):
    spec = PRESETS[name]
    text = spec.to_json()
    assert json.loads(text)["schema"] == 1
    assert ArchSpec.from_json(text) == spec
    assert ArchSpec.from_json(text).to_json() == text


small_specs = st.builds(
    lambda block, layers, strides, shortcut, overrides, hw: ArchSpec(
        block=block,
        layers=tuple(layers),
        widths=tuple(4 * (i + 1) for i in range(len(layers))),
        strides=tuple(strides[: len(layers)]),
        dilate=(False,) * len(layers),
        stem_width=4,
        stem="cifar",
        shortcut=shortcut,
        block_shortcuts={f"layer{len(layers)}.0": overrides},
        input_shape=(3, hw, hw),
        num_classes=5,
    ),
    st.sampled_from(["basic", "bottleneck"]),
    st.lists(st.integers(1, 2), min_size=1, max_size=4),
    st.lists(st.sampled_from([1, 2]), min_size=4, max_size=4),
    st.sampled_from(shortcuts.NAMES),
    st.sampled_from(shortcuts.NAMES),
    st.integers(1, 20),
)


@given(small_specs)
def test_json_round_trip_is_exact_for_random_specs(spec):
    assert ArchSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec


def test_block_override_helpers():
    s = preset("resnet50").with_block_shortcut("layer2.0", "zero-pad").with_block_stride("layer3.0", 1)
    assert s.shortcut_of("layer2.0") == "zero-pad"
    assert dict(s.block_strides) == {"layer3.0": 1}
    assert s.with_block_shortcut("layer2.0", None) == preset("resnet50").with_block_stride("layer3.0", 1)
    assert s.with_stage_stride(2, "dilate").stage_mode(2) == "dilate"
