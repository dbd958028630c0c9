"""Start the app, or say in one line why it cannot start here."""

from __future__ import annotations

import ctypes.util
import os
import sys
import traceback
from typing import TYPE_CHECKING

from ..core.choices import EXIT_BAD_INPUT, PRETRAINED
from ..core.i18n import Language
from ..core.spec import ArchSpec

if TYPE_CHECKING:
    from types import TracebackType

    from .main_window import MainWindow

# Set to 1: print one line once the first trace is on screen, then close the window
# as a user would (install checks, tests/test_wheel_install.py).
QUIT_AFTER_FIRST_TRACE = "RESNET_VIEWER_QUIT_AFTER_FIRST_TRACE"


def display_problem() -> str | None:
    """Why Qt would abort on this machine, before it does (Qt's own failure is
    a crash with a long message)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "no display found (DISPLAY is not set): start it on a desktop, or run QT_QPA_PLATFORM=offscreen resnet-viewer to check it headless"
    if os.environ.get("DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        return "Qt's xcb platform needs libxcb-cursor0: install it (apt-get install libxcb-cursor0) and try again"
    return None


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """An unexpected error: a dialog with the details; the app keeps running."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    details = "".join(traceback.format_exception(kind, value, tb))
    print(details, file=sys.stderr)
    if QApplication.instance() is not None:
        title = QCoreApplication.translate("Launch", "resnet_viewer: unexpected error")
        box = QMessageBox(QMessageBox.Icon.Critical, title, f"{kind.__name__}: {value}")
        box.setDetailedText(details)
        box.exec()


def launch(
    spec: ArchSpec | None = None,
    image: str | None = None,
    weights: str | None = None,
    strict: bool = True,
    notes: list[str] | None = None,
    lang: Language | None = None,
) -> int:
    """`weights`: a file to load into `spec`, or "pretrained" (the preset's cached
    catalogue entry); `notes`: what the checkpoint the spec came from does not say;
    `lang`: `--lang` ("en" / "zh_CN"), None when not given (the GUI then uses the
    remembered View → Language choice, else the system locale)."""
    problem = display_problem()
    if problem:
        print(f"resnet-viewer: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT  # as a refused option: nothing was tried
    from PySide6.QtWidgets import QApplication

    from ..live.images import parse_source
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("resnet_viewer")
    app.setOrganizationName("resnet_viewer")
    sys.excepthook = _excepthook
    from ..core.i18n import parse_language
    from .language import install_language, startup_language
    from .settings import app_settings

    install_language(startup_language(app_settings(), parse_language(lang) if lang else None))
    window = MainWindow(spec=spec, source=parse_source(image) if image else None)
    if os.environ.get(QUIT_AFTER_FIRST_TRACE) == "1":
        _close_after_first_trace(window)
    window.show()
    if weights == PRETRAINED:
        from .pretrained_dialog import pretrained_at_start

        path, problem = pretrained_at_start(window.doc.spec)
        if problem:
            window.show_error(problem)
        weights = path
    if weights:
        window.load_weights_file(weights, strict)
        if notes is not None:
            window.checkpoints.show_notes(weights, notes)
    return int(app.exec())


def _close_after_first_trace(window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    def shown(_gen: int) -> None:
        window.trace_shown.disconnect(shown)
        res = window.result
        assert res is not None  # trace_shown follows a result
        error = f", error: {res.trace.error}" if res.trace.error else ""
        print(f"first trace shown: input {res.source.label} on {res.device}{error}", flush=True)
        QTimer.singleShot(0, window.close)

    window.trace_shown.connect(shown)
