"""The live torch model agrees with the analytic core, and with torchvision/timm."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resnet_viewer import PRESETS, ArchSpec, build_model, infer, preset
from resnet_viewer.core import shortcuts

pytestmark = pytest.mark.usefixtures("torch")


def traced_block_shapes(model, x):
    """Real forward pass; returns per block (in, main, shortcut, out) shapes or the error."""
    from resnet_viewer.live.modules import ShapeMismatchError

    seen, handles = {}, []
    for name, block in model.blocks():
        handles.append(
            block.merge.register_forward_pre_hook(
                lambda m, a, n=name: seen.setdefault(n, {}).update(
                    main=tuple(a[0].shape), shortcut=tuple(a[1].shape), inp=tuple(a[2].shape)
                )
            )
        )
        handles.append(block.register_forward_hook(lambda m, a, o, n=name: seen[n].update(out=tuple(o.shape))))
    error = None
    try:
        model.eval()(x)
    except ShapeMismatchError as e:
        error = e
    finally:
        for h in handles:
            h.remove()
    return seen, error


def assert_analytic_equals_traced(spec):
    import torch

    model = build_model(spec)
    report = infer(spec)
    assert sum(p.numel() for p in model.parameters()) == report.total_params
    with torch.no_grad():
        seen, error = traced_block_shapes(model, torch.randn(spec.batch, *spec.input_shape))
    for b in report.blocks:
        if b.status == "unknown":
            assert b.name not in seen
            continue
        got = seen[b.name]
        assert (got["inp"], got["main"], got["shortcut"]) == (b.in_shape, b.main_shape, b.shortcut_shape), b.name
        if b.status == "ok":
            assert got["out"] == b.out_shape, b.name
    first = report.first_error
    if first is None:
        assert error is None
    else:
        assert error is not None and error.block == first.name and str(error) == first.error


# The deepest and widest nets repeat resnet50's bottleneck blocks: the full sweep is `slow`.
DEEP = ("resnet101", "resnet152", "wide_resnet50_2")
EVERY_PRESET = [pytest.param(n, marks=pytest.mark.slow) if n in DEEP else n for n in PRESETS]


@pytest.mark.parametrize("name", EVERY_PRESET)
def test_every_preset_analytic_shapes_equal_a_real_forward(name):
    assert_analytic_equals_traced(PRESETS[name])


@pytest.mark.parametrize("name", EVERY_PRESET)
def test_mult_adds_within_one_percent_of_torchinfo(name):
    import torchinfo

    spec = PRESETS[name]
    stats = torchinfo.summary(build_model(spec), input_size=(spec.batch, *spec.input_shape), verbose=0)
    assert stats.total_params == infer(spec).total_params
    assert infer(spec).total_mult_adds == pytest.approx(stats.total_mult_adds, rel=0.01)


def test_mismatch_raises_the_same_message_as_infer_not_a_broadcast_error():
    import torch

    spec = preset("resnet18").with_block_shortcut("layer2.0", "identity")
    from resnet_viewer.live.modules import ShapeMismatchError

    with pytest.raises(ShapeMismatchError) as e, torch.no_grad():
        build_model(spec).eval()(torch.randn(1, 3, 224, 224))
    assert str(e.value) == infer(spec).first_error.error
    assert "must match the size of tensor" not in str(e.value)


def test_same_seed_same_weights_other_seed_other_weights():
    import torch

    a, b, c = (build_model(preset("resnet18"), seed=s).state_dict() for s in (0, 0, 1))
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert not torch.equal(a["layer2.0.conv1.weight"], c["layer2.0.conv1.weight"])


@pytest.mark.parametrize(
    ("name", "kwargs", "spec_changes"),
    [
        ("resnet18", {}, {}),
        ("resnet50", {}, {}),
        ("resnext50_32x4d", {}, {}),
        ("resnet50", {"replace_stride_with_dilation": [False, True, True]}, {"dilate": (False, False, True, True)}),
    ],
)
def test_torchvision_state_dict_loads_strictly_and_gives_the_same_output(name, kwargs, spec_changes):
    import torch

    from tests.reference.torchvision_resnet import torchvision_resnet

    torch.manual_seed(1)
    ref = torchvision_resnet(name, **kwargs).eval()
    ours = build_model(preset(name).with_changes(**spec_changes)).eval()
    ours.load_state_dict(ref.state_dict(), strict=True)
    x = torch.randn(2, 3, 96, 96)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), ref(x), rtol=1e-4, atol=1e-4)


def test_timm_resnet50d_state_dict_loads_strictly_and_gives_the_same_output():
    import torch

    from tests.reference.timm_resnet50d import ResNet50D

    torch.manual_seed(2)
    ref = ResNet50D().eval()
    ours = build_model(preset("resnet50d")).eval()
    ours.load_state_dict(ref.state_dict(), strict=True)
    x = torch.randn(1, 3, 97, 97)  # odd size: ceil-mode pooling on the shortcut matters
    with torch.no_grad():
        torch.testing.assert_close(ours(x), ref(x), rtol=1e-4, atol=1e-4)


random_specs = st.builds(
    lambda block, layers, strides, dilate, shortcut, override, stride_override, stem, stride_on, hw, batch: ArchSpec(
        block=block,
        layers=tuple(layers),
        widths=tuple(w for w, _ in zip((4, 8, 6, 12, 8), layers)),
        strides=tuple(2 if d else s for s, d in zip(strides, dilate))[: len(layers)],
        dilate=tuple(dilate[: len(layers)]),
        stem_width=8,
        stem=stem,
        stride_on=stride_on,
        shortcut=shortcut,
        block_shortcuts={f"layer{len(layers)}.0": override},
        block_strides={"layer1.0": stride_override} if stride_override else {},
        input_shape=(3, hw, hw + 3),
        batch=batch,
        num_classes=3,
    ),
    st.sampled_from(["basic", "bottleneck"]),
    st.lists(st.integers(1, 2), min_size=1, max_size=5),
    st.lists(st.sampled_from([1, 2]), min_size=5, max_size=5),
    st.lists(st.booleans(), min_size=5, max_size=5),
    st.sampled_from(shortcuts.NAMES),
    st.sampled_from(shortcuts.NAMES),
    st.sampled_from([None, 1, 2]),
    st.sampled_from(["imagenet", "cifar", "deep"]),
    st.sampled_from(["3x3", "1x1"]),
    st.integers(1, 40),
    st.integers(1, 2),
)


@settings(max_examples=60, deadline=None)
@given(random_specs)
def test_random_small_specs_run_or_fail_at_the_block_infer_names(spec):
    assert_analytic_equals_traced(spec)


def test_surgery_gives_each_new_part_the_weights_of_a_fresh_build_and_keeps_the_rest():
    """What the live session relies on: replace stem, one shortcut, the blocks and the head
    of a model in place, and it equals a fresh build of the new spec (same seed)."""
    import torch

    old = preset("resnet18")
    new = old.with_changes(
        stem="deep",
        layers=(2, 2, 1),
        widths=(64, 128, 256),
        strides=old.strides[:3],
        dilate=old.dilate[:3],
        num_classes=10,
    ).with_block_shortcut("layer2.1", "conv1x1-all")
    model = build_model(old, seed=3).train()
    model.replace_stem(new)
    kept = dict(model.blocks())
    blocks = []
    for plan in new.plan():
        block = kept[plan.name]
        if plan.name == "layer2.1":
            model.replace_shortcut(block, plan)
        else:
            block.relabel(plan)
        blocks.append(block)
    model.set_blocks(new, blocks)
    model.replace_head(new)
    assert not hasattr(model, "layer4") and model.training and model.spec == new
    assert [b.plan for _, b in model.blocks()] == new.plan()
    fresh = build_model(new, seed=3).state_dict()
    now = model.state_dict()
    assert now.keys() == fresh.keys()
    for k, v in fresh.items():
        assert torch.equal(now[k], v), k
