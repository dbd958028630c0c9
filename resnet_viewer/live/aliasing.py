"""The aliasing demonstration: one block, alone at its own input resolution,
fed a fine checkerboard, with what each branch's strided layer reads and what
each branch outputs.

A period-2 checkerboard `A·(−1)^(y+x)` is the finest pattern an image can
hold. A strided 1×1 convolution (option B) keeps positions (2i, 2j), where the
pattern is +A everywhere: the shortcut sees a uniform, non-zero signal that
is not in the image. An average pool over 2×2 windows (ResNet-D) sums +A−A+A−A
and passes exactly 0. Option A's `x[:, :, ::2, ::2]` samples like the 1×1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from ..core import ops as core_ops
from ..core.i18n import t
from ..core.layers import Named, main_layers, shortcut_layers
from ..core.shapes import infer
from ..core.spec import ArchSpec
from .model import ResidualBlock, build_block


@dataclass(frozen=True)
class BranchView:
    """One branch on the pattern: what its strided layer takes in and what it gives."""

    branch: str  # "main" | "shortcut"
    strided_layer: str | None  # "downsample.0", "conv2"; None when nothing is strided
    reads: np.ndarray | None  # C×h×w: the values the strided layer combines (None: it reads windows)
    output: np.ndarray  # C×H×W

    @property
    def mean(self) -> float:
        return float(self.output.mean())

    @property
    def spatial_std(self) -> float:
        """Standard deviation over positions, averaged over channels (0: a uniform map)."""
        return float(self.output.std(axis=(1, 2)).mean())

    @property
    def rms(self) -> float:
        """Root mean square: how much signal there is (a uniform map has rms > 0, std 0)."""
        return float(np.sqrt((self.output.astype(np.float64) ** 2).mean()))

    @property
    def reads_mean(self) -> float | None:
        return None if self.reads is None else float(self.reads.mean())

    @property
    def reads_std(self) -> float | None:
        return None if self.reads is None else float(self.reads.std(axis=(1, 2)).mean())


@dataclass(frozen=True)
class AliasingDemo:
    block: str
    shortcut: str
    amplitude: float
    period: int
    pattern: np.ndarray  # H×W, one channel of the input (all channels are the same)
    main: BranchView
    shortcut_view: BranchView
    output: np.ndarray  # C×H×W after the add and the ReLU

    def describe(self) -> str:
        lines = [
            t(
                "{block}: checkerboard, period {period}, amplitude {amplitude}",
                block=self.block,
                period=self.period,
                amplitude=f"{self.amplitude:g}",
            )
        ]
        for v in (self.main, self.shortcut_view):
            layer = v.strided_layer or t("no stride")
            out = {"mean": f"{v.mean:.4g}", "rms": f"{v.rms:.4g}", "std": f"{v.spatial_std:.4g}"}
            if v.reads is None:
                line = t(
                    "{branch} ({layer}): output mean {mean}, rms {rms}, spatial std {std}",
                    branch=v.branch,
                    layer=layer,
                    **out,
                )
            else:
                line = t(
                    "{branch} ({layer}): output mean {mean}, rms {rms}, spatial std {std}"
                    " · reads mean {reads_mean}, spatial std {reads_std}",
                    branch=v.branch,
                    layer=layer,
                    reads_mean=f"{v.reads_mean:.4g}",
                    reads_std=f"{v.reads_std:.4g}",
                    **out,
                )
            lines.append("  " + line)
        return "\n".join(lines)


def checkerboard(channels: int, height: int, width: int, amplitude: float = 1.0, period: int = 2) -> torch.Tensor:
    """`amplitude` where (y // half + x // half) is even, `-amplitude` elsewhere; shape 1×C×H×W."""
    half = max(1, period // 2)
    y = torch.arange(height).view(-1, 1) // half
    x = torch.arange(width).view(1, -1) // half
    signs = 1.0 - 2.0 * ((y + x) % 2).to(torch.float32)
    return (amplitude * signs).expand(1, channels, height, width).contiguous()


def _run_branch(
    branch: str, layers: Named, modules: list[nn.Module], x: torch.Tensor
) -> tuple[BranchView, torch.Tensor]:
    reads: torch.Tensor | None = None
    strided: str | None = None
    for (name, op), module in zip(layers, modules, strict=True):
        y = module(x)
        if strided is None and op.window.stride > 1:
            strided = name
            w = op.window
            if w.kernel == 1:  # a strided 1×1 or x[::s, ::s]: it reads only the kept positions
                reads = x[:, :, :: w.stride, :: w.stride]
            elif isinstance(op, core_ops.Pool):  # what the next layer reads is the pooled map
                reads = y
        x = y
    as_array = None if reads is None else reads[0].cpu().numpy().copy()
    return BranchView(branch, strided, as_array, x[0].cpu().numpy().copy()), x


def _modules(block: ResidualBlock, layers: Named) -> list[nn.Module]:
    return [block.get_submodule(name) for name, _ in layers]


@torch.no_grad()
def run_aliasing(
    spec: ArchSpec,
    block_name: str,
    amplitude: float = 1.0,
    period: int = 2,
    seed: int = 0,
    block: ResidualBlock | None = None,
) -> AliasingDemo:
    """Feed `block_name` (built from `spec` and `seed`, or the given live block)
    a checkerboard at its own input resolution, in eval mode."""
    report = infer(spec)
    b = report.block(block_name)
    if b.in_shape is None or b.status != "ok":
        raise ValueError(
            t(
                "{block}: the block cannot run ({reason}).",
                block=block_name,
                reason=b.error or t("it comes after an error"),
            )
        )
    if block is None:
        block = build_block(spec, b.plan, seed)
    was_training = block.training
    block.eval()
    try:
        device = next(block.parameters(), torch.zeros(())).device
        x = checkerboard(b.plan.in_ch, b.in_shape[2], b.in_shape[3], amplitude, period).to(device)
        m_layers, s_layers = main_layers(spec, b.plan), shortcut_layers(b.plan)
        main, main_out = _run_branch("main", m_layers, _modules(block, m_layers), x)
        short, short_out = _run_branch("shortcut", s_layers, _modules(block, s_layers), x)
        out = block.act(block.merge(main_out, short_out, x))
    finally:
        block.train(was_training)
    return AliasingDemo(
        block_name, b.plan.shortcut, amplitude, period, x[0, 0].cpu().numpy().copy(), main, short, out[0].cpu().numpy()
    )
