"""Persistent settings (window layout, last spec and input, recent files).
RESNET_VIEWER_SETTINGS=/path/file.ini keeps them in that file (tests use it)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from ..core.spec import ArchSpec
from ..live.images import InputSource

MAX_RECENT = 8


def app_settings() -> QSettings:
    path = os.environ.get("RESNET_VIEWER_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("resnet_viewer", "resnet_viewer")


def add_recent(settings: QSettings, key: str, path: str) -> list[str]:
    recent = [p for p in (settings.value(key, []) or []) if p != path]
    recent = [path, *recent][:MAX_RECENT]
    settings.setValue(key, recent)
    return recent


def saved_spec(settings: QSettings) -> ArchSpec | None:
    """The spec of the last session, if it is still valid."""
    text = settings.value("spec")
    try:
        return ArchSpec.from_json(str(text)) if text else None
    except ValueError:
        return None


def saved_source(settings: QSettings) -> InputSource | None:
    """The last image file, if it still exists."""
    kind, name = settings.value("source_kind"), settings.value("source_name")
    if kind == "file" and name and Path(str(name)).is_file():
        return InputSource("file", str(name))
    return None


def save_session(settings: QSettings, spec: ArchSpec, source: InputSource) -> None:
    settings.setValue("spec", spec.to_json())
    settings.setValue("source_kind", source.kind)
    settings.setValue("source_name", source.name)
