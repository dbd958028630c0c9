"""Every layer's output inside one block, on demand: the block alone is run
again on its captured input with a hook on each layer (`trace.op_hooks`), so
the normal run never pays for op-level capture. The session's model is in eval
mode, so one sample alone gives exactly what it gave in the batch."""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from .trace import eval_mode, op_hooks, wait_for_copies

if TYPE_CHECKING:
    from .model import ResNet


def block_op_outputs(model: ResNet, name: str, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """`x`: the block's input, C×H×W (the trace's first sample). Returns each
    leaf layer's output ("conv1", "downsample.0", ...) as C×H×W on the CPU.
    Raises KeyError for a block the model does not have."""
    block = dict(model.blocks())[name]
    device = next((p.device for p in block.parameters()), torch.device("cpu"))
    out: dict[str, torch.Tensor] = {}
    handles = op_hooks(block, out, skip=("merge", "act"))
    try:
        with torch.no_grad(), eval_mode(block):
            block(x.unsqueeze(0).to(device))
    finally:
        for h in handles:
            h.remove()
    wait_for_copies(device)
    return out
