"""`open_checkpoint(path)`: a checkpoint file as it is → the network it holds.

Reading is `checkpoint_read` (format by content, sizes checked before
inflating); this module unwraps the training framework's wrappers, renames
keys with the core's rule table, refuses non-float parameters, and asks the
pure core (`core.checkpoint_infer`) which network the shapes describe.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import torch

from ..core.checkpoint_infer import CheckpointError, infer_spec
from ..core.checkpoint_names import rename_keys
from ..core.i18n import t
from ..core.spec import ArchSpec
from .checkpoint_read import CheckpointReadError, read_tensors

# Where training code keeps the weights inside what it saves, in the order tried.
WRAPPERS = ("state_dict", "model_state_dict", "model", "net", "ema", "state_dict_ema", "model_ema")
FLOAT_SUFFIXES = (".weight", ".bias", ".running_mean", ".running_var")


class Checkpoint(NamedTuple):
    """What a checkpoint file holds; unpacks as `spec, state_dict, notes`."""

    spec: ArchSpec
    state_dict: dict[str, torch.Tensor]  # this project's names
    notes: list[str]


def unwrap(p: Path, data: object) -> tuple[dict[str, torch.Tensor], list[str]]:
    """The dict of tensors inside whatever the training code saved."""
    notes: list[str] = []
    while isinstance(data, dict):
        key = next((k for k in WRAPPERS if isinstance(data.get(k), dict) and data[k]), None)
        if key is None:
            break
        others = sorted(str(k) for k in data if k != key)[:4]
        if others:
            notes.append(
                t(
                    "weights taken from the file's {key} entry (beside {others})",
                    key=repr(key),
                    others=", ".join(others),
                )
            )
        else:
            notes.append(t("weights taken from the file's {key} entry", key=repr(key)))
        data = data[key]
    if not isinstance(data, dict) or not data:
        what = t("an empty dict") if isinstance(data, dict) else type(data).__name__
        raise CheckpointReadError(
            t("{path}: expected a state_dict (a dict of name → tensor), got {what}", path=p, what=what)
        )
    bad = next((k for k, v in data.items() if not isinstance(v, torch.Tensor)), None)
    if bad is not None:
        raise CheckpointReadError(
            t(
                "{path}: not a state_dict — {key} is a {kind}, not a tensor",
                path=p,
                key=repr(bad),
                kind=type(data[bad]).__name__,
            )
        )
    return dict(data), notes


def check_dtypes(p: Path, state: dict[str, torch.Tensor]) -> None:
    """Parameters and BN statistics must be floating point (fp16/bf16 are fine)."""
    for k, v in state.items():
        if k.endswith(FLOAT_SUFFIXES) and not v.is_floating_point():
            raise CheckpointReadError(
                t(
                    "{path}: {key} holds {dtype} values where a float parameter belongs",
                    path=p,
                    key=repr(k),
                    dtype=str(v.dtype).removeprefix("torch."),
                )
            )


def read_state_dict(path: str | Path) -> tuple[dict[str, torch.Tensor], list[str]]:
    """Read, unwrap, rename, check dtypes: this project's names → tensors, and notes."""
    p = Path(path)
    data, _kind = read_tensors(p)
    state, notes = unwrap(p, data)
    mapping, rename_notes = rename_keys(state)
    renamed = {mapping[k]: v for k, v in state.items()}
    if len(renamed) != len(state):
        raise CheckpointReadError(
            t("{path}: two keys get the same name after renaming; the file mixes naming schemes", path=p)
        )
    check_dtypes(p, renamed)
    return renamed, notes + rename_notes


def open_checkpoint(path: str | os.PathLike[str], num_classes: int | None = None) -> Checkpoint:
    """The network a checkpoint file holds: its inferred ArchSpec, the state_dict in
    this project's names, and notes on what the file cannot settle. Raises
    CheckpointReadError / CheckpointError (both ValueError) with one sentence."""
    p = Path(path)
    state, notes = read_state_dict(p)
    shapes = {k: tuple(v.shape) for k, v in state.items()}
    try:
        spec, infer_notes = infer_spec(shapes, num_classes=num_classes)
    except CheckpointError as e:
        raise CheckpointError(f"{p}: {e}") from None
    if num_classes is not None and num_classes != shapes["fc.weight"][0]:
        state = {k: v for k, v in state.items() if not k.startswith("fc.")}  # the new head starts fresh
    return Checkpoint(spec, state, notes + infer_notes)


def load_checkpoint_model(
    path: str | Path, num_classes: int | None = None, seed: int = 0
) -> tuple[torch.nn.Module, Checkpoint]:
    """open_checkpoint + the live model with the file's weights in it."""
    from .model import build_model

    ck = open_checkpoint(path, num_classes)
    model = build_model(ck.spec, seed)
    model.load_state_dict(ck.state_dict, strict=False)  # every key fits: infer_spec checked each shape
    return model.eval(), ck
