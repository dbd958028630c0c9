"""The first minutes with the app: it fits a 1280×720 screen, shows its errors
where the eye is, opens on the first downsampling block, and clears what no
longer applies (pytest-qt, offscreen)."""

import pytest
from PySide6.QtCore import QRect

from resnet_viewer import infer, preset
from resnet_viewer.gui.banner import Banner
from resnet_viewer.gui.window_layout import first_downsampling_block, first_run_geometry, side_widths

pytestmark = pytest.mark.usefixtures("torch")


@pytest.fixture
def fresh_window(qtbot, tmp_path, monkeypatch):
    """A first launch (no settings file yet), sized as first_run_geometry sizes it on a 1280×720 screen."""
    monkeypatch.setenv("RESNET_VIEWER_SETTINGS", str(tmp_path / "settings.ini"))
    from resnet_viewer.gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.setGeometry(first_run_geometry(QRect(0, 0, 1280, 720)))
    with qtbot.waitSignal(w.trace_shown, timeout=60_000):
        w.show()
    qtbot.waitUntil(
        lambda: w.result is not None and w.result.gen == w.gen and not w.status.busy.isVisible(), timeout=60_000
    )
    yield w
    w.engine.shutdown()


def in_window(w, widget) -> QRect:
    return QRect(widget.mapTo(w, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768), (1920, 1080), (1024, 600)])
def test_first_run_geometry_fits_the_available_screen(screen):
    available = QRect(0, 40, *screen)  # a panel on top
    g = first_run_geometry(available)
    assert available.contains(g)
    assert g.height() <= available.height() - 40  # room for the title bar
    left, right = side_widths(g.width())
    if g.width() >= 1264:
        assert g.width() - left - right >= g.width() / 2  # the graph keeps half the width


def test_at_1280x720_docks_do_not_overlap_and_everything_lies_inside(qtbot, fresh_window):
    w = fresh_window
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    assert hint.width() <= 1280 and hint.height() <= 720
    assert w.width() <= 1280 and w.height() <= 720
    inside = w.rect()
    docks = [in_window(w, d) for d in w.docks]
    for i, a in enumerate(docks):
        assert inside.contains(a), (w.docks[i].objectName(), a)
        for b in docks[i + 1 :]:
            assert not a.intersects(b), (a, b)
        assert not a.intersects(in_window(w, w.view)), "a dock paints over the graph"
    assert inside.contains(in_window(w, w.statusBar()))
    assert w.view.width() >= w.width() / 2, "the graph keeps at least half the width"
    # the controls scroll instead of being cut or pushing the window's height up
    area = w.docks[0].widget()
    assert area.widget() is w.controls and w.controls.height() > area.viewport().height()
    assert [lab.text() for lab in w.controls.stride_labels] == ["layer1", "layer2", "layer3", "layer4"]

    w.edit(lambda s: s.with_block_shortcut("layer2.0", "identity"), "identity")
    assert w.banner.isVisible()
    banner = in_window(w, w.banner)
    assert inside.contains(banner) and not banner.intersects(in_window(w, w.view))
    assert "cannot add the branches" in w.banner.text() and "Shortcuts that fit here" in w.banner.text()


def test_a_fresh_first_launch_opens_on_the_first_stride_2_block(fresh_window):
    w = fresh_window
    assert w.selected == "layer2.0"
    assert w.scene.selected_group == "layer2.0"
    assert w.inspector.title.text() == "layer2.0"
    assert "conv2 has stride 2, so H×W halves" in w.inspector.explanation.text()
    assert "the shortcut must deliver 512×28×28 too" in w.inspector.explanation.text()
    shown = w.activations.arrays()
    assert set(shown) == {"in", "main", "shortcut", "sum", "out"}
    assert shown["shortcut"].shape == (512, 28, 28)
    # the graph is scrolled so that the selected block is on screen
    frame = w.view.mapFromScene(w.scene.frame_rect("layer2.0")).boundingRect()
    assert w.view.viewport().rect().intersects(frame)


@pytest.mark.parametrize(
    ("name", "wanted"), [("resnet18", "layer2.0"), ("resnet50", "layer2.0"), ("resnet20", "layer2.0")]
)
def test_first_downsampling_block(name, wanted):
    assert first_downsampling_block(infer(preset(name))) == wanted
    flat = preset("resnet18").with_changes(strides=[1, 1, 1, 1])
    assert first_downsampling_block(infer(flat)) == "layer2.0"  # no stride 2: the first shape change


