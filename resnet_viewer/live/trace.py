"""What every branch computed: hooks that capture each block's input, main
branch, shortcut, sum and output (and optionally each layer), and the Trace
that holds them with lazily computed statistics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle

from ..core import choices, i18n
from .model import ResidualBlock
from .modules import Merge
from .trace_doc import BlockDoc, StatsDoc

BRANCHES = choices.BRANCHES  # re-exported: trace_cli and the tests read it here
DEFAULT_MEMORY_CAP = 512 * 2**20


@dataclass(frozen=True)
class TensorStats:
    shape: tuple[int, ...]
    mean: float
    std: float
    min: float
    max: float
    zero_fraction: float
    norm: float

    @classmethod
    def of(cls, t: torch.Tensor, shape: tuple[int, ...]) -> TensorStats:
        lo, hi = t.aminmax()
        std = t.std().item() if t.numel() > 1 else 0.0
        return cls(shape, t.mean().item(), std, lo.item(), hi.item(), (t == 0).float().mean().item(), t.norm().item())

    def to_dict(self) -> StatsDoc:
        return {
            "shape": list(self.shape),
            "mean": self.mean,
            "std": self.std,
            "min": self.min,
            "max": self.max,
            "zero_fraction": self.zero_fraction,
            "norm": self.norm,
        }


@dataclass
class BlockTrace:
    """One block's captured tensors: the first sample, float32, on the CPU."""

    name: str
    tensors: dict[str, torch.Tensor] = field(default_factory=dict)  # branch -> C x H x W
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # branch -> N x C x H x W
    ops: dict[str, torch.Tensor] = field(default_factory=dict)  # "conv2" -> C x H x W
    error: str | None = None
    _stats: dict[str, TensorStats] = field(default_factory=dict, repr=False)

    def stats(self, branch: str) -> TensorStats | None:
        if branch not in self._stats and branch in self.tensors:
            self._stats[branch] = TensorStats.of(self.tensors[branch], self.shapes[branch])
        return self._stats.get(branch)

    @property
    def shortcut_main_ratio(self) -> float | None:
        main, short = self.stats("main"), self.stats("shortcut")
        if main is None or short is None or main.norm == 0:
            return None
        return short.norm / main.norm

    def to_dict(self) -> BlockDoc:
        d: dict[str, object] = {"name": self.name}
        for b in BRANCHES:
            s = self.stats(b)
            d[b] = s.to_dict() if s else None
        d["shortcut_main_ratio"] = self.shortcut_main_ratio
        d["error"] = self.error
        return cast(BlockDoc, d)  # built over BRANCHES, BlockDoc's keys


@dataclass
class Trace:
    device: str
    input_label: str
    input: torch.Tensor  # first sample, normalised, C x H x W
    stem_ops: dict[str, torch.Tensor]
    blocks: list[BlockTrace]
    logits: torch.Tensor | None  # first sample
    timings_ms: dict[str, float]
    dropped: list[str] = field(default_factory=list)
    recomputed_from: str = "stem"  # where this run started (incremental runs reuse the rest)

    def block(self, name: str) -> BlockTrace | None:
        return next((b for b in self.blocks if b.name == name), None)

    @property
    def error(self) -> str | None:
        return next((b.error for b in self.blocks if b.error), None)

    def stores(self) -> list[dict[str, torch.Tensor]]:
        """Every dict of captured tensors: the stem's layers, each block's branches and layers."""
        return [self.stem_ops, *(b.tensors for b in self.blocks), *(b.ops for b in self.blocks)]

    @property
    def captured_bytes(self) -> int:
        """Bytes of the captured tensors, each once (a block's input is the previous output)."""
        unique = {id(t): t for store in self.stores() for t in store.values()}
        return sum(t.numel() * t.element_size() for t in unique.values())

    def top5(self) -> list[tuple[int, float]]:
        if self.logits is None:
            return []
        p = torch.softmax(self.logits.double(), dim=0)
        vals, idx = p.topk(min(5, p.numel()))
        return [(int(i), float(v)) for i, v in zip(idx, vals, strict=True)]


def keep(t: torch.Tensor, share: bool = True) -> torch.Tensor:
    """The first sample, float32, on the CPU, as the trace holds it.

    With `share`, batch 1 on the CPU keeps the tensor itself, not a copy: nothing in
    the model writes in place (its ReLUs are not in-place and the add is out of place,
    unlike torchvision's `out += identity`; tests/test_live_session.py holds this),
    so what was captured stays what was computed. Copying ResNet-50's main branch,
    shortcut and sum cost some 10 % of the forward. A view (a strided subsample) is
    copied, so the trace holds no more than its own bytes, and with a larger batch
    only the first sample is copied, not the whole batch.

    From a GPU the copy is queued on the compute stream into pinned memory without
    waiting; stream order copies the value before any later op writes to it, and
    whoever hands the tensors out calls `wait_for_copies` first. Measured on an H200
    (resnet50 224, one process, interleaved): 8.4 ms a trace this way, 8.8 ms with
    the captures held on the card and gathered into one copy, 14.1 ms (against 9.7)
    with each copy on a side stream. Waiting for each copy took 3.9× a plain forward;
    this way takes 1.5×."""
    src = t.detach()[0]
    if src.is_cuda:
        return src.to(device="cpu", dtype=torch.float32, copy=True, non_blocking=True)
    if share and src.dtype == torch.float32 and t.shape[0] == 1 and not t._is_view():
        return src
    return src.to(device="cpu", dtype=torch.float32, copy=True)


