"""Issue 16's property: the module `explain --code` prints builds exactly the live block.

For every preset x every shortcut variant x both stride placements x with and
without dilation, each block that differs in structure (a stage's first and
second block) is printed; every printed module runs in a FRESH interpreter
(`python -I`, with resnet_viewer made unimportable there: only torch), each
in its own namespace. There `make_block()` must load the live
block's state_dict with strict=True and give the live block's output on a
random input of the block's input shape (eval mode, BatchNorm statistics
randomised so a swapped norm layer shows). Blocks whose branches cannot be
added must fail in both. `ruff check` runs once over all printed modules.
"""

from __future__ import annotations

import functools
import io
import os
import queue
import re
import shutil
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from resnet_viewer.core import shortcuts
from resnet_viewer.core.block_code import CodeError, block_module
from resnet_viewer.core.presets import PRESETS
from resnet_viewer.core.shapes import infer

ROOT = Path(__file__).resolve().parent.parent

# The child: only torch. resnet_viewer is made unimportable there (an editable
# install is on sys.path even under `python -I`), so a printed module that used it fails.
CHILD = r"""
import io, struct, sys
sys.modules["resnet_viewer"] = None  # `import resnet_viewer` now raises ImportError
import torch
try:
    import resnet_viewer  # noqa: F401
except ImportError:
    pass
else:
    raise AssertionError("the child must not see resnet_viewer")
torch.set_num_threads(1)
inp, out = sys.stdin.buffer, sys.stdout.buffer

def send(obj):
    buf = io.BytesIO(); torch.save(obj, buf); data = buf.getvalue()
    out.write(struct.pack("<Q", len(data)) + data); out.flush()

while True:
    head = inp.read(8)
    if not head:
        break
    msg = torch.load(io.BytesIO(inp.read(struct.unpack("<Q", head)[0])), weights_only=True)
    ns = {"__name__": "printed_block"}
    try:
        exec(compile(msg["code"], msg["id"], "exec"), ns)
        block = ns["make_block"]().eval()
        block.load_state_dict(msg["state"], strict=True)
        assert tuple(ns["INPUT_SHAPE"]) == tuple(msg["x"].shape), (ns["INPUT_SHAPE"], msg["x"].shape)
    except Exception as e:
        send({"build_error": f"{type(e).__name__}: {e}"}); continue
    try:
        with torch.no_grad():
            send({"out": block(msg["x"])})
    except RuntimeError as e:
        send({"run_error": str(e)})
"""


def _specs():
    for name, base in PRESETS.items():
        imagenet = base.stem != "cifar"
        # odd sizes from the first strided block on: 44 -> 11, 6, 3, 2 and 17 -> 17, 9, 5
        small = (3, 44, 44) if imagenet else (3, 17, 17)
        for variant in shortcuts.NAMES:
            for stride_on in ("3x3", "1x1"):  # a basic block has no 1x1: same module, run once
                for dilated in (False, True):
                    # dilating stage 2 gives a dilated stride-1 block (layer2.1) and, in layer3.0,
                    # a block with both stride 2 and dilation 2 (torchvision's previous_dilation)
                    dilate = [dilated and i == 1 for i in range(base.stage_count)]
                    spec = base.with_changes(shortcut=variant, stride_on=stride_on, input_shape=small, dilate=dilate)
                    yield f"{name}-{variant}-{stride_on}{'-dil' if dilated else ''}", spec


@functools.cache
def _cases():
    """(id, spec, block name, module text) for every combination; `unique` keeps
    one per distinct module body (same layers, same shapes), which is what runs."""
    cases, seen = [], {}
    for label, spec in _specs():
        report = infer(spec)
        for b in report.blocks:
            if b.plan.index > 1:
                continue
            try:
                text = block_module(report, b.name)
            except CodeError:
                continue  # after a block that cannot run: no input shape to run with
            body = text.split('"""\n', 1)[1].replace(b.name, "BLOCK")
            cases.append((f"{label}-{b.name}", spec, b.name, text))
            seen.setdefault(body, len(cases) - 1)
    return tuple(cases), sorted(seen.values())


def _write(proc, obj, torch):
    buf = io.BytesIO()
    torch.save(obj, buf)
    data = buf.getvalue()
    proc.stdin.write(struct.pack("<Q", len(data)) + data)
    proc.stdin.flush()