def test_inspector_values_are_whole_and_code_fits(fresh_window):
    w = fresh_window
    table = w.inspector.table
    fm = table.fontMetrics()
    for row in range(table.rowCount()):
        text = table.item(row, 1).text()
        rect = table.visualItemRect(table.item(row, 1))
        lines = max(1, -(-fm.horizontalAdvance(text) // max(1, rect.width() - 8)))
        assert rect.height() >= lines * fm.height() * 0.9, f"{text!r} is cut"
    assert table.verticalScrollBar().maximum() == 0
    code = w.inspector.code
    assert code.horizontalScrollBar().maximum() == 0, "the code view scrolls sideways"


def test_the_inspector_is_no_wider_than_its_panel(fresh_window):
    """Wider than the dock's viewport, the scroll area (no sideways scrolling) cuts its
    right edge off: the table's values, the buttons. A review saw "132,09" so."""
    ins = fresh_window.inspector
    viewport = ins.parentWidget()
    assert ins.minimumSizeHint().width() <= viewport.width()
    assert ins.width() <= viewport.width()


def test_banner_errors_stay_confirmations_fade(qtbot):
    b = Banner()
    qtbot.addWidget(b)
    b.show_info("exported /tmp/x.svg", ms=50)
    assert b.isVisible() and b.kind == "info"
    qtbot.waitUntil(lambda: not b.isVisible(), timeout=2000)
    text = "weights.pth: refused — not a plain state_dict " + "and a long explanation " * 10
    b.show_error(text)
    assert b.text() == text  # the whole text, not elided
    b.show_info("saved", ms=50)  # a confirmation never hides an unread error
    qtbot.wait(120)
    assert b.isVisible() and b.kind == "error"
    b.close_button.click()
    assert not b.isVisible() and b.text() == ""


def test_refused_weights_and_confirmations_show_in_the_banner(qtbot, fresh_window, tmp_path):
    w = fresh_window
    bad = tmp_path / "model.pth"
    bad.write_bytes(b"this is not a checkpoint")
    w.load_weights_file(str(bad))
    qtbot.waitUntil(lambda: w.banner.kind == "error", timeout=60_000)
    assert "model.pth" in w.banner.text() and "a text file, not a checkpoint" in w.banner.text()
    w.save_spec(str(tmp_path / "spec.json"))  # a new action: the error was read; the confirmation shows
    assert w.banner.kind == "info" and "saved" in w.banner.text()


def test_nothing_selected_or_a_vanished_block_clears_the_activations(qtbot, fresh_window):
    w = fresh_window
    panel = w.activations
    w.select_block("layer4.2")
    assert panel.stats.item(0, 0).text() and panel.curves["main"].isVisible()
    w.select_block("")
    assert panel.block is None
    assert all(not c.isVisible() for c in panel.curves.values())
    assert panel.stats.item(0, 0).text() == "" and panel.ratio.text() == ""
    assert all(panel.items[b].image is None for b in panel.items)

    w.select_block("layer4.2")
    assert panel.block is not None
    w.controls.preset.setCurrentText("resnet18")  # no layer4.2 there
    assert w.selected is None and panel.block is None
    assert panel.stats.item(4, 0).text() == ""


def test_identity_blocks_are_captioned_as_identity_and_overrides_are_marked(qtbot, fresh_window):
    w = fresh_window
    w.controls.preset.setCurrentText("resnet18")
    frames = {f.group: f for f in w.layout_.frames}
    assert frames["layer1.0"].subtitle == "stride 1 · identity"
    assert frames["layer2.0"].subtitle == "stride 2 · conv1x1"
    w.select_block("layer1.0")
    shortcut_row = next(
        w.inspector.table.item(r, 1).text()
        for r in range(w.inspector.table.rowCount())
        if w.inspector.table.item(r, 0).text() == "shortcut"
    )
    assert shortcut_row.endswith("(identity)")

    menu = w.view.block_menu("layer2.0")
    shortcut_menu = next(a.menu() for a in menu.actions() if a.text() == "Shortcut")
    next(a for a in shortcut_menu.actions() if a.text() == "zero-pad").trigger()
    assert {f.group: f for f in w.layout_.frames}["layer2.0"].subtitle == "stride 2 · zero-pad (own)"
    next(a for a in shortcut_menu.actions() if a.text() == "Network default").trigger()
    assert {f.group: f for f in w.layout_.frames}["layer2.0"].subtitle == "stride 2 · conv1x1"
    assert w.doc.spec == preset("resnet18")


def test_robust_levels_ignore_a_few_hot_pixels():
    import numpy as np

    from resnet_viewer.gui.mosaic import levels_for, robust_bound

    rng = np.random.default_rng(0)
    a = rng.normal(0, 1, (64, 64)).astype(np.float32)
    a[0, :5] = 500.0  # five hot pixels
    assert 2.0 < robust_bound(a) < 4.0
    pictures = {"main": a, "shortcut": a * 0.1}
    per_map, shared = levels_for(pictures, "robust, each map")
    assert not shared and per_map["shortcut"][1] == pytest.approx(per_map["main"][1] * 0.1, rel=1e-5)
    one, shared = levels_for(pictures, "robust, shared")
    assert shared and one["main"] == one["shortcut"] == per_map["main"]
    old, shared = levels_for(pictures, "shared ±max")
    assert shared and old["main"] == (-500.0, 500.0)


def test_default_colours_show_structure_and_one_channel_shares_a_scale(fresh_window):
    import numpy as np

    panel = fresh_window.activations
    assert panel.levels.currentText() == "robust, each map"
    contrast = {}
    for mode in ("robust, each map", "shared ±max"):
        panel.levels.setCurrentText(mode)
        img = panel.items["main"]
        _lo, hi = img.getLevels()
        finite = img.image[np.isfinite(img.image)]
        contrast[mode] = float(np.mean(np.abs(finite) > 0.15 * hi))  # pixels visibly away from white
    assert contrast["robust, each map"] > 1.5 * contrast["shared ±max"], contrast
    panel.levels.setCurrentText("robust, each map")
    panel.single.setChecked(True)
    assert panel.levels.currentText() == "robust, shared"
    levels = {tuple(panel.items[b].getLevels()) for b in panel.items}
    assert len(levels) == 1 and tuple(panel.colorbar.levels()) == levels.pop()
    assert panel.items["main"].image.shape == (28, 28)  # one channel, not a mosaic
