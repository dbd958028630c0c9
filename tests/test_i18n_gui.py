"""The GUI in Simplified Chinese (issue 15): the .ts catalogues are complete and
current, the committed .qm files are what lrelease builds from them, every text
of the main window goes through translation, a switch at run time relabels the
open window, and the choice (or the system's locale) picks the language."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from resnet_viewer.core.i18n import current_language, field_names, set_language
from resnet_viewer.gui import language

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "assets" / "i18n"
sys.path.insert(0, str(ROOT / "docs"))
import update_translations  # noqa: E402  (docs/update_translations.py: the catalogues and the tools)

TS_FILES = sorted(I18N.glob("*/*.ts"))


def ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


# ---- the catalogues -----------------------------------------------------------------


def test_the_window_catalogue_exists_for_every_language():
    for lang in update_translations.LANGUAGES:
        assert update_translations.ts_path("window", lang).is_file(), lang


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_ts_has_no_unfinished_or_obsolete_entries_and_keeps_every_field(ts):
    for (context, source), msg in ts_messages(ts).items():
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        text = tr.text or ""
        assert text.strip(), (context, source)
        assert field_names(text) == field_names(source), (context, source, text)  # .format() would raise
        if re.search(r"&\w", source):  # a menu accelerator stays an accelerator
            assert re.search(r"&\w", text), (context, source, text)


@pytest.mark.parametrize("part", list(update_translations.CATALOGUES))
def test_ts_lists_every_string_the_sources_translate(tmp_path, part):
    """lupdate over today's sources finds nothing the committed .ts lacks, and nothing it
    has that the sources no longer use (the .ts was updated after the last string change)."""
    for lang in update_translations.LANGUAGES:
        committed = update_translations.ts_path(part, lang)
        if not committed.exists():
            pytest.skip(f"{committed.name} not in this branch")
        fresh = tmp_path / committed.name
        shutil.copy(committed, fresh)
        sources = [str(update_translations.GUI / n) for n in update_translations.CATALOGUES[part]]
        sources = [s for s in sources if Path(s).exists()]
        cmd = [update_translations.tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)]
        subprocess.run(cmd, check=True, capture_output=True)
        assert set(ts_messages(fresh)) == set(ts_messages(committed))


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_committed_qm_equals_a_fresh_lrelease_build(tmp_path, ts):
    qm = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([update_translations.tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    committed = ts.with_suffix(".qm")
    assert committed.is_file(), f"{committed.name} missing: run python docs/update_translations.py --release"
    assert committed.read_bytes() == qm.read_bytes(), f"{committed.name} is stale: run --release"


# ---- choosing the language ---------------------------------------------------------------


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def clean_env(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    "env, expected",
    [({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LC_ALL": "zh_SG"}, "zh_CN"), ({"LANG": "en_US.UTF-8"}, "en"),
     ({"LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"), ({"LANG": "zh_TW.UTF-8"}, "en")],
)  # fmt: skip
def test_the_environment_locale_chooses_the_language(settings, clean_env, env, expected):
    for k, v in env.items():
        clean_env.setenv(k, v)
    assert language.startup_language(settings) == expected


@pytest.mark.parametrize("name, expected", [("zh_CN", "zh_CN"), ("zh_Hans_CN", "zh_CN"), ("en_GB", "en")])
def test_without_locale_variables_qts_system_locale_chooses(settings, clean_env, name, expected):
    class SystemLocale(QLocale):
        @staticmethod
        def system():  # type: ignore[override]
            return QLocale(name)

    clean_env.setattr(language, "QLocale", SystemLocale)
    assert language.startup_language(settings) == expected


def test_the_remembered_choice_beats_the_locale_and_the_command_line_beats_both(qapp, settings, clean_env):
    clean_env.setenv("LANG", "en_US.UTF-8")
    try:
        language.choose_language(settings, "zh_CN")
        assert settings.value("language") == "zh_CN"
        assert language.startup_language(settings) == "zh_CN"
        assert language.startup_language(settings, requested="en") == "en"
        settings.setValue("language", "klingon")  # a hand-edited file: ignored, not an error
        assert language.startup_language(settings) == "en"
    finally:
        language.install_language("en")


def test_installing_chinese_loads_the_apps_catalogues_and_qts_own(qapp):
    try:
        loaded = language.install_language("zh_CN")
        assert update_translations.ts_path("window", "zh_CN").with_suffix(".qm") in loaded
        assert current_language() == "zh_CN"  # the core follows
        assert QCoreApplication.translate("Menus", "&File") == "文件(&F)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's standard buttons
    finally:
        language.install_language("en")
    assert QCoreApplication.translate("Menus", "&File") == "&File"
    assert current_language() == "en"


# ---- the window ---------------------------------------------------------------------------

# Words a translated window still shows: names of things (presets, block types, stems,
# shortcut variants, patterns, sample images), products and file formats.
TECHNICAL = {
    "ResNet", "PyTorch", "torchinfo", "torchvision", "summary", "Python", "resnet_viewer", "CPU", "cpu", "cuda",
    "CUDA", "state_dict", "json", "pth", "safetensors", "png", "jpg", "svg", "pdf",
    "English", "Apple", "MPS",  # a language in its own name; the device "Apple MPS"
    "torch", "CIFAR", "ImageNet", "PARAM", "viridis", "ReLU",  # the package, datasets, the pattern parameter as typed
}  # fmt: skip
TECHNICAL_PATTERNS = re.compile(
    r"layer\d+(\.\d+)*|resnet\w*|wide_resnet\w*|resnext\w*|conv\w*|\d+x\d+|v1(\.5)?|\S+\.\w+"
    r"|\w*_\w+|BatchNorm\w*|BasicBlock|Bottleneck|Alt\+\S+|\bforward\b"  # code: names, classes, keys
)


def technical_words() -> set[str]:
    from resnet_viewer.core.presets import PRESETS
    from resnet_viewer.core.shortcuts import VARIANTS
    from resnet_viewer.core.spec import BLOCK_TYPES, STEMS
    from resnet_viewer.live.images import PATTERNS, bundled_images

    names = [*PRESETS, *BLOCK_TYPES, *STEMS, *(v.name for v in VARIANTS), *PATTERNS, *bundled_images()]
    return TECHNICAL | {w for n in names for w in re.findall(r"[A-Za-z]+", n)}


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = TECHNICAL_PATTERNS.sub(" ", re.sub(r"<[^>]*>", " ", text))  # rich-text markup is not words
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in allowed]


def widget_texts(w, widget: QWidget) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    name = type(widget).__name__ + ":" + widget.objectName()
    out = [(name + " tooltip", widget.toolTip())]
    if isinstance(widget, (QLabel, QAbstractButton)):
        out.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append((name, widget.title()))
    elif isinstance(widget, QDockWidget):
        out.append((name, widget.windowTitle()))
    elif isinstance(widget, QTabWidget):
        out += [(name + " tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QComboBox):
        tips = True
        for i in range(widget.count()):
            out.append((name + " item", widget.itemText(i)))
            if tips:
                out.append((name + " item tooltip", widget.itemData(i, 3) or ""))
    elif isinstance(widget, QTableWidget):
        out += [(name + " header", widget.horizontalHeaderItem(c).text()) for c in range(widget.columnCount())]
        if widget is not w.summary.table:  # torchinfo's rows are layer names and numbers
            keys = [widget.item(r, 0) for r in range(widget.rowCount())]  # the values are shapes and numbers
            out += [(name + " key", k.text()) for k in keys] + [(name + " key tooltip", k.toolTip()) for k in keys]
    return out


def menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    out = [(where, menu.title())]
    for act in menu.actions():
        if act.menu() is not None:
            out += menu_texts(act.menu(), where + "/" + act.menu().title())
        elif not act.isSeparator():
            out.append((where + " action", act.text()))
    return out


def window_texts(w) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) for every text the main window shows: widgets, tooltips,
    tabs, tables, combo items, menus and their actions, the block's context menu."""
    foreign: tuple[type, ...] = ()
    from_core: set[QWidget] = set()

    def foreign_widget(widget: QWidget) -> bool:
        p = widget
        while p is not None:
            if isinstance(p, foreign) or (isinstance(p, QDockWidget) and p not in w.docks):
                return True
            p = p.parentWidget()
        return False

    out: list[tuple[str, str]] = []
    for widget in [w, *w.findChildren(QWidget)]:
        if not foreign_widget(widget) and widget not in from_core:
            out += widget_texts(w, widget)
    for act in w.menuBar().actions():
        out += menu_texts(act.menu(), act.text())
    out += menu_texts(w.view.block_menu("layer2.0"), "context menu")
    out += menu_texts(w.view.block_menu("layer2"), "stage menu")
    return [(where, text) for where, text in out if text]