def wait_for_copies(device: torch.device) -> None:
    """Block until every copy `keep` queued on `device` has landed on the CPU."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class BlockHooks:
    """Hooks on the blocks that run now; registered in one place, their
    handles kept and removed by `close()` (called in a `finally`)."""

    def __init__(
        self, blocks: Sequence[tuple[str, ResidualBlock]], previous_out: torch.Tensor | None, capture_ops: bool
    ) -> None:
        self.traces: dict[str, BlockTrace] = {}
        self._handles: list[RemovableHandle] = []
        self._last_out = previous_out
        for i, (name, block) in enumerate(blocks):
            self._attach(name, block, capture_ops, first=i == 0)

    def _attach(self, name: str, block: ResidualBlock, capture_ops: bool, first: bool) -> None:
        bt = self.traces[name] = BlockTrace(name)

        def on_first_input(_m: nn.Module, args: tuple[torch.Tensor, ...]) -> None:
            self._last_out = keep(args[0])  # the run starts here: no earlier block's output

        def on_merge(_m: nn.Module, args: tuple[torch.Tensor, ...], out: torch.Tensor | None) -> None:
            # one hook sees both branches and their sum; it also runs when the add
            # raises (always_call), then `out` is None and the branches are kept
            main, shortcut, x = args
            bt.shapes["in"], bt.shapes["main"], bt.shapes["shortcut"] = (
                tuple(x.shape),
                tuple(main.shape),
                tuple(shortcut.shape),
            )
            # the previous block's output is this block's input: shared, not copied
            bt.tensors["in"] = self._last_out if self._last_out is not None else keep(x)
            bt.tensors["main"] = keep(main)
            bt.tensors["shortcut"] = bt.tensors["in"] if shortcut is x else keep(shortcut)
            if out is not None:
                bt.shapes["sum"] = tuple(out.shape)
                bt.tensors["sum"] = keep(out)

        def on_out(_m: nn.Module, _a: tuple[torch.Tensor, ...], out: torch.Tensor) -> None:
            bt.shapes["out"] = tuple(out.shape)
            bt.tensors["out"] = self._last_out = keep(out)

        merge = block.merge
        assert isinstance(merge, Merge)
        if first and self._last_out is None:  # no earlier output to share: keep the run's input
            self._handles.append(block.register_forward_pre_hook(on_first_input))
        self._handles += [
            merge.register_forward_hook(on_merge, always_call=True),
            block.act.register_forward_hook(on_out),
        ]
        if capture_ops:
            self._handles += op_hooks(block, bt.ops, skip=("merge", "act"))

    def close(self) -> None:
        for h in self._handles:
            h.remove()
        self._handles.clear()


def op_hooks(
    parent: nn.Module, into: dict[str, torch.Tensor], prefix: str = "", skip: tuple[str, ...] = ()
) -> list[RemovableHandle]:
    """Forward hooks on every leaf layer at or below `parent`, capturing into `into`
    under its path (`prefix` names `parent` itself, e.g. "conv1" in the stem).
    Always copies: a layer's output is often a branch's too, and one copy per
    layer keeps the trace's size what `core.memory` says it is."""
    handles = []
    for name, m in parent.named_modules(prefix=prefix):
        if list(m.children()) or not name or name.split(".")[0] in skip:
            continue
        handles.append(m.register_forward_hook(lambda _m, _a, out, n=name: into.__setitem__(n, keep(out, share=False))))
    return handles


@contextmanager
def eval_mode(model: nn.Module) -> Iterator[None]:
    """Run in eval mode and restore the mode each module had."""
    training = [m for m in model.modules() if m.training]
    for m in training:
        m.training = False
    try:
        yield
    finally:
        for m in training:
            m.training = True


def enforce_memory_cap(trace: Trace, cap: int) -> None:
    """Drop the largest op-level tensors first (then block-level) until the
    captured bytes fit under `cap`; say what was dropped."""
    total = trace.captured_bytes
    if total <= cap:
        return
    holders = Counter(id(t) for store in trace.stores() for t in store.values())  # a tensor under two names
    candidates: list[tuple[int, int, str, dict[str, torch.Tensor], str]] = []
    for b in trace.blocks:
        candidates += [(0, -t.numel(), f"{b.name}.{k}", b.ops, k) for k, t in b.ops.items()]
    candidates += [(0, -t.numel(), f"stem.{k}", trace.stem_ops, k) for k, t in trace.stem_ops.items()]
    for b in trace.blocks:
        candidates += [(1, -t.numel(), f"{b.name}:{k}", b.tensors, k) for k, t in b.tensors.items() if k != "in"]
    for _, _neg, label, store, key in sorted(candidates, key=lambda c: (c[0], c[1])):
        if total <= cap:
            break
        t = store.pop(key)
        trace.dropped.append(label)
        holders[id(t)] -= 1
        if holders[id(t)] == 0:  # its last name: now its bytes are freed
            total -= t.numel() * t.element_size()
    trace.dropped.insert(
        0,
        i18n.t(
            "memory cap {cap} MB: dropped {count} tensors (largest op-level first)",
            cap=f"{cap / 2**20:.0f}",
            count=len(trace.dropped),
        ),
    )
