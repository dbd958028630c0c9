"""File → Pretrained weights…: pick the current preset's catalogued weights,
download them with a cancellable progress bar, then load them.

The download and the hash check (hundreds of MB) run on a plain Python thread;
the dialog only receives Qt signals, so the window stays responsive. No torch
here: the loading itself goes through the engine like any weights file."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.catalogue import CatalogueError, WeightsEntry, default_for
from ..core.presets import matching_preset
from ..core.spec import ArchSpec
from ..live import download
from ..live.hub_cache import torch_hub_dir

PROGRESS_EVERY_S = 0.05  # at most ~20 progress signals a second


class DownloadWorker(QObject):
    """Fetches (or just verifies, when cached) one entry on its own thread."""

    progress = Signal(int, int)  # bytes so far, total (0: unknown)
    finished = Signal(str)  # the verified file
    failed = Signal(str)  # one sentence

    def __init__(self, entry: WeightsEntry) -> None:
        super().__init__()
        self.entry = entry
        self._cancel = threading.Event()
        self._last = 0.0
        # not `self.thread`: that would hide QObject.thread()
        self.download_thread = threading.Thread(target=self._run, name="resnet-viewer-download", daemon=True)

    def start(self) -> None:
        self.download_thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY_S or (total and done >= total):
            self._last = now
            self.progress.emit(done, total or 0)

    def _run(self) -> None:
        try:
            path = download.fetch(self.entry, progress=self._report, cancelled=self._cancel.is_set)
        except download.DownloadCancelled:
            self.failed.emit(self.tr("download cancelled; nothing was cached"))
        except OSError as e:  # DownloadError and disk errors: one sentence each
            self.failed.emit(str(e))
        else:
            self.finished.emit(str(path))


class PretrainedDialog(QDialog):
    chosen = Signal(str)  # a verified weights file to load

    def __init__(self, spec: ArchSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: DownloadWorker | None = None
        self.entries: list[WeightsEntry] = []
        self.preset = matching_preset(spec)
        self.failure: str | None = None  # the last download's error, kept across a language switch
        lay = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setMinimumWidth(520)  # unwrapped: a wrapped rich-text label under-reports its height
        self.state = QLabel()
        self.state.setWordWrap(True)  # an offline message names a URL and a path: wrap, never widen the dialog
        self.combo = QComboBox()
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.go: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.go.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.combo, self.info, self.state, self.bar, self.buttons):
            lay.addWidget(w)
        try:
            first = default_for(self.preset)
        except CatalogueError:
            self.combo.setVisible(False)
            self.go.setEnabled(False)
        else:
            from ..core import catalogue

            self.entries = [e for e in catalogue.CATALOGUE if e.preset == first.preset]
            self.default = first
            self.combo.addItems([e.name for e in self.entries])
            self.combo.currentIndexChanged.connect(self.describe)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Pretrained weights"))
        self.go.setText(self.tr("Use"))  # describe() says "Download and use" when the file is not cached
        if not self.entries:
            try:
                default_for(self.preset)
            except CatalogueError as e:  # the core's sentence, fetched again in the new language
                self.info.setText(str(e).removeprefix("--weights pretrained: "))
            return
        for i, entry in enumerate(self.entries):
            label = self.tr("{name} (default)").format(name=entry.name) if entry is self.default else entry.name
            self.combo.setItemText(i, label)
        self.describe()
        if self.failure is not None:
            self.state.setText(f"✗ {self.failure}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def entry(self) -> WeightsEntry:
        return self.entries[max(0, self.combo.currentIndex())]

    def describe(self, _index: int = 0) -> None:
        e = self.entry
        cached = (torch_hub_dir() / e.file_name).is_file()
        size = f"{'≈' if not e.size_exact else ''}{e.size / 2**20:.1f} MiB"
        host = urlsplit(e.url_from(os.environ.get(download.MIRROR_ENV))).netloc
        if cached:
            state = self.tr("in the cache: {path}").format(path=torch_hub_dir() / e.file_name)
        else:
            state = self.tr("not downloaded ({size} from {host})").format(size=size, host=host)
        self.info.setText(
            self.tr("<b>{name}</b> — {classes}, input {size}×{size}<br>{source}<br>licence: {license}").format(
                name=e.name, classes=e.classes, size=e.input_size, source=e.source, license=e.license
            )
        )
        self.state.setText(state)
        self.go.setText(self.tr("Use") if cached else self.tr("Download and use"))

    def start(self) -> None:
        if self.worker is not None:
            return
        self.failure = None
        self.worker = DownloadWorker(self.entry)
        self.worker.progress.connect(self.on_progress)
        self.worker.finished.connect(self.on_finished)
        self.worker.failed.connect(self.on_failed)
        self.go.setEnabled(False)
        self.combo.setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)  # busy until the first byte count (or while hashing a cached file)
        self.worker.start()

    def on_progress(self, done: int, total: int) -> None:
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, done / total)))
            self.bar.setFormat(f"{done / 2**20:.1f} / {total / 2**20:.1f} MiB")
        if total and done >= total:
            self.bar.setRange(0, 0)  # checking the SHA-256
            self.bar.setFormat(self.tr("verifying…"))

    def on_finished(self, path: str) -> None:
        self.worker = None
        self.chosen.emit(path)
        self.accept()

    def on_failed(self, message: str) -> None:
        self.worker = None
        self.failure = message
        self.bar.setVisible(False)
        self.go.setEnabled(True)
        self.combo.setEnabled(True)
        self.state.setText(f"✗ {message}")

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()  # on_failed follows; the dialog stays open to say so
        else:
            self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
        super().closeEvent(event)


def pretrained_at_start(spec: ArchSpec) -> tuple[str | None, str | None]:
    """`gui --weights pretrained`: (cached file, None) or (None, one-line reason). The
    hash is checked when the engine loads it, off the GUI thread."""
    from ..live.pretrained import NotCachedError

    try:
        entry = default_for(matching_preset(spec))
        path = download.cache_path(entry)
        if not path.is_file():
            raise NotCachedError(
                QCoreApplication.translate(
                    "PretrainedDialog",
                    "pretrained weights {name} are not downloaded ({path}); File → Pretrained weights… "
                    "fetches them (or: resnet-viewer weights --download {name})",
                ).format(name=entry.name, path=path)
            )
    except (CatalogueError, NotCachedError) as e:
        return None, str(e)
    return str(Path(path)), None
