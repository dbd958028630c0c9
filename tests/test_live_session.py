"""LiveSession and its trace: real hooks on real images, incremental updates."""

import pytest

from resnet_viewer import PRESETS, build_model, infer, preset
from resnet_viewer.live.images import InputSource, bundled_images
from resnet_viewer.live.session import LiveSession

pytestmark = pytest.mark.usefixtures("torch")
CAT = InputSource("file", str(bundled_images()["chelsea"]))


def all_hooks(model):
    return [(n, m) for n, m in model.named_modules() if m._forward_hooks or m._forward_pre_hooks]


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in ("resnet101", "resnet152") else n for n in PRESETS]
)  # the two deepest take 10-15 s each
def test_trace_invariants_on_a_real_photo_for_every_preset(name):
    import torch

    spec = PRESETS[name]
    if spec.input_shape[1] > 112:  # the photograph at half size: same blocks, a quarter of the work
        spec = spec.with_changes(input_shape=(3, 112, 112))
    session = LiveSession(spec, source=CAT)
    trace = session.run()
    report = infer(spec)
    assert trace.error is None and len(trace.blocks) == len(report.blocks)
    for bt, br in zip(trace.blocks, report.blocks):
        t = bt.tensors
        torch.testing.assert_close(t["main"] + t["shortcut"], t["sum"], rtol=1e-5, atol=1e-5)
        torch.testing.assert_close(t["out"], torch.relu(t["sum"]))
        assert (bt.shapes["in"], bt.shapes["main"], bt.shapes["shortcut"], bt.shapes["out"]) == (
            br.in_shape,
            br.main_shape,
            br.shortcut_shape,
            br.out_shape,
        )
        assert bt.stats("out").min >= 0
    assert all_hooks(session.model) == []


def test_hooks_are_removed_and_train_mode_restored_even_after_a_mismatch():
    session = LiveSession(preset("resnet18"), source=CAT)
    session.model.train()
    session.apply(session.spec.with_block_shortcut("layer2.0", "identity"))
    trace = session.run()
    assert trace.error and "layer2.0" in trace.error
    assert all_hooks(session.model) == []
    assert session.model.training and all(m.training for m in session.model.modules())


def test_a_mismatch_is_recorded_with_both_shapes_and_earlier_blocks_keep_their_values():
    import torch

    session = LiveSession(preset("resnet50"), source=CAT)
    before = session.run()
    session.apply(session.spec.with_block_shortcut("layer2.0", "identity"))
    trace = session.run()
    assert [b.name for b in trace.blocks][-1] == "layer2.0"
    bad = trace.block("layer2.0")
    assert bad.error == infer(session.spec).first_error.error
    assert bad.shapes["main"] == (1, 512, 28, 28) and bad.shapes["shortcut"] == (1, 256, 56, 56)
    assert "sum" not in bad.tensors and trace.logits is None
    torch.testing.assert_close(trace.block("layer1.2").tensors["out"], before.block("layer1.2").tensors["out"])


def test_shortcut_toggle_rebuilds_only_that_downsample_and_keeps_every_other_weight():
    import torch

    session = LiveSession(preset("resnet50").with_changes(input_shape=(3, 112, 112)), source=CAT)
    torch.manual_seed(5)
    with torch.no_grad():  # "pretrained": every weight differs from the seeded init
        for p in session.model.parameters():
            p.add_(torch.randn_like(p) * 0.01)
    old = {k: v.clone() for k, v in session.model.state_dict().items()}
    session.run()
    new_spec = session.spec.with_block_shortcut("layer3.1", "conv1x1-all")
    result = session.apply(new_spec)
    assert result.rebuilt == ["layer3.1.downsample"] and result.dirty_from == "layer3.1"
    now = session.model.state_dict()
    fresh = build_model(new_spec, seed=0)
    survivors = {k: v for k, v in old.items() if not k.startswith("layer3.1.downsample")}
    fresh.load_state_dict(survivors, strict=False)
    for k, v in fresh.state_dict().items():
        assert torch.equal(now[k], v), k
    trace = session.run()
    assert trace.recomputed_from == "layer3.1"
    with torch.no_grad():
        expected = fresh.eval()(session.input)[0]
    torch.testing.assert_close(trace.logits, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.with_block_shortcut("layer4.0", "zero-pad"),
        lambda s: s.with_block_shortcut("layer1.0", "avgpool-conv1x1"),
        lambda s: s.with_stage_stride(3, "1"),
        lambda s: s.with_stage_stride(4, "dilate"),
        lambda s: s.with_changes(stride_on="1x1"),
        lambda s: s.with_changes(layers=(2, 2, 3, 2)),
        lambda s: s.with_changes(stem="deep"),
        lambda s: s.with_changes(input_shape=(3, 160, 192), batch=2),
        lambda s: s.with_changes(num_classes=10),
        lambda s: s.with_changes(block="basic"),
    ],
)
def test_incremental_run_equals_a_from_scratch_run(edit):
    import torch

    # ResNet-50's blocks at a quarter of its widths: the same edits, a sixteenth of the work
    narrow = preset("resnet50").with_changes(widths=(16, 32, 64, 128), stem_width=16, input_shape=(3, 96, 96))
    session = LiveSession(narrow, source=CAT)
    session.run()
    new_spec = edit(session.spec)
    session.apply(new_spec)
    incremental = session.run()
    scratch = LiveSession(new_spec, source=CAT).run()
    assert [b.name for b in incremental.blocks] == [b.name for b in scratch.blocks]
    for a, b in zip(incremental.blocks, scratch.blocks):
        for k in ("in", "main", "shortcut", "sum", "out"):
            torch.testing.assert_close(a.tensors[k], b.tensors[k], rtol=1e-4, atol=1e-4, msg=f"{a.name} {k}")
    torch.testing.assert_close(incremental.logits, scratch.logits, rtol=1e-4, atol=1e-4)


