"""The main window: the graph in the centre, controls left, inspector right,
activations and the torchinfo summary at the bottom.

Every edit goes: Document (undoable spec) → infer → graph → layout → scene,
all on the GUI thread in milliseconds and without torch; then a LiveRequest
goes to the engine thread, and its result is shown only if no newer edit
has been made since (generation numbers)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import graph as graphs
from ..core import theme as themes
from ..core.choices import GRAPH_LEVELS, BlockName, GraphLevel, stage_of
from ..core.drawing import Layout
from ..core.files import read_spec, write_spec
from ..core.i18n import Language
from ..core.layout import layout
from ..core.presets import DEFAULT_PRESET, preset
from ..core.shapes import ShapeReport, infer
from ..core.spec import ArchSpec, SpecError
from ..live.images import InputSource, default_source
from ..live.jobs import LiveRequest, LiveResult
from .banner import Banner
from .checkpoint_actions import CheckpointActions
from .controls import ControlsPanel
from .coverage_view import CoverageUI
from .document import Document
from .engine import LiveEngine
from .file_dialogs import ask_images, ask_spec, ask_weights
from .forward_ui import ForwardUI
from .graph_scene import GraphScene
from .graph_view import GraphView
from .inspector import InspectorPanel
from .language import choose_language
from .menus import build_menus, retranslate_window, schedule_language_refresh
from .pixmaps import input_pixmap
from .run_guard import RunGuard, memory_label
from .settings import add_recent, app_settings, crashed_run, mark_running, save_session, saved_source, startup_spec
from .status_line import StatusLine
from .summary_tab import SummaryTab
from .view_state import ViewState
from .window_layout import arrange_docks, first_downsampling_block, first_run_geometry, scrolling

if TYPE_CHECKING:
    from .activations import ActivationsPanel


class MainWindow(QMainWindow):
    trace_shown = Signal(int)  # generation of the trace now on screen
    graph_drawn = Signal(float)  # milliseconds from edit to redrawn graph

    def __init__(
        self, spec: ArchSpec | None = None, source: InputSource | None = None, engine: LiveEngine | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle("resnet_viewer")
        self.settings = app_settings()
        saved, self.startup_note = startup_spec(self.settings)  # never raises; says why it was not used
        self.crashed_spec, self.guard = crashed_run(self.settings), RunGuard()
        mark_running(self.settings, None)  # read once: the next launch starts normally
        spec = spec or saved or preset(DEFAULT_PRESET)
        self.doc = Document(spec)
        self.level: GraphLevel = "block"
        self.overrides: dict[str, GraphLevel] = {}
        self.state = ViewState(infer(spec))  # selection, report, trace: the panels subscribe to it
        self.gen = 0
        self.stale_dropped = 0
        self.carried_messages: list[str] = []
        self.source = source or saved_source(self.settings) or default_source()
        self.accepted_source: InputSource | None = None
        self.device, self.accepted_device, self.seed = "cpu", "cpu", 0
        self.layout_: Layout | None = None
        self.last_edit_ms = 0.0
        self.last_error: str | None = None
        self.refresh_pending = False  # a language switch's refresh is queued (menus.schedule_language_refresh)
        self._arrange_on_show = False  # first run: size the docks once shown (restore_window decides)

        self.scene = GraphScene(themes.LIGHT)
        self.view = GraphView(self.scene)
        self.banner = Banner()  # errors and confirmations, above the graph where the eye is
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        self.setCentralWidget(centre)
        self.controls = ControlsPanel(self.doc)
        self.inspector = InspectorPanel()
        self._activations: ActivationsPanel | None = None  # built after the first paint (pyqtgraph is slow to import)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = SummaryTab()
        self.bottom = QTabWidget()
        self.bottom.addTab(self.placeholder, "")
        self.bottom.addTab(self.summary, "")
        self.docks = (  # object names stay English (restoreState finds the docks by them); titles are translated
            self.add_dock("Controls", scrolling(self.controls), Qt.DockWidgetArea.LeftDockWidgetArea),
            self.add_dock("Inspector", scrolling(self.inspector, squeeze=True), Qt.DockWidgetArea.RightDockWidgetArea),
            self.add_dock("Activations", self.bottom, Qt.DockWidgetArea.BottomDockWidgetArea),
        )
        self.status = StatusLine(self.statusBar())
        self.checkpoints = CheckpointActions(self)
        self.menus = build_menus(self)
        self.retranslate_ui()
        self.setAcceptDrops(True)

        self.engine = engine or LiveEngine()
        self.engine.result.connect(self.on_result)
        self.engine.failed.connect(self.on_failed)
        self.engine.status.connect(self.status.message.setText)
        self.engine.busy.connect(self.status.busy.setVisible)
        self.engine.torch_ready.connect(self.on_torch_ready)
        self.engine.ui_modules_ready.connect(self._build_plots)
        self._wire_signals()
        self.coverage_ui = CoverageUI(self)  # sampling overlay, clicked receptive field, aliasing demo
        self.forward_ui = ForwardUI(self)  # forward's lines <-> graph items, stepping with activations
        self.restore_window()
        self.on_spec_changed(spec)
        self.controls.set_source(self.source)
        self.select_block(first_downsampling_block(self.report) or "")  # open on the answer, not on a blank panel
        if self.startup_note:
            self.show_error(self.startup_note)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._arrange_on_show:  # first run: dock sizes only take once the window is shown
            self._arrange_on_show = False
            arrange_docks(self, *self.docks, self.width(), self.height())
        if self.selected:
            QTimer.singleShot(0, lambda: self.view.center_on_group(self.selected or "", centre=True))
        # after the first frame: the activation panel (pyqtgraph), then torch on the
        # engine thread (its import holds the GIL for a second)
        QTimer.singleShot(50, self._after_first_paint)  # 50 ms: the first frame lands first

    def _after_first_paint(self) -> None:
        self.engine.start()  # imports pyqtgraph, then torch; the panel is built when the first is in

    def _build_plots(self) -> None:
        self.activations.repaint()  # pyqtgraph paints in Python: do its first paint before torch's import starts
        self.engine.ui_built()

    @property
    def activations(self) -> ActivationsPanel:
        if self._activations is None:
            from .activations import ActivationsPanel

            self._activations = ActivationsPanel()
            current = self.bottom.currentIndex()
            self.bottom.removeTab(self.bottom.indexOf(self.placeholder))
            self.bottom.insertTab(0, self._activations, self.tr("Activations"))
            self.bottom.setCurrentIndex(current)
            self.coverage_ui.attach(self._activations)
            self._activations.watch(self.state)
        return self._activations

    # what the panels show: ViewState's, read here by the window's helpers (coverage, forward, launch)
    @property
    def report(self) -> ShapeReport:
        return self.state.report

    @property
    def selected(self) -> str | None:
        return self.state.selected

    @property
    def result(self) -> LiveResult | None:
        return self.state.result

    # ---- language (texts: gui/menus.py) ------------------------------------------
    def set_language(self, lang: Language) -> None:
        """View → Language: switch now (every widget relabels itself) and remember it."""
        choose_language(self.settings, lang)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            schedule_language_refresh(self)  # the graph and the run's texts, once per switch
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        retranslate_window(self)

    # ---- construction ------------------------------------------------------
    def add_dock(self, key: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock named by its English `key` (its saved position restores in any language)."""
        dock = QDockWidget(key, self)  # the title is set (translated) by retranslate_ui
        dock.setObjectName(f"dock_{key.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _wire_signals(self) -> None:
        self.doc.spec_changed.connect(self.on_spec_changed)
        self.state.report_changed.connect(self.redraw)  # first: the panels below may link to the new drawing
        for panel in (self.scene, self.inspector, self.summary):  # the activation panel joins when built
            panel.watch(self.state)
        c = self.controls
        c.error.connect(self.show_error)
        c.source_chosen.connect(
            lambda kind, value: self.set_source(
                InputSource("file", value) if kind == "file" else InputSource("pattern", value[0], value[1])
            )
        )
        c.open_image.connect(self.choose_image)
        c.load_weights.connect(self.choose_weights)
        c.device_chosen.connect(self.set_device)
        c.seed_chosen.connect(self.set_seed)
        c.reset.connect(self.reset_spec)
        v = self.view
        v.plan_of = lambda name: next((b.plan for b in self.report.blocks if b.name == name), None)
        v.block_clicked.connect(self.select_block)
        v.block_activated.connect(lambda g: self.set_detail(g, "block" if self.overrides.get(g) == "op" else "op"))
        v.set_shortcut.connect(
            lambda b, var: self.edit(
                lambda s: s.with_block_shortcut(b, var or None),
                self.tr("{block} shortcut {variant}").format(block=b, variant=var),
            )
        )
        v.set_stride.connect(
            lambda b, st: self.edit(
                lambda s: s.with_block_stride(b, st or None),
                self.tr("{block} stride {stride}").format(block=b, stride=st),
            )
        )
        v.set_detail.connect(self.set_detail)
        v.export_block.connect(lambda b: self.export_dialog(block=b))
        v.compare_block.connect(lambda b: self.export_dialog(block=b, compare=True))
        self.bottom.currentChanged.connect(self._on_tab_changed)

    # ---- the spec -> shapes -> graph path -------------------------------------
    def edit(self, change: Callable[[ArchSpec], ArchSpec], text: str) -> None:
        try:
            self.doc.edit(change(self.doc.spec), text)
        except (SpecError, ValueError) as e:
            self.show_error(str(e))

    def on_spec_changed(self, spec: ArchSpec) -> None:
        t0 = time.perf_counter()
        self.state.set_report(infer(spec))  # the graph is redrawn, the panels follow
        self.last_edit_ms = (time.perf_counter() - t0) * 1000
        self.status.shapes.setText(self.tr("shapes+graph {ms} ms").format(ms=f"{self.last_edit_ms:.1f}"))
        err = self.report.first_error
        self.status.message.setText(f"✗ {err.error}" if err else "")
        self.graph_drawn.emit(self.last_edit_ms)
        self.request_live()
        if err:  # the mismatch, whole, above the graph (after request_live, which clears old errors)
            self.banner.show_error(err.error or "")

    def redraw(self) -> None:
        g = graphs.build(self.report, self.level, self.overrides)
        self.layout_ = layout(g, "horizontal" if self.menus.horizontal.isChecked() else "vertical")
        first = self.scene.layout is None
        self.scene.show_layout(self.layout_)
        if first:
            self.view.centerOn(self.layout_.width / 2, 0)

    def set_level(self, level: GraphLevel) -> None:
        self.level, self.overrides = level, {}
        self.redraw()

    def set_detail(self, group: str, level: str) -> None:
        """`level` arrives as a signal's str (GraphView.set_detail): one of GRAPH_LEVELS."""
        detail = next((lv for lv in GRAPH_LEVELS if lv == level), None)
        if detail is None:
            raise ValueError(f"detail level {level!r}: allowed {', '.join(GRAPH_LEVELS)}")
        if BlockName.is_block(group):  # a block inside a collapsed stage: open the stage first
            self.overrides.pop(stage_of(group), None)
        self.overrides[group] = detail
        self.redraw()
        self.view.center_on_group(group)

    def select_block(self, name: str) -> None:
        self.state.select(name or None)  # a stage or the stem: ignored there, nothing to inspect

    # ---- live ------------------------------------------------------------------
    def _on_tab_changed(self, _index: int) -> None:
        if self.summary_visible():  # torchinfo's table is made on demand: run for it
            self.request_live()

    def summary_visible(self) -> bool:
        return self.bottom.currentWidget() is self.summary

    def request_live(self, keep_error: bool = False) -> None:
        if not keep_error:
            self.last_error = None  # a new user action: the old error has been read
            if self.banner.kind == "error":
                self.banner.dismiss()
            err = self.report.first_error
            if err:  # the mismatch belongs to the network on screen: it stays while the network does
                self.banner.show_error(err.error or "")
        est, refusal = self.guard.check(self.doc.spec, self.device, self.report)
        if refusal:  # too big for this machine: the previous trace stays on screen
            self.show_error(refusal)
            return
        self.status.memory.setText(memory_label(est))
        mark_running(self.settings, self.doc.spec)  # cleared when the run ends; left behind if it kills us
        self.gen += 1
        self.engine.submit(
            LiveRequest(
                self.gen, self.doc.spec, self.source, self.device, self.seed, want_summary=self.summary_visible()
            )
        )

    def on_result(self, res: LiveResult) -> None:
        if res.gen != self.gen:
            self.stale_dropped += 1  # a newer edit is on its way: never show this one
            self.carried_messages += res.messages  # but "weights … loaded" happened: say it with the next result
            return
        if self.carried_messages:
            res.messages[:0], self.carried_messages = self.carried_messages, []
        if self.result is None:
            # torch and the model are loaded: move them out of the cyclic GC's way.
            # Full collections scanning ~200k long-lived objects cost 100+ ms edits.
            gc.freeze()
        mark_running(self.settings, None)
        self.guard.ran(res.spec, res.device)
        self.accepted_source, self.accepted_device = res.source, res.device
        self.status.show_run(res, self.guard, show_prediction=self.last_error is None)  # an error stays until acted on
        for msg in res.messages:  # e.g. "weights … loaded": the status line above keeps the prediction
            self.banner.show_info(msg, 5000)
        if self.startup_note:  # again once the first trace is in: it stays until the user acts
            self.show_error(self.startup_note)
            self.startup_note = None
        self.controls.set_source_label(res.source.label, input_pixmap(res.trace.input.numpy()))
        self.activations  # noqa: B018  (built on the way already with the real engine; a trace needs it)
        self.state.set_result(res)  # the panels show it
        self.trace_shown.emit(res.gen)

    def on_failed(self, gen: int, message: str, details: str) -> None:
        mark_running(self.settings, None)
        self.show_error(message, details if gen < 0 else None)
        # a refused input or device: go back to what the session still has
        fallback = self.accepted_source or default_source()
        if self.source != fallback or self.device != self.accepted_device:
            self.source, self.device = fallback, self.accepted_device
            self.controls.set_device(self.device)
            self.controls.set_source(self.source)
            self.request_live(keep_error=True)

    def on_torch_ready(self, seconds: float) -> None:
        from ..live.devices import list_devices

        self.status.message.setText(self.tr("PyTorch loaded in {seconds} s").format(seconds=f"{seconds:.1f}"))
        self.controls.set_devices([(d.name, d.label, d.available, d.reason) for d in list_devices()], self.device)

    # ---- inputs, device, seed, weights ---------------------------------------------
    def set_source(self, source: InputSource) -> None:
        self.source = source
        self.controls.set_source(source)
        self.request_live()

    def set_device(self, name: str) -> None:
        self.device = name
        self.request_live()

    def set_seed(self, seed: int) -> None:
        self.seed = seed
        self.request_live()

    def choose_image(self) -> None:
        paths = ask_images(self)
        if paths:
            self.open_image_file(*paths)

    def open_image_file(self, path: str, *more: str) -> None:
        self._remember("recent_files", path)
        self.set_source(InputSource("file", path, more=tuple(more)))

    def choose_weights(self, strict: bool) -> None:
        path = ask_weights(self)
        if path:
            self.load_weights_file(path, strict)

    def load_weights_file(self, path: str, strict: bool = True) -> None:
        self.engine.load_weights(path, strict)
        self.request_live()

    def pretrained_dialog(self) -> None:
        from .pretrained_dialog import PretrainedDialog

        self.pretrained = PretrainedDialog(self.doc.spec, self)
        self.pretrained.chosen.connect(self.load_weights_file)
        self.pretrained.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        images = self.checkpoints.take_dropped(urls)  # a checkpoint replaces the network
        if images:
            self.open_image_file(*images)

    # ---- specs on disk ---------------------------------------------------------------
    def open_spec(self, path: str | None = None) -> None:
        if not path:
            path = ask_spec(self)
        if not path:
            return
        try:
            spec = read_spec(path)
        except ValueError as e:  # names the file and what is wrong
            self.show_error(str(e))
            return
        self._remember("recent_files", path)
        self.doc.edit(spec, self.tr("open {name}").format(name=Path(path).name))

    def open_spec_text(self, text: str) -> None:
        try:
            self.doc.edit(ArchSpec.from_json(text), self.tr("reopen last network"))
        except ValueError as e:
            self.show_error(self.tr("the last network cannot be reopened: {error}").format(error=e))

    def save_spec(self, path: str | None = None) -> None:
        if not path:
            path = ask_spec(self, save=True)
        if not path:
            return
        try:
            write_spec(path, self.doc.spec)  # atomic: a failed save keeps the old file
        except OSError as e:
            self.show_error(self.tr("could not save {path}: {error}").format(path=path, error=e))
            return
        self._remember("recent_files", path)
        self.show_info(self.tr("saved {path}").format(path=path), action_done=True)

    def reset_spec(self) -> None:
        self.doc.edit(preset(DEFAULT_PRESET), self.tr("reset"))

    def export_dialog(self, block: str | None = None, compare: bool = False) -> None:
        from .export_dialog import ExportDialog

        dlg = ExportDialog(self.doc.spec, self, block=block, compare=compare, selected=self.selected)
        if dlg.exec() and dlg.written:
            self.show_info(self.tr("exported {path}").format(path=dlg.written), action_done=True)

    def _remember(self, key: str, path: str) -> None:
        add_recent(self.settings, key, path)
        self.menus.fill_recent()

    # ---- messages and persistence ---------------------------------------------------
    def show_error(self, message: str, details: str | None = None) -> None:
        self.last_error = message
        self.status.message.setText(f"✗ {message}")
        self.status.message.setToolTip(message)
        self.banner.show_error(message)
        if details:
            box = QMessageBox(QMessageBox.Icon.Critical, "resnet_viewer", message, parent=self)
            box.setDetailedText(details)
            box.open()

    def show_info(self, message: str, ms: int = 5000, action_done: bool = False) -> None:
        """A confirmation: in the status bar, and for a few seconds above the graph.
        `action_done`: the user did something new (saved, exported), so an old error has been read."""
        if action_done and self.banner.kind == "error":
            self.banner.dismiss()
        self.status.message.setText(message)
        self.banner.show_info(message, ms)

    def restore_window(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # first run: large, but inside the screen (status bar included)
            self.setGeometry(first_run_geometry(self.screen().availableGeometry()))
        state = self.settings.value("window_state")
        self._arrange_on_show = not (isinstance(state, QByteArray) and self.restoreState(state))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        save_session(self.settings, self.guard.spec_to_save(self.doc.spec), self.accepted_source or self.source)
        self.settings.sync()
        self.engine.shutdown()
        super().closeEvent(event)
