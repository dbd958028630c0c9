"""The inspector's code tab shows exactly what `explain --code` prints, and Copy copies it."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from resnet_viewer import infer, preset
from resnet_viewer.core.block_code import block_module
from resnet_viewer.gui.inspector import InspectorPanel


def test_code_tab_is_the_printed_module_and_copy_puts_it_on_the_clipboard(qtbot):
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    report = infer(preset("resnet20"))
    panel.show_block(report, "layer2.0")
    want = block_module(report, "layer2.0")
    assert panel.code.toPlainText() == want
    assert panel.code.copy_button.isEnabled()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.code.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == panel.code.toPlainText()
    assert panel.code.copy_button.text() == "Copied"
    qtbot.waitUntil(lambda: panel.code.copy_button.text() == "Copy", timeout=3000)


def test_a_block_after_an_error_shows_why_and_nothing_to_copy(qtbot):
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    report = infer(preset("resnet18").with_block_shortcut("layer2.0", "identity"))
    panel.show_block(report, "layer3.0")
    assert (
        panel.code.toPlainText() == "# layer3.0 comes after layer2.0, which cannot run, so its input shape is unknown."
    )
    assert not panel.code.copy_button.isEnabled()
    panel.show_block(report, None)
    assert panel.code.toPlainText() == "" and not panel.code.copy_button.isEnabled()


def test_closing_the_panel_right_after_copy_is_safe(qtbot):
    panel = InspectorPanel()
    panel.show_block(infer(preset("resnet18")), "layer2.0")
    qtbot.mouseClick(panel.code.copy_button, Qt.MouseButton.LeftButton)
    panel.deleteLater()
    qtbot.wait(1800)  # past the label reset: an exception in the event loop fails the test
