"""Where the window and its docks go: a first-run size that fits the screen
people have (1280×720 and up), side panels that scroll instead of pushing
the window past the screen, and the graph keeping at least half the width."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

from ..core.shapes import ShapeReport

MIN_GRAPH_SHARE = 0.5  # the graph keeps at least this share of the window's width
SIDE_MIN_WIDTH = 260  # a side panel's smallest useful width
FRAME_ALLOWANCE = (16, 40)  # window-manager border and title bar, not known before the first show


def first_run_geometry(available: QRect) -> QRect:
    """Large, but inside the available screen with room for the frame, and centred."""
    w = min(1600, available.width() - FRAME_ALLOWANCE[0])
    h = min(1000, available.height() - FRAME_ALLOWANCE[1])
    x = available.x() + (available.width() - w) // 2
    y = available.y() + (available.height() - h - FRAME_ALLOWANCE[1] + FRAME_ALLOWANCE[0]) // 2
    return QRect(x, max(available.y(), y), w, h)


def scrolling(widget: QWidget, squeeze: bool = False) -> QScrollArea:
    """`widget` in a vertical scroll area: when the dock is shorter than the
    widget, it scrolls instead of forcing the window's minimum height up."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    bar = area.verticalScrollBar().sizeHint().width()
    # squeeze: the widget wraps its text, so the panel may be narrower than its hint
    hint = 0 if squeeze else widget.minimumSizeHint().width() + bar
    area.setMinimumWidth(max(SIDE_MIN_WIDTH, hint))
    return area


def side_widths(window_width: int, left_min: int = SIDE_MIN_WIDTH) -> tuple[int, int]:
    """Controls and inspector widths that leave the graph at least half the window."""
    budget = int(window_width * (1 - MIN_GRAPH_SHARE)) - 16  # splitter handles
    left = max(left_min, SIDE_MIN_WIDTH, min(320, int(window_width * 0.22)))
    right = max(SIDE_MIN_WIDTH, min(420, budget - left))
    return left, right


def arrange_docks(
    window: QMainWindow, left: QDockWidget, right: QDockWidget, bottom: QDockWidget, width: int, height: int
) -> None:
    """First-run proportions: side panels by `side_widths`, the bottom panel about 45 % of the height."""
    # the bottom dock keeps the full width (five branches side by side need it);
    # the side docks above it scroll when they are short
    lw, rw = side_widths(width, left.minimumSizeHint().width())
    window.resizeDocks([left, right], [lw, rw], Qt.Orientation.Horizontal)
    window.resizeDocks([bottom], [min(440, max(300, int(height * 0.45)))], Qt.Orientation.Vertical)


def first_downsampling_block(report: ShapeReport) -> str | None:
    """The block a first launch opens on: the first that halves H×W (its shortcut
    must change both the size and the channels), else the first that changes
    the shape at all, else the first block."""
    blocks = report.blocks
    for wanted in (
        lambda b: b.plan.stride > 1,
        lambda b: b.in_shape is not None and b.main_shape is not None and b.in_shape != b.main_shape,
        lambda b: True,
    ):
        found = next((b.plan.name for b in blocks if wanted(b)), None)
        if found:
            return found
    return None
