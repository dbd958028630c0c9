"""Which devices exist, and why the others don't."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ..core.i18n import t


class DeviceError(RuntimeError):
    """A device that cannot be used; the session stays where it was."""


@dataclass(frozen=True)
class DeviceInfo:
    name: str  # "cpu", "cuda:0", "mps"
    label: str
    available: bool
    reason: str = ""


def list_devices() -> list[DeviceInfo]:
    devices = [DeviceInfo("cpu", "CPU", True)]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            devices.append(DeviceInfo(f"cuda:{i}", f"CUDA {i}: {torch.cuda.get_device_name(i)}", True))
    else:
        why = t("this torch build has no CUDA") if torch.version.cuda is None else t("no CUDA GPU or driver found")
        devices.append(DeviceInfo("cuda:0", "CUDA", False, why))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append(DeviceInfo("mps", "Apple MPS", True))
    else:
        devices.append(DeviceInfo("mps", "Apple MPS", False, t("only on Apple silicon with an MPS-enabled torch")))
    return devices


def resolve(name: str) -> torch.device:
    """'cuda' -> cuda:0; raises DeviceError naming what exists."""
    name = name.strip().lower()
    if name == "cuda":
        name = "cuda:0"
    known = {d.name: d for d in list_devices()}
    info = known.get(name)
    if info is None:
        if name.startswith("cuda:") and torch.cuda.is_available():
            n = torch.cuda.device_count()
            raise DeviceError(
                t(
                    "device {device}: this machine has {count} CUDA device(s), cuda:0 to cuda:{last}",
                    device=repr(name),
                    count=n,
                    last=n - 1,
                )
            )
        usable = ", ".join(d.name for d in known.values() if d.available)
        raise DeviceError(
            t("device {device}: unknown or not present; usable here: {usable}", device=repr(name), usable=usable)
        )
    if not info.available:
        raise DeviceError(t("device {device} is not available: {reason}", device=repr(name), reason=info.reason))
    if name.startswith("cuda"):
        exact_float32()
    return torch.device(name)


def exact_float32() -> None:
    """No TF32 on CUDA. Ampere and later GPUs run float32 convolutions in TF32
    by default (10-bit mantissa): measured on an H100, ResNet-50's logits moved by
    up to 1.5e-2 from the CPU's. A viewer whose numbers people compare across
    devices and branches wants float32 to mean float32."""
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
