"""ViewState: what the panels subscribe to. An edit that removes the selected
block unselects it after the report's subscribers ran with no stale name;
stages are not selectable; every change reaches every subscriber once."""

from __future__ import annotations

from resnet_viewer import preset
from resnet_viewer.core.shapes import infer
from resnet_viewer.gui.view_state import ViewState


def recorder(state: ViewState) -> list[tuple[str, object, object]]:
    seen: list[tuple[str, object, object]] = []
    state.report_changed.connect(lambda r: seen.append(("report", len(r.blocks), state.selected)))
    state.selection_changed.connect(lambda n: seen.append(("selection", n, state.selected)))
    state.result_changed.connect(lambda r: seen.append(("result", r, state.result)))
    return seen


def test_an_edit_that_removes_the_selected_block_unselects_it(qtbot):
    state = ViewState(infer(preset("resnet50")))
    state.select("layer3.5")
    seen = recorder(state)
    state.set_report(infer(preset("resnet18")))  # layer3 has two blocks: layer3.5 is gone
    assert seen == [("report", 8, None), ("selection", None, None)]
    assert state.selected is None


def test_an_edit_that_keeps_the_selected_block_keeps_it(qtbot):
    state = ViewState(infer(preset("resnet50")))
    state.select("layer2.0")
    seen = recorder(state)
    state.set_report(infer(preset("resnet18")))
    assert seen == [("report", 8, "layer2.0")]


def test_only_blocks_are_selected(qtbot):
    state = ViewState(infer(preset("resnet18")))
    seen = recorder(state)
    state.select("layer2")  # a stage: nothing to inspect
    state.select("stem")
    assert seen == [] and state.selected is None
    state.select("layer2.1")
    state.select(None)
    assert seen == [("selection", "layer2.1", "layer2.1"), ("selection", None, None)]


def test_a_result_reaches_subscribers_with_the_state_already_set(qtbot):
    state = ViewState(infer(preset("resnet18")))
    seen = recorder(state)
    result = object()
    state.set_result(result)  # type: ignore[arg-type]
    assert seen == [("result", result, result)]
