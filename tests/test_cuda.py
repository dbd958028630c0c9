"""What only a CUDA GPU can show: the memory guard reads the card's free memory,
the estimate is not below what the card really allocates, checkpoints written
from GPU tensors open on the CPU and run on the GPU, and `trace --device cuda`
works end to end. Skipped where no GPU is present (CI and dev machines)."""

import json

import pytest

from resnet_viewer.core.memory import estimate
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer

pytestmark = pytest.mark.cuda


@pytest.fixture
def cuda(torch):
    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU on this machine (CI and dev machines are CPU-only)")
    return torch


def test_the_guard_reads_the_cards_free_memory_and_refuses_what_does_not_fit(cuda):
    from resnet_viewer.live.memory_guard import MemoryRefused, available_bytes, check_memory

    free, total = cuda.cuda.mem_get_info(0)
    got = available_bytes("cuda")
    assert got is not None and abs(got - free) <= 0.05 * total
    huge = preset("resnet50").with_changes(batch=1024, input_shape=(3, 2048, 2048))  # ~1.6 TB
    with pytest.raises(MemoryRefused, match="available on cuda"):
        check_memory(huge, device="cuda")
    check_memory(preset("resnet50"), device="cuda")  # a normal run passes


@pytest.mark.parametrize("batch", [1, 8])
def test_the_estimate_is_not_below_what_the_card_allocates(cuda, batch):
    from resnet_viewer.live.images import InputSource
    from resnet_viewer.live.session import LiveSession

    spec = preset("resnet50").with_changes(batch=batch)
    est = estimate(infer(spec), on_cpu=False)
    cuda.cuda.empty_cache()
    cuda.cuda.reset_peak_memory_stats()
    base = cuda.cuda.memory_allocated()
    session = LiveSession(spec, source=InputSource("pattern", "checkerboard", 8))
    session.set_device("cuda")
    assert session.run().error is None
    peak = cuda.cuda.max_memory_allocated() - base
    ratio = peak / est.peak_bytes
    print(
        f"resnet50 batch {batch}: GPU peak {peak / 2**20:.1f} MiB, estimate {est.peak_bytes / 2**20:.1f} MiB, ratio {ratio:.2f}"
    )
    assert ratio <= 1.25  # the guard never lets through a run 25 % larger than it said


def test_a_checkpoint_of_gpu_tensors_opens_on_the_cpu_and_runs_on_the_gpu(cuda, tmp_path):
    from resnet_viewer.live.checkpoint import open_checkpoint
    from resnet_viewer.live.images import InputSource
    from resnet_viewer.live.model import build_model
    from resnet_viewer.live.session import LiveSession

    ref = build_model(preset("resnet20"), seed=3).cuda().eval()
    path = tmp_path / "best.th"
    cuda.save({"state_dict": {f"module.{k}": v for k, v in ref.state_dict().items()}, "best_prec1": 91.0}, path)
    ck = open_checkpoint(path)
    assert ck.spec == preset("resnet20")
    assert all(t.device.type == "cpu" for t in ck.state_dict.values())  # map_location="cpu"
    session = LiveSession(ck.spec, source=InputSource("pattern", "checkerboard", 4))
    session.model.load_state_dict(ck.state_dict)
    session.set_device("cuda")
    trace = session.run()
    x = trace.input.reshape(1, *ck.spec.input_shape).cuda()
    with cuda.no_grad():
        cuda.testing.assert_close(trace.logits.reshape(1, -1), ref(x).cpu(), rtol=1e-4, atol=1e-4)


