"""LiveSession: the current spec, its model on a device and the current input,
kept in step incrementally.

`apply(spec)` rebuilds only what a spec change touches (a shortcut toggle in
layer3.1 replaces that block's `downsample`, nothing else) and remembers the
first block whose output is now stale; `run()` recomputes from there, reusing
the cached activations before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import torch
from torch.utils.hooks import RemovableHandle

from ..core.i18n import t
from ..core.layers import head_layers, main_layers, shortcut_layers, stem_layers
from ..core.spec import ArchSpec
from . import devices
from .images import InputSource, default_source, make_batch
from .model import ResidualBlock, ResNet
from .modules import ShapeMismatchError
from .trace import (
    DEFAULT_MEMORY_CAP,
    BlockHooks,
    BlockTrace,
    Trace,
    enforce_memory_cap,
    eval_mode,
    keep,
    op_hooks,
    wait_for_copies,
)
from .weights import LoadReport, apply_state_dict, read_state_dict

STEM = -1  # "recompute from the stem"


@dataclass
class ApplyResult:
    rebuilt: list[str] = field(default_factory=list)  # module paths built anew
    dirty_from: str | None = None  # first part whose output changed


class LiveSession:
    def __init__(self, spec: ArchSpec, seed: int = 0, device: str = "cpu", source: InputSource | None = None) -> None:
        self.seed = seed
        self.spec = spec
        self.model = ResNet(spec, seed).eval()  # inference only: no mode flips per run
        self.device = devices.resolve(device)
        self.model.to(self.device)
        self.capture_ops = False
        self.memory_cap = DEFAULT_MEMORY_CAP
        self.source = source or default_source()
        self._x = self._make_input(self.source, spec)
        self._cache: list[torch.Tensor | None] = [None] * len(spec.block_names())  # block outputs
        self._stem_out: torch.Tensor | None = None
        self._dirty: int | None = STEM
        self._trace: Trace | None = None

    # ---- input -----------------------------------------------------------
    def _make_input(self, source: InputSource, spec: ArchSpec) -> torch.Tensor:
        c, h, w = spec.input_shape
        return torch.from_numpy(make_batch(source, c, h, w, spec.batch)).to(self.device)

    @property
    def input(self) -> torch.Tensor:
        """The batch the next run reads (on the session's device)."""
        return self._x

    def set_input(self, source: InputSource) -> None:
        """Raises ImageError and keeps the previous input if the source is unusable."""
        x = self._make_input(source, self.spec)
        self.source, self._x = source, x
        self._mark_dirty(STEM)

    # ---- device ----------------------------------------------------------
    def set_device(self, name: str) -> None:
        dev = devices.resolve(name)  # raises DeviceError; nothing changed yet
        try:
            self.model.to(dev)
            self._x = self._x.to(dev)
        except (RuntimeError, torch.cuda.OutOfMemoryError) as e:
            self._fall_back_to_cpu()
            raise devices.DeviceError(
                t(
                    "could not move the model to {device}: {error}; staying on CPU",
                    device=dev,
                    error=str(e).splitlines()[0],
                )
            ) from None
        self.device = dev
        self._cache = [None] * len(self._cache)
        self._mark_dirty(STEM)

    def _fall_back_to_cpu(self) -> None:
        self.device = torch.device("cpu")
        self.model.to(self.device)
        self._x = self._x.to(self.device)
        self._cache = [None] * len(self._cache)
        self._mark_dirty(STEM)
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    # ---- weights ---------------------------------------------------------
    def load_weights(self, path: str, strict: bool = True) -> LoadReport:
        """Raises WeightsError (model untouched) when strict and anything does not fit."""
        state = read_state_dict(path)
        report = apply_state_dict(self.model, state, strict=strict, source=str(path))
        self._mark_dirty(STEM)
        return report

    # ---- spec ------------------------------------------------------------
    def _mark_dirty(self, index: int) -> None:
        self._dirty = index if self._dirty is None else min(self._dirty, index)

    def apply(self, new: ArchSpec) -> ApplyResult:
        """Bring the model to `new`, rebuilding only the parts that changed."""
        old, result = self.spec, ApplyResult()
        if new == old:
            return result
        if new.input_shape != old.input_shape or new.batch != old.batch:
            self._x = self._make_input(self.source, new)
            self._mark_dirty(STEM)
        if stem_layers(new) != stem_layers(old):
            self.model.replace_stem(new)
            result.rebuilt.append("stem")
            self._mark_dirty(STEM)
        self._apply_blocks(old, new, result)
        if head_layers(new) != head_layers(old):
            self.model.replace_head(new)
            result.rebuilt.append("fc")
            self._mark_dirty(len(new.block_names()))
        self.spec = new
        if self._dirty is not None:
            names = new.block_names()
            result.dirty_from = (
                "stem" if self._dirty == STEM else (names[self._dirty] if self._dirty < len(names) else "head")
            )
        return result

    def _apply_blocks(self, old: ArchSpec, new: ArchSpec, result: ApplyResult) -> None:
        old_blocks = dict(self.model.blocks())
        old_plans = {p.name: p for p in old.plan()}
        old_names = old.block_names()
        blocks: list[ResidualBlock] = []
        new_cache: list[torch.Tensor | None] = []
        for i, plan in enumerate(new.plan()):
            block, prev = old_blocks.get(plan.name), old_plans.get(plan.name)
            same_main = prev is not None and main_layers(old, prev) == main_layers(new, plan)
            same_short = prev is not None and shortcut_layers(prev) == shortcut_layers(plan)
            if block is None or not same_main:
                block = self.model.new_block(new, plan)
                result.rebuilt.append(plan.name)
                self._mark_dirty(i)
            elif not same_short:
                self.model.replace_shortcut(block, plan)
                result.rebuilt.append(f"{plan.name}.downsample")
                self._mark_dirty(i)
            elif prev != plan:
                block.relabel(plan)  # same layers, new label (e.g. conv1x1 -> conv1x1-all here)
            if i >= len(old_names) or old_names[i] != plan.name:
                self._mark_dirty(i)  # a block was added or removed before this one
            blocks.append(block)
            new_cache.append(self._cache[i] if i < len(self._cache) else None)
        self.model.set_blocks(new, blocks)
        self._cache = new_cache  # entries from the first stale block on are recomputed
        if len(new_cache) < len(old_names):
            self._mark_dirty(len(new_cache))  # blocks removed at the end: the head reads a new input

    # ---- run -------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget cached activations: the next run starts from the stem."""
        self._mark_dirty(STEM)

    @property
    def stale(self) -> bool:
        return self._dirty is not None

    def cached_outputs(self) -> list[torch.Tensor]:
        """What the session holds anyway and a trace may share storage with: the input
        batch, the stem's output and the block outputs it resumes from."""
        return [t for t in (self._x, self._stem_out, *self._cache) if t is not None]

    def run(self) -> Trace:
        """One forward pass without autograd, from the first stale block on."""
        if self._dirty is None and self._trace is not None:
            return self._trace
        start = STEM if self._dirty is None else self._dirty
        try:
            return self._run_from(start)
        except torch.cuda.OutOfMemoryError:
            self._fall_back_to_cpu()
            raise devices.DeviceError(t("CUDA ran out of memory for this network and input; moved to CPU")) from None

    def _input_of(self, index: int) -> torch.Tensor | None:
        """The cached activation that block `index` reads (the stem's output for block 0)."""
        return self._stem_out if index == 0 else self._cache[index - 1]

    def _resume_input(self, index: int) -> torch.Tensor:
        """`_input_of` where `_run_from` has checked that the cache holds it."""
        x = self._input_of(index)
        assert x is not None, f"no cached input for block {index}"
        return x

    def _run_from(self, start: int) -> Trace:
        """Recompute from block `start` (STEM: from the input), in eval mode without
        autograd; the blocks before it are the previous trace's, unchanged."""
        t0 = time.perf_counter()
        blocks = self.model.blocks()
        start = self._resume_point(start)
        first = max(start, 0)
        prev = self._trace
        kept = list(prev.blocks[:first]) if prev is not None and first > 0 else []
        stem_ops: dict[str, torch.Tensor] = dict(prev.stem_ops) if prev is not None and start != STEM else {}
        hooks = BlockHooks(blocks[first:], kept[-1].tensors.get("out") if kept else None, self.capture_ops)
        try:
            with eval_mode(self.model), torch.inference_mode():
                x = self._run_stem(stem_ops) if start == STEM else self._resume_input(first)
                logits, error_trace = self._run_blocks(blocks, first, x, hooks)
        finally:
            hooks.close()
        new_traces = [hooks.traces[n] for n, _ in blocks[first:] if hooks.traces[n].tensors]
        trace = Trace(
            device=str(self.device),
            input_label=self.source.label,
            input=keep(self._x),
            stem_ops=stem_ops,
            blocks=kept + new_traces,
            logits=logits,
            timings_ms={},
            recomputed_from="stem" if start == STEM else blocks[first][0] if first < len(blocks) else "head",
        )
        wait_for_copies(self.device)  # the forward and every captured tensor are done
        trace.timings_ms["forward"] = (time.perf_counter() - t0) * 1000
        enforce_memory_cap(trace, self.memory_cap)
        self._trace = trace
        self._dirty = None if error_trace is None else first + len(new_traces) - 1
        return trace

    def _resume_point(self, start: int) -> int:
        """`start`, or STEM when there is nothing valid to resume from (no cached
        input for that block, or no previous trace reaching it)."""
        prev = self._trace
        if start >= 0 and (self._input_of(start) is None or prev is None or len(prev.blocks) < start):
            return STEM
        return start

    def _run_stem(self, stem_ops: dict[str, torch.Tensor]) -> torch.Tensor:
        """The stem on the input, cached as block 0's input; its layers' outputs
        go into `stem_ops` when layers are captured."""
        handles: list[RemovableHandle] = []
        if self.capture_ops:
            for name in self.model.stem_names:
                handles += op_hooks(getattr(self.model, name), stem_ops, prefix=name)
        try:
            x = self._stem_out = self.model.forward_stem(self._x)
        finally:
            for h in handles:
                h.remove()
        return x

    def _run_blocks(
        self, blocks: list[tuple[str, ResidualBlock]], first: int, x: torch.Tensor, hooks: BlockHooks
    ) -> tuple[torch.Tensor | None, BlockTrace | None]:
        """Blocks `first`… then the head: (logits, None), each block's output cached
        for the next resume. A block whose branches cannot be added stops the run:
        (None, its trace with the error), and the cache from it on is cleared."""
        for i in range(first, len(blocks)):
            name, block = blocks[i]
            try:
                x = block(x)
            except ShapeMismatchError as e:
                error_trace = hooks.traces[name]
                error_trace.error = str(e)
                self._cache[i:] = [None] * (len(blocks) - i)
                return None, error_trace
            self._cache[i] = x
        return keep(self.model.forward_head(x)), None
