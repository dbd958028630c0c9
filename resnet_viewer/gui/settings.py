"""Persistent settings (window layout, last spec and input, recent files).
RESNET_VIEWER_SETTINGS=/path/file.ini keeps them in that file (tests use it).

Qt writes the file atomically (QSaveFile: a temporary file renamed into place).
A marker file beside them (`….running`) holds the spec of a run in progress
and is removed when the run ends: if it is still there at start-up, that run killed the app (out
of memory, most likely) and is not started again by itself."""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QSettings

from ..core.spec import ArchSpec
from ..live.images import InputSource

MAX_RECENT = 8


def app_settings() -> QSettings:
    path = os.environ.get("RESNET_VIEWER_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("resnet_viewer", "resnet_viewer")


def add_recent(settings: QSettings, key: str, path: str) -> list[str]:
    stored = cast("list[str]", settings.value(key, []) or [])  # what add_recent stored
    recent = [p for p in stored if p != path]
    recent = [path, *recent][:MAX_RECENT]
    settings.setValue(key, recent)
    return recent


def saved_spec(settings: QSettings) -> ArchSpec | None:
    """The spec of the last session, if it is still valid."""
    return startup_spec(settings)[0]


def startup_spec(settings: QSettings) -> tuple[ArchSpec | None, str | None]:
    """The spec to open with, and a note for the status bar when the saved one
    is not used. Never raises: a broken settings file must not stop the app."""
    text = settings.value("spec")
    if not text:
        return None, None
    try:
        spec = ArchSpec.from_json(str(text))
    except Exception as e:  # TypeError, RecursionError, ...: any of them means "not usable"
        detail = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
        return None, QCoreApplication.translate(
            "Settings", "the saved network could not be read ({detail}); opened the default network"
        ).format(detail=detail)
    if crashed_run(settings) is not None:
        return None, QCoreApplication.translate(
            "Settings",
            "the last session ended while this app was running a network (out of memory?); "
            "opened the default network — File → Reopen last network to try it again",
        )
    return spec, None


def _marker(settings: QSettings) -> Path:
    return Path(settings.fileName() + ".running")


def crashed_run(settings: QSettings) -> str | None:
    """The spec JSON of a run that never finished (the app was killed during it)."""
    try:
        return _marker(settings).read_text(encoding="utf-8") or None
    except (OSError, UnicodeDecodeError):
        return None


def mark_running(settings: QSettings, spec: ArchSpec | None) -> None:
    """Set (a run starts) or clear (it ended) the marker, on disk at once: a process
    killed by the kernel gets no chance to write it later. A file of its own beside
    the settings: rewriting the whole settings file on every edit took ~11 ms."""
    marker = _marker(settings)
    try:
        if spec is None:
            marker.unlink(missing_ok=True)
        else:
            marker.write_text(spec.to_json(), encoding="utf-8")
    except OSError:
        pass  # a read-only config folder: the app still runs, without this safety net


def saved_source(settings: QSettings) -> InputSource | None:
    """The last image file, if it still exists."""
    kind, name = settings.value("source_kind"), settings.value("source_name")
    if kind == "file" and name and Path(str(name)).is_file():
        return InputSource("file", str(name))
    return None


def save_session(settings: QSettings, spec: ArchSpec, source: InputSource) -> None:
    """On a clean close: a run still in flight did not kill the app."""
    mark_running(settings, None)
    settings.setValue("spec", spec.to_json())
    settings.setValue("source_kind", source.kind)
    settings.setValue("source_name", source.name)