def test_trace_runs_on_cuda_from_the_command_line(cuda, capsys):
    from resnet_viewer.cli import main

    assert main(["trace", "--preset", "resnet18", "--device", "cuda", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["device"] == "cuda:0"


def test_captures_are_copied_in_stream_order_before_an_in_place_op_writes(cuda):
    """`keep` queues its GPU→CPU copies without waiting; stream order must still
    copy the conv's output before the in-place ReLU after it clears the negatives."""
    from resnet_viewer.live.trace import op_hooks, wait_for_copies

    cuda.manual_seed(0)
    net = cuda.nn.Sequential(cuda.nn.Conv2d(3, 64, 3, padding=1), cuda.nn.ReLU(inplace=True)).cuda().eval()
    x = cuda.randn(1, 3, 256, 256, device="cuda")
    with cuda.no_grad():
        expected = net[0](x)[0].cpu()
    captured: dict = {}
    handles = op_hooks(net, captured)
    with cuda.no_grad():
        net(x)
    for h in handles:
        h.remove()
    wait_for_copies(x.device)
    assert captured["0"].device.type == "cpu" and (captured["0"] < 0).any()
    cuda.testing.assert_close(captured["0"], expected)


def test_one_blocks_op_outputs_on_the_gpu_equal_the_cpus(cuda):
    from resnet_viewer.live.block_ops import block_op_outputs
    from resnet_viewer.live.devices import exact_float32
    from resnet_viewer.live.model import build_model

    exact_float32()  # as choosing the device in the app does

    model = build_model(preset("resnet18"), seed=1).eval()
    x = cuda.randn(64, 56, 56)
    on_cpu = block_op_outputs(model, "layer2.0", x)
    on_gpu = block_op_outputs(model.cuda(), "layer2.0", x)
    assert on_gpu.keys() == on_cpu.keys() and "downsample.0" in on_gpu
    for name, t in on_gpu.items():
        cuda.testing.assert_close(t, on_cpu[name], rtol=1e-4, atol=1e-4, msg=name)


@pytest.mark.parametrize("batch", [1, 3])
def test_a_gpu_trace_holds_on_the_cpu_what_the_cpu_trace_holds(cuda, batch):
    """Every branch of every block, the input and the logits arrive on the CPU (copies
    queued without waiting), equal to a CPU run's; a block's input is the previous
    block's output; a rerun after a toggle keeps the earlier blocks."""
    from resnet_viewer.live.devices import exact_float32
    from resnet_viewer.live.images import InputSource
    from resnet_viewer.live.session import LiveSession

    exact_float32()
    spec = preset("resnet18").with_changes(batch=batch, input_shape=(3, 96, 96))
    source = InputSource("pattern", "sine", 6)
    cpu = LiveSession(spec, source=source).run()
    session = LiveSession(spec, source=source)
    session.set_device("cuda")
    gpu = session.run()
    assert gpu.input.device.type == "cpu" and gpu.logits is not None and gpu.logits.device.type == "cpu"
    cuda.testing.assert_close(gpu.input, cpu.input)
    for b_gpu, b_cpu in zip(gpu.blocks, cpu.blocks, strict=True):
        assert b_gpu.tensors.keys() == b_cpu.tensors.keys()
        for k, t in b_gpu.tensors.items():
            assert t.device.type == "cpu" and t.dtype == cuda.float32, (b_gpu.name, k)
            cuda.testing.assert_close(t, b_cpu.tensors[k], rtol=1e-4, atol=1e-4, msg=f"{b_gpu.name} {k}")
    for before, after in zip(gpu.blocks, gpu.blocks[1:]):
        assert after.tensors["in"] is before.tensors["out"]
    again = session
    again.apply(spec.with_block_shortcut("layer3.0", "zero-pad"))
    second = again.run()
    assert second.recomputed_from == "layer3.0"
    for b in second.blocks[:4]:
        assert b is next(x for x in gpu.blocks if x.name == b.name)  # layer1.*, layer2.*: the first trace's
    assert all(t.device.type == "cpu" for b in second.blocks for t in b.tensors.values())


def test_what_the_memory_cap_keeps_of_a_gpu_trace_fits_under_it(cuda):
    from resnet_viewer.live.images import InputSource
    from resnet_viewer.live.session import LiveSession

    session = LiveSession(preset("resnet18"), source=InputSource("pattern", "dot"))
    session.set_device("cuda")
    session.memory_cap = 4 * 2**20
    trace = session.run()
    kept = [t for b in trace.blocks for t in b.tensors.values()]
    assert trace.dropped and kept and all(t.device.type == "cpu" for t in kept)
    storages = {t.untyped_storage().data_ptr(): t.untyped_storage().nbytes() for t in kept}
    extra = 4 * (trace.input.numel() + 1000)  # the input and the logits
    assert sum(storages.values()) <= session.memory_cap + extra
