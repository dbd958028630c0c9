"""GraphView: zoom (wheel, Ctrl +/-), pan (drag), fit (F), hover tooltips,
click to select a block, right-click for the block's menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QContextMenuEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QMenu

from ..core import shortcuts
from ..core.choices import BlockName, stage_number, stage_of
from ..core.spec import BlockPlan
from .graph_scene import EDGE, GROUP, NODE, GraphScene


class GraphView(QGraphicsView):
    block_clicked = Signal(str)  # a block ("layer2.0") or stage ("layer2") or "" for empty space
    item_clicked = Signal(object)  # before block_clicked: ("node", id) or ("edge", src, dst) under the click
    block_activated = Signal(str)  # double click: show / hide the block's ops
    # context-menu requests
    set_shortcut = Signal(str, str)  # block, variant ("" = the spec's default)
    set_stride = Signal(str, int)  # block, stride (0 = the stage's own)
    set_detail = Signal(str, str)  # block or stage, its level (one of core.choices.GRAPH_LEVELS)
    export_block = Signal(str)
    compare_block = Signal(str)

    def __init__(self, scene: GraphScene) -> None:
        super().__init__(scene)
        self.graph_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        # the current plan of a block, asked when its menu opens (set by the window)
        self.plan_of: Callable[[str], BlockPlan | None] = lambda name: None
        self._press: QPoint | None = None

    # ---- zoom and fit ------------------------------------------------------
    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.05 <= scale <= 8:
            self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.graph_scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def center_on_group(self, group: str, centre: bool = False) -> None:
        rect = self.graph_scene.frame_rect(group)
        if rect is not None and centre:
            self.centerOn(rect.center())
        elif rect is not None:
            self.ensureVisible(rect, 40, 40)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # shift+wheel scrolls
            return
        self.zoom(1.0015 ** event.angleDelta().y())

    # ---- selection ---------------------------------------------------------
    def group_at(self, pos: QPoint) -> str:
        for item in self.items(pos):
            group = item.data(GROUP)
            if group:
                return str(group)
        return ""

    def target_at(self, pos: QPoint) -> tuple[str, ...] | None:
        """The box or wire under `pos` as ("node", id) / ("edge", src, dst)."""
        for item in self.items(pos):
            if item.data(NODE):
                return ("node", str(item.data(NODE)))
            if item.data(EDGE):
                src, dst = item.data(EDGE)
                return ("edge", str(src), str(dst))
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (
            self._press is not None
            and (pos - self._press).manhattanLength() < 4
            and event.button() == Qt.MouseButton.LeftButton
        ):
            target = self.target_at(pos)  # before the selection, which may scroll the view
            if target is not None:  # first: a box of the block selected until now
                self.item_clicked.emit(target)
            self.block_clicked.emit(self.group_at(pos))  # a click, not the end of a drag
        self._press = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        group = self.group_at(event.position().toPoint())
        if group:
            self.block_activated.emit(group)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        group = self.group_at(event.pos())
        menu = self.block_menu(group)
        if menu is not None:
            menu.exec(event.globalPos())

    def block_menu(self, group: str) -> QMenu | None:
        if not BlockName.is_block(group):
            if stage_number(group) is not None:
                menu = QMenu(self)
                menu.addAction(
                    self.tr("Show the blocks of {stage}").format(stage=group),
                    lambda: self.set_detail.emit(group, "block"),
                )
                menu.addAction(
                    self.tr("Collapse {stage}").format(stage=group), lambda: self.set_detail.emit(group, "stage")
                )
                return menu
            return None
        menu = QMenu(self)
        menu.setTitle(group)
        sc = menu.addMenu(self.tr("Shortcut"))
        grp = QActionGroup(sc)
        plan = self.plan_of(group)
        current = plan.shortcut if plan else None
        for v in shortcuts.VARIANTS:
            act = QAction(v.name, sc, checkable=True, checked=v.name == current)
            act.setToolTip(v.description)
            act.triggered.connect(lambda _=False, name=v.name: self.set_shortcut.emit(group, name))
            grp.addAction(act)
            sc.addAction(act)
        sc.addSeparator()
        sc.addAction(self.tr("Network default"), lambda: self.set_shortcut.emit(group, ""))
        st = menu.addMenu(self.tr("Stride"))
        for s in (1, 2):
            act = QAction(
                self.tr("stride {n}").format(n=s), st, checkable=True, checked=plan is not None and plan.stride == s
            )
            act.triggered.connect(lambda _=False, s=s: self.set_stride.emit(group, s))
            st.addAction(act)
        st.addSeparator()
        st.addAction(self.tr("Stage default"), lambda: self.set_stride.emit(group, 0))
        menu.addSeparator()
        menu.addAction(self.tr("Show its layers (op level)"), lambda: self.set_detail.emit(group, "op"))
        menu.addAction(self.tr("Collapse to one block"), lambda: self.set_detail.emit(group, "block"))
        menu.addAction(
            self.tr("Collapse stage {stage}").format(stage=stage_of(group)),
            lambda: self.set_detail.emit(stage_of(group), "stage"),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Export this block…"), lambda: self.export_block.emit(group))
        menu.addAction(self.tr("Compare shortcuts…"), lambda: self.compare_block.emit(group))
        return menu