def _read(proc, torch):
    head = proc.stdout.read(8)
    assert head, proc.stderr.read().decode()
    return torch.load(io.BytesIO(proc.stdout.read(struct.unpack("<Q", head)[0])), weights_only=True)


def _randomise_norms(block, torch, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in block.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                c = m.num_features
                m.running_mean.copy_(torch.randn(c, generator=g) * 0.5)
                m.running_var.copy_(torch.rand(c, generator=g) * 1.5 + 0.5)
                m.weight.copy_(torch.randn(c, generator=g))
                m.bias.copy_(torch.randn(c, generator=g))


# Blocks up to this size run in every test session: all combinations, stages 1-2 of the
# ImageNet nets (resnet18: 1-3) and every CIFAR block, 314 modules, 56M parameters built
# twice. The wider stages (456 modules, 2.2G parameters, minutes) run when
# RESNET_VIEWER_SLOW_TESTS=1.
QUICK_PARAMS = 600_000


def _params(spec, name):
    b = infer(spec).block(name)
    return b.main_params + b.shortcut_params


@pytest.mark.slow  # ~20 s: hundreds of blocks through a child interpreter
def test_every_printed_block_loads_the_live_state_dict_and_computes_the_same(torch):
    cases, unique = _cases()
    assert len(cases) > 2700 and len(unique) > 750, (len(cases), len(unique))
    quick = [k for k in unique if _params(cases[k][1], cases[k][2]) <= QUICK_PARAMS]
    ran, raised = _run_in_fresh_interpreter(cases, quick, torch)
    assert ran > 250 and raised > 0, (ran, raised)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("RESNET_VIEWER_SLOW_TESTS"), reason="set RESNET_VIEWER_SLOW_TESTS=1")
def test_the_wide_stages_too(torch):
    cases, unique = _cases()
    wide = [k for k in unique if _params(cases[k][1], cases[k][2]) > QUICK_PARAMS]
    ran, _ = _run_in_fresh_interpreter(cases, wide, torch)
    assert ran > 100


def _run_in_fresh_interpreter(cases, indices, torch):
    """Stream every case to one child; a writer thread builds the live blocks
    while the child runs the previous ones (round trips were the slow part)."""
    from resnet_viewer.live.model import build_block
    from resnet_viewer.live.modules import ShapeMismatchError

    proc = subprocess.Popen(
        [sys.executable, "-I", "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    expected: queue.Queue = queue.Queue()

    def feed():
        try:
            for k in indices:
                case_id, spec, name, text = cases[k]
                b = infer(spec).block(name)
                live = build_block(spec, b.plan, seed=k).eval()
                _randomise_norms(live, torch, k)
                x = torch.randn(b.in_shape, generator=torch.Generator().manual_seed(k))
                try:
                    with torch.no_grad():
                        want = live(x)
                except ShapeMismatchError:
                    want = None
                assert (want is None) == (b.status == "error"), case_id
                expected.put((case_id, want))
                _write(proc, {"id": case_id, "code": text, "state": live.state_dict(), "x": x}, torch)
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    failures, ran, raised = [], 0, 0
    for _ in indices:
        reply = _read(proc, torch)
        case_id, want = expected.get(timeout=60)
        if "build_error" in reply:
            failures.append(f"{case_id}: {reply['build_error']}")
        elif want is None:  # the live block cannot add its branches: the printed one must fail too
            raised += 1
            if "run_error" not in reply:
                failures.append(f"{case_id}: the live block fails but the printed one ran")
        else:
            got = reply.get("out")
            if got is None or got.shape != want.shape:
                failures.append(f"{case_id}: {reply.get('run_error') or got.shape} vs {tuple(want.shape)}")
            elif not torch.allclose(got, want, rtol=1e-5, atol=1e-5 * float(want.abs().max())):
                failures.append(f"{case_id}: outputs differ by {float((got - want).abs().max())}")
            ran += 1
    writer.join(timeout=60)
    proc.wait(timeout=30)
    assert not failures, "\n".join(failures[:20])
    return ran, raised


def test_ruff_passes_on_every_printed_module(tmp_path):
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    cases, _ = _cases()
    for i, (case_id, _spec, _name, text) in enumerate(cases):
        assert text.isascii(), case_id
        (tmp_path / f"m{i:05d}_{re.sub(r'[^a-z0-9]', '_', case_id.lower())}.py").write_text(text)
    p = subprocess.run(
        [ruff, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0, p.stdout[-3000:]
