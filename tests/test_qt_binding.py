"""The installed Qt binding must not leak references to None: PySide6 6.12.0
on Python 3.11 dropped one per void call, and the app crashed after a few
hundred edits ("none_dealloc"). pyproject.toml excludes it; this holds it."""

import sys


def test_void_qt_calls_keep_the_refcount_of_none(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

    scene = QGraphicsScene()
    item = QGraphicsPathItem()
    scene.addItem(item)
    before = sys.getrefcount(None)
    for _ in range(2000):
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setData(0, "g")
        item.data(5)
    assert sys.getrefcount(None) >= before - 10  # immortal None (3.12+) reports a constant