def test_nothing_changed_means_nothing_recomputed():
    session = LiveSession(preset("resnet18"), source=CAT)
    first = session.run()
    assert session.run() is first
    session.apply(session.spec.with_block_shortcut("layer4.1", "conv1x1-all"))
    assert session.run().recomputed_from == "layer4.1"


def test_op_level_capture_and_memory_cap_drop_largest_op_tensors_first():
    session = LiveSession(preset("resnet18"), source=CAT)
    session.capture_ops = True
    full = session.run()
    assert {"conv1", "bn1", "relu1", "conv2", "bn2", "downsample.0", "downsample.1"} <= set(full.block("layer2.0").ops)
    assert {"conv1", "bn1", "relu", "maxpool"} <= set(full.stem_ops)
    session.memory_cap = full.captured_bytes - 4 * 64 * 112 * 112  # a little less than everything
    session.invalidate()
    capped = session.run()
    assert capped.captured_bytes <= session.memory_cap
    assert capped.dropped and "memory cap" in capped.dropped[0]
    assert all(b.tensors.keys() >= {"in", "main", "shortcut", "sum", "out"} for b in capped.blocks)
    assert "stem.conv1" in capped.dropped[1:] or "stem.bn1" in capped.dropped[1:]


def test_the_memory_cap_counts_a_tensor_held_under_two_names_once():
    """An identity shortcut is the block's input, and a block's input is the previous
    block's output: dropping one name of such a tensor frees nothing, so the cap must
    keep dropping until the bytes really held fit."""
    session = LiveSession(preset("resnet18"), source=CAT)
    full = session.run()
    held = {
        t.untyped_storage().data_ptr(): t.untyped_storage().nbytes() for b in full.blocks for t in b.tensors.values()
    }
    assert full.captured_bytes == sum(held.values())  # batch 1 on the CPU: each capture is its own tensor
    session.memory_cap = full.captured_bytes // 2
    session.invalidate()
    capped = session.run()
    held = {
        t.untyped_storage().data_ptr(): t.untyped_storage().nbytes() for b in capped.blocks for t in b.tensors.values()
    }
    assert sum(held.values()) == capped.captured_bytes <= session.memory_cap


def test_unknown_device_is_refused_and_the_session_stays_on_cpu():
    from resnet_viewer.live.devices import DeviceError

    session = LiveSession(preset("resnet18"), source=CAT)
    with pytest.raises(DeviceError, match="usable here: cpu"):
        session.set_device("tpu")
    assert session.device.type == "cpu"
    assert session.run().error is None


@pytest.mark.cuda
def test_cuda_run_equals_cpu_run():
    import torch

    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU on this machine (CI and dev machines are CPU-only)")
    cpu = LiveSession(preset("resnet50"), source=CAT).run()
    session = LiveSession(preset("resnet50"), source=CAT)
    session.set_device("cuda")
    gpu = session.run()
    assert gpu.device == "cuda:0"
    torch.testing.assert_close(gpu.logits, cpu.logits, rtol=1e-3, atol=1e-3)


def test_no_module_writes_in_place_so_shared_outputs_stay_what_was_captured():
    import torch

    session = LiveSession(preset("resnet18"), source=CAT)
    assert not any(getattr(m, "inplace", False) for m in session.model.modules())
    first = session.run()
    saved = {(b.name, k): t.clone() for b in first.blocks for k, t in b.tensors.items()}
    session.apply(session.spec.with_block_shortcut("layer3.0", "zero-pad"))
    session.run()  # reruns from layer3.0; the first trace's tensors must not change
    for b in first.blocks:
        for k, t in b.tensors.items():
            assert torch.equal(t, saved[b.name, k]), (b.name, k)


@pytest.mark.parametrize("batch", [1, 3])
def test_every_captured_branch_is_what_the_block_computes_from_its_captured_input(batch):
    """The trace holds the CPU's tensors themselves at batch 1 (no copy): each one must
    still be what its branch computed once the whole forward has run past it."""
    import torch

    spec = preset("resnet18").with_block_shortcut("layer3.0", "zero-pad").with_changes(batch=batch)
    session = LiveSession(spec, source=CAT)
    trace = session.run()
    for name, block in session.model.blocks():
        bt = trace.block(name)
        assert bt is not None
        x = bt.tensors["in"].unsqueeze(0)
        with torch.inference_mode():
            main = block.forward_main(x)[0]
            short = (x if block.downsample is None else block.downsample(x))[0]
        torch.testing.assert_close(bt.tensors["main"], main)
        torch.testing.assert_close(bt.tensors["shortcut"], short)
        torch.testing.assert_close(bt.tensors["sum"], main + short)
        torch.testing.assert_close(bt.tensors["out"], torch.relu(main + short))
