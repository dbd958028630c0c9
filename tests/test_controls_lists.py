"""The controls panel's list fields (blocks per stage, widths) read `core.spec.parse_ints`
and a refused text reaches the status bar as before; choosing a preset is one edit."""

from __future__ import annotations

import pytest

from resnet_viewer.core.presets import preset
from resnet_viewer.gui.controls import ControlsPanel
from resnet_viewer.gui.document import Document


@pytest.fixture
def panel(qtbot):
    doc = Document(preset("resnet50"))
    p = ControlsPanel(doc)
    qtbot.addWidget(p)
    return p


def test_lists_are_read_and_a_bad_one_is_refused_with_int_s_message(panel, qtbot) -> None:
    panel.widths.setText("32, 64,128,256")
    panel.widths.editingFinished.emit()
    assert panel.doc.spec.widths == (32, 64, 128, 256)
    errors: list[str] = []
    panel.error.connect(errors.append)
    panel.layers.setText("3,a")
    panel.layers.editingFinished.emit()
    assert errors == ["invalid literal for int() with base 10: 'a'"]
    assert panel.layers.text() == "3,4,6,3"  # the spec as it still is


def test_choosing_a_preset_is_one_edit(panel) -> None:
    panel.preset.setCurrentIndex(panel.preset.findData("resnet18"))
    assert panel.doc.spec == preset("resnet18")
    assert panel.doc.undo_stack.count() == 1
    panel.preset.setCurrentIndex(panel.preset.findData("custom"))  # "custom" changes nothing
    assert panel.doc.spec == preset("resnet18") and panel.doc.undo_stack.count() == 1
