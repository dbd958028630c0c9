"""Combo boxes whose items are translated: each item keeps its English key as
item data, so the logic reads the key while the label follows the language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtWidgets import QComboBox


def add_keys(combo: QComboBox, keys: Iterable[str]) -> None:
    for k in keys:
        combo.addItem(k, k)


def relabel(combo: QComboBox, labels: dict[str, str]) -> None:
    """Show each item as labels[key] (the key itself where no label is given)."""
    for i in range(combo.count()):
        k = combo.itemData(i)
        combo.setItemText(i, labels.get(k, k))


def key(combo: QComboBox) -> str:
    data = combo.currentData()
    return data if isinstance(data, str) else combo.currentText()


K = TypeVar("K", bound=str)


def key_of(combo: QComboBox, allowed: tuple[K, ...]) -> K:
    """The current key as one of `allowed`, the fixed set the combo was filled from
    (core/choices.py), typed as that set's Literal."""
    k = key(combo)
    for a in allowed:
        if a == k:
            return a
    raise ValueError(f"{combo.objectName() or 'combo box'}: {k!r} is not one of {', '.join(allowed)}")


def set_key(combo: QComboBox, k: str) -> None:
    i = combo.findData(k)
    if i >= 0:
        combo.setCurrentIndex(i)
