"""Wires the Python view (gui/forward_view.py) into the window: a hovered or
current line of `forward` highlights the graph item it produces, a click on a
box or wire of the selected block makes its line current, ◀ ▶ (Alt+←/→, [ ])
step through `forward`, and at each step the activation panel shows the
tensors as they stand after that line (x, out, identity, the sum, the ReLU).

The layer outputs inside the block (out after conv1, bn1, …) are not in the
normal trace: on the first step into one, the engine runs the selected block
alone with a hook per layer (live/block_ops.py), off the GUI thread; an answer
for an older trace or another block is dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from ..core import graph as graphs
from ..core.choices import BRANCHES
from ..core.forward_links import Target
from ..core.graph import Graph
from ..core.shapes import ShapeReport

if TYPE_CHECKING:
    from .main_window import MainWindow

STEP_KEYS = {"Alt+Right": 1, "]": 1, "Alt+Left": -1, "[": -1}


class ForwardUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.inspector.forward
        self.view.graph_of = self.graph_on_screen
        self.ops: dict[str, Any] = {}  # layer -> C×H×W tensor, for `ops_key`
        self.ops_key: tuple[int, str] | None = None  # (trace generation, block) the layers belong to
        self.asked: tuple[int, str] | None = None  # the capture in flight
        self.ops_note = ""  # why the layers are missing, when they are
        self.failed: tuple[int, str] | None = None  # a capture that failed: not asked again for that trace
        self.showing_step = False  # the activation panel shows a step, not the block as it ran
        self.revealed: tuple[str | None, int] | None = None  # the line whose item was last scrolled into view
        self.stale_dropped = 0
        window.scene.layout_shown.connect(self.view.refresh_links)
        self.view.line_hovered.connect(self.on_hover)
        self.view.line_chosen.connect(self.on_line)
        window.view.item_clicked.connect(self.on_item_clicked)
        window.trace_shown.connect(lambda _gen: self.on_trace())
        window.engine.ops_ready.connect(self.on_ops)
        window.activations.installEventFilter(self)  # a language switch: the step's captions, said again
        self.shortcuts = []
        for keys, delta in STEP_KEYS.items():
            sc = QShortcut(QKeySequence(keys), window)
            sc.activated.connect(lambda d=delta: self.view.step(d))
            self.shortcuts.append(sc)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and self.showing_step:
            # after the panel has relabelled itself (which shows the block's own captions)
            QTimer.singleShot(0, self._show_step_again)
        return super().eventFilter(watched, event)

    def graph_on_screen(self, report: ShapeReport) -> Graph:
        """The graph as drawn now (its boxes and wires), so a line links to what is on screen."""
        lay = self.window.layout_
        if lay is None:
            return graphs.build(report, self.window.level, self.window.overrides)
        return Graph({k: b.node for k, b in lay.boxes.items()}, tuple(w.edge for w in lay.wires), ())

    # ---- graph -------------------------------------------------------------------
    def on_hover(self, row: int) -> None:
        if row < 0:  # the mouse left the lines: back to the current line
            row = self.view.current()
        self._highlight(row)

    def on_line(self, row: int) -> None:
        self._highlight(row)
        if row < 0:
            self.revealed = None
            if self.showing_step:
                self.showing_step = False
                self.window.activations.show_selected()  # the block as it ran, whole
            return
        if (self.view.block, row) != self.revealed:  # a new line, not a redraw: bring its item into view
            self.revealed = (self.view.block, row)
            self._reveal()
        self.show_step(row)

    def _highlight(self, row: int) -> None:
        links = self.view.links
        self.window.scene.highlight(links[row].targets if 0 <= row < len(links) else ())

    def _reveal(self) -> None:
        items = self.window.scene.highlighted_items()
        if items:
            rect = items[0].sceneBoundingRect()
            for it in items[1:]:
                rect = rect.united(it.sceneBoundingRect())
            self.window.view.ensureVisible(rect, 30, 30)

    def on_item_clicked(self, target: Target) -> None:
        """A click on a box or wire of the block selected when it came: show its
        line (a click on another block only selects that block)."""
        if self.view.block is not None and target in {t for link in self.view.links for t in link.targets}:
            self.view.choose_target(target)

    # ---- activations -------------------------------------------------------------
    def on_trace(self) -> None:
        if self.view.current() >= 0:
            self.show_step(self.view.current())  # the new trace replaced the step's pictures

    def _show_step_again(self) -> None:
        if self.showing_step and self.view.current() >= 0:
            self.show_step(self.view.current())

    def show_step(self, row: int) -> None:
        """The activation panel with the tensors as they stand after line `row`:
        'in' = x, 'main' = out, 'shortcut' = identity, then the sum and the output."""
        w, name = self.window, self.view.block
        res = w.result
        link = self.view.links[row]
        where = _where(link.tensor)
        shape = "" if link.shape is None else " → " + "×".join(map(str, link.shape))
        say = self.tr("{block} · line {number} of {count}: {line}").format(
            block=name, number=row + 1, count=len(self.view.links), line=link.line.strip().split("  #")[0] + shape
        )
        if res is None or name is None:
            w.status.message.setText(say)
            return
        block = res.trace.block(name)
        if block is None or "in" not in block.tensors:
            w.status.message.setText(say)
            return
        needs_ops = any(x.tensor.startswith("op:") for x in self.view.links[: row + 1])
        key = (res.gen, name)
        if needs_ops and self.ops_key != key:
            self._ask(key, block.tensors["in"])
        state, reached = self._state_after(block, row)
        w.activations.show_block(state)
        for branch, caption in w.activations.captions.items():
            if branch not in reached:  # not yet: the panel's own words ("the block stopped here") would be wrong
                if branch == "main":
                    caption.setText(self.tr("out: waiting for the layer's output…"))
                else:
                    caption.setText(self.tr("not computed yet: a later line computes it"))
        self.showing_step = True
        missing = link.tensor.startswith("op:") and self.ops_key != key
        if missing:
            note = self.ops_note or self.tr("capturing the layers of {block}…").format(block=name)
            say = self.tr("{status} · {note}").format(status=say, note=note)
        elif where:
            say = self.tr("{status} · shown as '{column}' in the activations").format(
                status=say, column=w.activations.branch_titles().get(where, where)
            )
        w.status.message.setText(say)

    def _state_after(self, block: Any, row: int) -> tuple[Any, set[str]]:
        """A BlockTrace holding the block's variables after line `row`, and the
        branches some line up to `row` has computed (missing ones: not captured)."""
        from ..live.trace import BlockTrace

        key = (self.window.result.gen, block.name) if self.window.result else None
        ops = self.ops if self.ops_key == key else {}
        now: dict[str, Any] = {"in": block.tensors["in"]}
        for link in self.view.links[: row + 1]:
            t = link.tensor
            if t.startswith("op:"):
                lane = "shortcut" if t[3:].startswith("downsample") else "main"
                now[lane] = ops.get(t[3:])
            elif t in BRANCHES[1:]:  # a branch the line computes ("in" is set above)
                now[t] = block.tensors.get(t)
        tensors = {k: v for k, v in now.items() if v is not None}
        return BlockTrace(block.name, tensors, {k: (1, *v.shape) for k, v in tensors.items()}), set(now)

    def _ask(self, key: tuple[int, str], x: Any) -> None:
        if key in (self.asked, self.failed):
            return
        self.asked, self.ops_note = key, ""
        self.window.engine.capture_ops(key, key[1], x)

    def on_ops(self, answer: tuple[tuple[int, str], Any]) -> None:
        key, payload = answer
        res = self.window.result
        if res is None or key != (res.gen, self.view.block):
            self.stale_dropped += 1  # an older trace or another block: never shown
            return
        self.asked = None
        if isinstance(payload, str):
            self.ops_note, self.failed = payload, key
        else:
            self.ops, self.ops_key = payload, key
        if self.view.current() >= 0:
            self.show_step(self.view.current())


def _where(tensor: str) -> str:
    """The activation column a line's tensor appears in."""
    if tensor.startswith("op:"):
        return "shortcut" if tensor[3:].startswith("downsample") else "main"
    return tensor
