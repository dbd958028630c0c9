"""File → Export…: starts at the selected block, proposes a file name from the
network and what is drawn, remembers the folder of the last export."""

from pathlib import Path

from resnet_viewer import preset


def test_one_block_starts_at_the_selected_block_and_the_name_says_what_is_drawn(qtbot, settings_file, tmp_path):
    from resnet_viewer.gui.export_dialog import ExportDialog

    dlg = ExportDialog(preset("resnet50"), selected="layer2.0")
    qtbot.addWidget(dlg)
    assert dlg.scope.currentText() == "whole network"  # the selection does not change what is exported
    assert Path(dlg.proposed_path()).name == "resnet50.svg"
    dlg.scope.setCurrentText("one block")
    assert dlg.options().block == "layer2.0"
    assert Path(dlg.proposed_path()).name == "resnet50_layer2.0.svg"
    dlg.scope.setCurrentText("one stage")
    assert dlg.options().stage == 2 and Path(dlg.proposed_path()).name == "resnet50_layer2.svg"
    dlg.scope.setCurrentText("whole network")
    dlg.level.setCurrentText("stage")
    dlg.scope.setCurrentText("one stage")  # a stage has no stage detail: back to blocks, not an empty preview
    assert dlg.level.currentText() == "block" and not dlg.level.model().item(dlg.level.findData("stage")).isEnabled()
    # the detail levels in the order the dialog has always shown them, block (the default) first
    assert [dlg.level.itemData(i) for i in range(dlg.level.count())] == ["block", "stage", "op"]

    out = tmp_path / "slides" / "fig.pdf"
    out.parent.mkdir()
    dlg.scope.setCurrentText("one block")
    dlg.save(str(out))
    assert dlg.written == str(out) and out.read_bytes().startswith(b"%PDF")

    again = ExportDialog(preset("resnet18"), selected="layer3")
    qtbot.addWidget(again)
    again.scope.setCurrentText("one block")
    assert again.options().block == "layer3.0"
    assert Path(again.proposed_path()) == out.parent / "resnet18_layer3.0.pdf"  # last folder and format


def test_the_dialog_records_how_to_remake_the_figure(qtbot, settings_file, tmp_path):
    from resnet_viewer.gui.export_dialog import ExportDialog

    dlg = ExportDialog(preset("resnet50"), block="layer2.0")
    qtbot.addWidget(dlg)
    out = tmp_path / "b.svg"
    dlg.save(str(out))
    text = out.read_text()
    assert "resnet-viewer export --preset resnet50 --level block --block layer2.0 -o FILE" in text
    assert str(tmp_path) not in text
