"""LiveEngine: runs the live model on a worker thread for the GUI.

The GUI submits requests; the worker always takes the newest one (older ones
still waiting are skipped), runs it with the plain functions of live.jobs, and
emits the result. The window drops any result whose generation is older than
its latest edit, so a stale trace is never shown. torch is imported on the
worker, after the window is up."""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..live.jobs import LiveRequest

if TYPE_CHECKING:  # imported on the worker (torch)
    import torch

    from ..live.jobs import SessionHolder


class LiveEngine(QObject):
    result = Signal(object)  # LiveResult
    failed = Signal(int, str, str)  # gen, message, details
    status = Signal(str)
    busy = Signal(bool)
    torch_ready = Signal(float)  # seconds it took to import torch
    ui_modules_ready = Signal()  # pyqtgraph is imported: the window can build its plots
    ops_ready = Signal(object)  # (key, {layer: tensor} or an error message): one block's layer outputs

    def __init__(self) -> None:
        super().__init__()
        self._cond = threading.Condition()
        self._latest: LiveRequest | None = None
        self._weights: list[tuple[str, bool]] = []  # actions are never coalesced away
        self._ops: tuple[object, str, torch.Tensor] | None = None  # (key, block, input tensor): newest only
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="resnet-viewer-live", daemon=True)
        self._started = False
        self._ui_built = threading.Event()

    def ui_built(self) -> None:
        """The window has built what needed the UI modules: go on to import torch."""
        self._ui_built.set()

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def submit(self, req: LiveRequest) -> None:
        with self._cond:
            self._latest = req
            self._cond.notify()

    def capture_ops(self, key: object, block: str, x: torch.Tensor) -> None:
        """Ask for `block`'s layer outputs on input `x` (C×H×W); answered by
        ops_ready with `key`, after any pending run (the caller drops stale keys)."""
        with self._cond:
            self._ops = (key, block, x)
            self._cond.notify()

    def load_weights(self, path: str, strict: bool) -> None:
        with self._cond:
            self._weights.append((path, strict))
            self._cond.notify()

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        if self._started:
            self._thread.join(timeout)

    def _take(self) -> LiveRequest | tuple[object, str, torch.Tensor] | None:
        with self._cond:
            while not self._stop and self._latest is None and self._ops is None:
                self._cond.wait()
            if self._stop:
                return None
            if self._latest is None:  # no run waiting: the op capture goes now
                ops, self._ops = self._ops, None
                return ops
            req, self._latest = self._latest, None
            if self._weights:
                req = replace(req, weights=self._weights.pop(0))
            return req

    def _loop(self) -> None:
        # a plain module import, off the GUI thread; widgets are made on the GUI thread
        import pyqtgraph  # noqa: F401

        self.ui_modules_ready.emit()
        # let the window build its plots before torch's import competes for the GIL
        self._ui_built.wait(timeout=2.0)
        self.status.emit(self.tr("loading PyTorch…"))
        t0 = time.perf_counter()
        try:
            import torch  # noqa: F401  (the slow import happens here, off the GUI thread)

            from ..live.jobs import SessionHolder
        except Exception as e:  # pragma: no cover - a broken torch install
            self.failed.emit(
                -1, self.tr("PyTorch could not be loaded: {error}").format(error=e), traceback.format_exc()
            )
            return
        self.torch_ready.emit(time.perf_counter() - t0)
        holder = SessionHolder()
        while True:
            req = self._take()
            if req is None:
                return
            if isinstance(req, tuple):
                self._capture(holder, *req)
                continue
            self.busy.emit(True)
            try:
                self.result.emit(holder.handle(req))
            except Exception as e:  # every failure reaches the window as a message
                self.failed.emit(req.gen, str(e), traceback.format_exc())
            finally:
                with self._cond:
                    more = self._latest is not None
                self.busy.emit(more)

    def _capture(self, holder: SessionHolder, key: object, block: str, x: torch.Tensor) -> None:
        from ..live.block_ops import block_op_outputs

        session = holder.session
        try:
            if session is None:
                raise RuntimeError(self.tr("the model has not run yet"))
            self.ops_ready.emit((key, block_op_outputs(session.model, block, x)))
        except Exception as e:  # a block that cannot run, a model rebuilt meanwhile: say so, never crash
            self.ops_ready.emit(
                (key, self.tr("{block}'s layers could not be captured: {error}").format(block=block, error=e))
            )
