"""Persistent settings (window layout, last spec and input, recent files).
RESNET_VIEWER_SETTINGS=/path/file.ini keeps them in that file (tests use it)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

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
