"""Class names shipped with the package (assets/labels/*.txt, one a line in
class-index order), matched to a network's head by its number of outputs."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .catalogue import LABEL_SET_SIZES

# The checkout keeps assets/ beside the package. Once assets ship inside the wheel
# (importlib.resources, "resnet_viewer.assets"), that copy is read first.
_CHECKOUT_ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _label_text(name: str) -> str:
    try:
        ref = resources.files("resnet_viewer").joinpath("assets", "labels", f"{name}.txt")
        if ref.is_file():
            return ref.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    return (_CHECKOUT_ASSETS / "labels" / f"{name}.txt").read_text(encoding="utf-8")


@cache
def label_set(name: str) -> tuple[str, ...]:
    """All names of a label set ("imagenet1k", "cifar10")."""
    if name not in LABEL_SET_SIZES:
        raise ValueError(f"labels: unknown set {name!r}; known: {', '.join(LABEL_SET_SIZES)}")
    names = tuple(line.strip() for line in _label_text(name).splitlines() if line.strip())
    if len(names) != LABEL_SET_SIZES[name]:
        raise ValueError(f"labels: {name}.txt has {len(names)} names, expected {LABEL_SET_SIZES[name]}")
    return names


def set_for_head(num_classes: int) -> str | None:
    """The known label set with exactly this many classes, if any."""
    return next((n for n, size in LABEL_SET_SIZES.items() if size == num_classes), None)


def label(set_name: str | None, index: int) -> str | None:
    if set_name is None:
        return None
    names = label_set(set_name)
    return names[index] if 0 <= index < len(names) else None
