"""The memory estimate (core/memory.py, no torch) against the live model: the
weights and the trace exactly, the peak of a real run within 25%; and random
specs with per-block overrides round-trip through JSON.

Hypothesis runs derandomized (a fixed seed per test), so CI sees the same
examples every time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resnet_viewer import ArchSpec, infer, preset
from resnet_viewer.core import shortcuts
from resnet_viewer.core.memory import estimate, fmt_bytes, parse_size

ROOT = Path(__file__).resolve().parents[1]


@st.composite
def specs(draw, max_blocks: int = 3, max_side: int = 64) -> ArchSpec:
    """Random small specs with per-block shortcut and stride overrides."""
    block = draw(st.sampled_from(["basic", "bottleneck"]))
    layers = draw(st.lists(st.integers(1, max_blocks), min_size=1, max_size=4))
    n = len(layers)
    strides = draw(st.lists(st.sampled_from([1, 2]), min_size=n, max_size=n))
    dilate = [s == 2 and draw(st.booleans()) for s in strides]
    names = [f"layer{s + 1}.{i}" for s, c in enumerate(layers) for i in range(c)]
    picked = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
    return ArchSpec(
        block=block,
        layers=layers,
        widths=[draw(st.integers(1, 16)) for _ in range(n)],
        strides=strides,
        dilate=dilate,
        stem=draw(st.sampled_from(["cifar", "imagenet", "deep"])),
        stem_width=draw(st.integers(2, 16)),
        shortcut=draw(st.sampled_from(shortcuts.NAMES)),
        block_shortcuts={b: draw(st.sampled_from(shortcuts.NAMES)) for b in picked},
        block_strides={b: draw(st.sampled_from([1, 2])) for b in picked[:1]},
        stride_on=draw(st.sampled_from(["3x3", "1x1"])),
        num_classes=draw(st.integers(1, 20)),
        input_shape=(draw(st.integers(1, 4)), draw(st.integers(8, max_side)), draw(st.integers(8, max_side))),
        batch=draw(st.integers(1, 4)),
    )


@settings(max_examples=300, derandomize=True, deadline=None)
@given(specs())
def test_spec_json_round_trips_with_per_block_overrides(spec):
    text = spec.to_json()
    assert ArchSpec.from_json(text) == spec
    d = json.loads(text)  # the list-of-pairs form reads the same
    d["block_shortcuts"] = [list(p) for p in spec.block_shortcuts]
    d["block_strides"] = [list(p) for p in spec.block_strides]
    assert ArchSpec.from_dict(d) == spec


@settings(max_examples=100, derandomize=True, deadline=None)
@given(specs(), st.integers(2, 64))
def test_the_estimate_grows_with_the_batch_and_keeps_the_weights(spec, factor):
    small, big = estimate(infer(spec)), estimate(infer(spec.with_changes(batch=min(1024, spec.batch * factor))))
    assert big.params_bytes == small.params_bytes >= 4 * infer(spec).total_params
    assert big.input_bytes > small.input_bytes and big.peak_bytes > small.peak_bytes
    assert all(v >= 0 for v in small.to_dict().values())


def _trace_bytes(session, trace) -> int:  # type: ignore[no-untyped-def]
    """Bytes the trace really holds: each storage once; what shares the session's own
    input, stem output and block outputs (batch 1 on the CPU) is not extra."""
    cache = {c.untyped_storage().data_ptr() for c in session.cached_outputs()}
    tensors = [trace.input, trace.logits] + [t for b in trace.blocks for t in (*b.tensors.values(), *b.ops.values())]
    tensors += list(trace.stem_ops.values())
    seen = {t.untyped_storage().data_ptr(): t.untyped_storage().nbytes() for t in tensors if t is not None}
    return sum(n for ptr, n in seen.items() if ptr not in cache)


@pytest.mark.parametrize(
    ("spec", "capture_ops"),
    [
        (preset("resnet18"), False),
        (preset("resnet50d").with_changes(batch=2, input_shape=(3, 64, 64)), False),
        (preset("resnet20").with_block_shortcut("layer2.0", "zero-pad"), True),
        (preset("resnet56").with_changes(batch=3, shortcut="conv3x3"), True),
    ],
    ids=["resnet18", "resnet50d-b2", "resnet20-zeropad-ops", "resnet56-b3-ops"],
)
def test_weights_and_trace_bytes_equal_the_live_model(spec, capture_ops, torch):
    from resnet_viewer.live.session import LiveSession

    session = LiveSession(spec)
    session.capture_ops = capture_ops
    trace = session.run()
    est = estimate(infer(spec), capture_ops=capture_ops)
    model = session.model
    weights = sum(t.numel() * t.element_size() for t in [*model.parameters(), *model.buffers()])
    assert est.params_bytes == weights
    assert est.input_bytes == session.input.numel() * 4
    assert est.trace_bytes == _trace_bytes(session, trace)


@pytest.mark.slow  # ~6 s: a child process per example measures its peak
@settings(max_examples=2, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(specs(max_blocks=2, max_side=96))
def test_the_estimate_is_never_a_quarter_below_the_measured_peak(spec):
    """A real process builds and traces the spec; its peak RSS increase is measured."""
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "memory_estimate_child.py"), "--spec", spec.to_json()],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "2"},
        timeout=120,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    d = json.loads(p.stdout)
    assert d["estimate"]["peak_bytes"] >= 0.75 * d["measured"], d


@pytest.mark.parametrize(
    ("text", "size"),
    [("2G", 2 * 2**30), ("512M", 512 * 2**20), ("1.5GB", 3 * 2**29), ("100000", 100000), ("64KiB", 65536)],
)
def test_sizes_are_read_as_people_write_them(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "0", "-1G", "5X", "nan", "1e400G"])
def test_bad_sizes_are_refused_with_an_example(text):
    with pytest.raises(ValueError, match="2G"):
        parse_size(text)


def test_the_summary_says_what_a_run_takes():
    from resnet_viewer.core.summary_text import format_summary

    report = infer(preset("resnet50"))
    est = estimate(report)
    assert f"memory of a traced run (CPU): about {fmt_bytes(est.peak_bytes)}" in format_summary(report)
    assert 150 * 2**20 < est.peak_bytes < 300 * 2**20  # measured 190–215 MB on a 2-core CPU machine