@pytest.fixture(autouse=True)
def no_half_deleted_windows(qapp):
    """Windows of earlier tests are closed but may wait for deletion: delete them now, or a
    language change reaches them half-destroyed (coverage_view's singleShot has no context)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def chinese(qapp):
    language.install_language("zh_CN")
    yield
    language.install_language("en")
    set_language("en")


@pytest.mark.usefixtures("torch", "chinese")
def test_under_zh_cn_no_text_of_the_main_window_is_still_english(make_window):
    w = make_window()
    w.select_block("layer2.0")
    w.controls.stride_boxes[1].setCurrentIndex(2)
    allowed = technical_words()
    texts = window_texts(w)
    assert len(texts) > 120  # the walk saw the window, not a fraction of it
    left = [(where, text) for where, text in texts if english_words(text, allowed)]
    assert not left, left
    assert any(text == "文件(&F)" for _, text in texts)
    assert w.menus.undo.text().startswith("撤销 ")


@pytest.mark.usefixtures("torch")
def test_switching_language_relabels_the_open_window_and_is_remembered(qtbot, make_window, monkeypatch):
    from resnet_viewer.gui import inspector as inspector_module

    # the explanation comes from the core, in its current language: it must be fetched
    # again on a switch (the Chinese text itself is h1's catalogue; see the next test)
    monkeypatch.setattr(inspector_module, "explain", lambda report, name: f"{name} in {current_language()}")
    w = make_window()
    w.select_block("layer2.0")
    redraws = []
    original_redraw = w.redraw
    w.redraw = lambda: (redraws.append(current_language()), original_redraw())[1]
    assert w.docks[0].windowTitle() == "Controls" and w.inspector.explanation.text() == "layer2.0 in en"
    before = [text for _, text in window_texts(w)]
    try:
        with qtbot.waitSignal(w.trace_shown, timeout=60_000):  # the run's texts come again, in Chinese
            w.menus.language_actions["zh_CN"].trigger()
        assert redraws == ["zh_CN"]  # the graph's labels, once per switch
        assert w.menus.language_actions["zh_CN"].isChecked() and not w.menus.language_actions["en"].isChecked()
        assert [d.windowTitle() for d in w.docks] == ["控制", "检查器", "激活"]
        assert w.controls.net_box.title() == "网络" and w.controls.labels["Shortcut"].text() == "捷径"
        assert w.menuBar().actions()[0].text() == "文件(&F)"
        assert w.inspector.table.item(1, 0).text() == "主分支"
        assert w.inspector.title.text() == "layer2.0"  # the selection stays
        assert w.inspector.explanation.text() == "layer2.0 in zh_CN"
        assert w.summary.table.horizontalHeaderItem(1).text() == "输出形状"
        assert w.controls.stride_boxes[0].itemText(2) == "空洞"
        after = [text for _, text in window_texts(w)]
        assert len(after) == len(before)
        assert sum(a != b for a, b in zip(before, after, strict=True)) > 100  # the whole window, not a few labels
        assert w.settings.value("language") == "zh_CN"
        with qtbot.waitSignal(w.trace_shown, timeout=60_000):
            w.menus.language_actions["en"].trigger()
        assert redraws == ["zh_CN", "en"]
        timing = re.compile(r"\d+\.\d ms")  # the switch infers again: the status line's time is new
        untimed = [timing.sub("ms", text) for _, text in window_texts(w)]
        assert untimed == [timing.sub("ms", text) for text in before]  # back to the very same English window
        assert w.settings.value("language") == "en"
    finally:
        language.install_language("en")


@pytest.mark.usefixtures("torch")
def test_the_inspectors_explanation_is_chinese_after_a_switch(qtbot, make_window):
    from resnet_viewer.core.explain import explain

    w = make_window()
    w.select_block("layer2.0")
    english = explain(w.report, "layer2.0")
    set_language("zh_CN")
    chinese_text = explain(w.report, "layer2.0")
    set_language("en")
    assert chinese_text != english
    try:
        w.set_language("zh_CN")
        qtbot.waitUntil(lambda: w.inspector.explanation.text() == chinese_text, timeout=5000)
    finally:
        language.install_language("en")
