"""The dialogs and docks in Simplified Chinese (issue 15): with the "dialogs"
catalogue's translator installed, no string a user reads in them is still its
English source (technical tokens aside); removing the translator relabels them
back to English at once; the .ts is complete and its .qm is the one lrelease
builds from it."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from resnet_viewer import preset

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
import update_translations  # noqa: E402

TS = update_translations.ts_path("dialogs", "zh_CN")
QM = TS.with_suffix(".qm")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# what stays English in every language: names, code, numbers, shapes (assets/i18n/glossary.md)
TOKENS = {"N", "◀", "▶", "forward", "viridis", "‖·‖", "×  (PNG)", "—"}
TECHNICAL = re.compile(
    r"(layer\d+(\.\d+)?|resnet\d+\.\w+|[\d\s.,:×+\-−–…±%()]*|[\w.]+\(.*\)|\d+(×\d+)+.*|<b style='color:#\w+'>\s*</b>)",
    re.DOTALL,
)


def _technical(text: str) -> bool:
    return text in TOKENS or bool(TECHNICAL.fullmatch(text))


def texts(root: QWidget) -> list[str]:
    """Every string a user can read in `root` and its children: titles, labels,
    buttons, tooltips, placeholders, combo items, tabs, table headers (not code: forward's lines stay as printed)."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.isWindow() or w is root:
            out.append(w.windowTitle())
        out.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QProgressBar) and w.isVisible():
            out.append(w.format())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            for header, n in ((w.horizontalHeaderItem, w.columnCount()), (w.verticalHeaderItem, w.rowCount())):
                out += [header(i).text() for i in range(n) if header(i) is not None]
    return [t for t in out if t]


class Language:
    """Installs / removes the dialogs' translator (and Qt's own, for standard buttons)."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.translators: list[QTranslator] = []

    def chinese(self) -> None:
        for name, folder in (
            ("dialogs_zh_CN", str(QM.parent)),
            ("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ):
            t = QTranslator()
            assert t.load(name, folder), f"{name}.qm in {folder}"
            QCoreApplication.installTranslator(t)  # sends LanguageChange to every widget
            self.translators.append(t)
        self.settle()

    def settle(self) -> None:
        """Until the posted LanguageChange events and the re-showing they start (zero timers) are done."""
        for _ in range(4):
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            self.qtbot.wait(10)

    def english(self) -> None:
        while self.translators:
            QCoreApplication.removeTranslator(self.translators.pop())
        self.settle()


@pytest.fixture
def language(qtbot):
    lang = Language(qtbot)
    yield lang
    lang.english()


def assert_translated_and_back(language, *roots: QWidget, extra=lambda: []) -> list[str]:
    """English -> Chinese: no English source left; -> English: the same strings as before."""
    english = sorted(t for r in roots for t in texts(r)) + sorted(extra())
    assert english, "nothing to check"
    language.chinese()
    chinese = [t for r in roots for t in texts(r)] + extra()
    left = sorted({t for t in set(english) & set(chinese) if not _technical(t)})
    assert not left, f"still English under zh_CN: {left}"
    assert sum(bool(CJK.search(t)) for t in chinese) >= len(set(english) - {t for t in english if _technical(t)}) // 2
    language.english()
    back = sorted(t for r in roots for t in texts(r)) + sorted(extra())
    assert back == english
    return chinese


# ---- the catalogue --------------------------------------------------------------------------------


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name"), m) for c in root.iter("context") for m in c.iter("message")]


def test_the_ts_is_finished_current_and_built(tmp_path):
    messages = _messages(TS)
    assert len(messages) > 100
    for context, m in messages:
        source, tr = m.findtext("source"), m.find("translation")
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        assert (tr.text and CJK.search(tr.text)) or tr.text == source, (context, source)
        assert sorted(re.findall(r"\{\w+\}", tr.text)) == sorted(re.findall(r"\{\w+\}", source)), source
    # the sources as they are now: lupdate finds nothing new and nothing gone
    fresh = tmp_path / "fresh.ts"
    names = [str(update_translations.GUI / n) for n in update_translations.CATALOGUES["dialogs"]]
    subprocess.run(
        [update_translations.tool("pyside6-lupdate"), *names, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert {(c, m.findtext("source")) for c, m in _messages(fresh)} == {(c, m.findtext("source")) for c, m in messages}
    built = tmp_path / "dialogs_zh_CN.qm"
    subprocess.run([update_translations.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == QM.read_bytes(), "run docs/update_translations.py --release"


# ---- the dialogs ------------------------------------------------------------------------------------


@pytest.fixture
def settings_file(settings_file, tmp_path, monkeypatch):
    """The shared settings file, and a torch hub of this test's own (the pretrained dialog reads it)."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return settings_file


def test_export_dialog_in_chinese_exports_the_same_options(qtbot, language, settings_file):
    from resnet_viewer.gui.export_dialog import ExportDialog

    dlg = ExportDialog(preset("resnet50"), selected="layer2.0")
    qtbot.addWidget(dlg)
    dlg.scope.setCurrentIndex(3)  # compare shortcuts: every field enabled
    before = dlg.options()
    language.chinese()
    assert dlg.windowTitle() == "导出示意图" and dlg.level.currentText() == "块" and dlg.theme.currentText() == "浅色"
    assert dlg.options() == before  # the labels changed, the keys did not
    dlg.level.setCurrentIndex(2)
    assert dlg.options().level == "op"
    language.english()
    dlg.level.setCurrentIndex(0)
    assert {"What", "Block", "Stage", "Variants", "Detail", "Orientation", "Theme", "PNG scale"} <= set(texts(dlg))
    chinese = assert_translated_and_back(language, dlg)
    assert {"内容", "块", "阶段", "变体", "细节层级", "方向", "主题", "PNG 缩放", "保存", "取消"} <= set(chinese)


def test_pretrained_dialog_in_chinese(qtbot, language, settings_file):
    from resnet_viewer.gui.pretrained_dialog import PretrainedDialog

    dlg = PretrainedDialog(preset("resnet50"))
    qtbot.addWidget(dlg)
    assert dlg.go.text() == "Download and use"
    chinese = assert_translated_and_back(language, dlg)
    assert "下载并使用" in chinese and any("（默认）" in t for t in chinese)
    dlg.on_failed("network unreachable")  # a failure stays on screen across a switch
    language.chinese()
    assert dlg.state.text() == "✗ network unreachable"


@pytest.fixture
def window(qtbot, make_window, torch):
    w = make_window(preset("resnet20"))
    w.select_block("layer2.0")
    qtbot.wait(20)
    return w


def _pyqtgraph_texts(panel):
    legend = [label.text for _, label in panel.legend.items]
    axis = panel.hist.getAxis("bottom").labelText
    return [panel.hist.plotItem.titleLabel.text, axis, *legend]


def test_the_window_s_docks_relabel_live(qtbot, language, window):
    from PySide6.QtCore import QPointF

    panel, inspector = window.activations, window.inspector
    window.inspector.forward.step(1)  # a line of forward is current: the step's caption and position
    view = panel.views["in"]
    window.coverage_ui.on_click(_Click(view.mapViewToScene(QPointF(3.5, 2.5))), "in")  # a receptive field
    field = window.coverage_ui.field_view
    assert field.field_rect is not None and "jump" in field.caption.text()
    roots = (panel, inspector.cnn_tools, inspector.forward, inspector.code, field)
    chinese = assert_translated_and_back(
        language, *roots, extra=lambda: [window.coverage_ui.field_dock.windowTitle(), *_pyqtgraph_texts(panel)]
    )
    assert "感受野" in chinese and "直方图" in chinese and "主分支" in chinese
    assert any(t.startswith("第 1 行") for t in chinese)  # ForwardView's position
    assert any("感受野" in t and "跳距" in t for t in chinese), [t for t in chinese if "感受野" in t]


def test_the_aliasing_dialog_and_a_checkpoint_note_relabel_live(qtbot, language, window):
    window.inspector.cnn_tools.aliasing.click()
    dialog = window.coverage_ui.dialog
    qtbot.waitUntil(lambda: bool(dialog.cells), timeout=30_000)
    heading = dialog.heading.text()

    def cells():
        return [w.text() for w in dialog.cells if hasattr(w, "text")]

    chinese = assert_translated_and_back(language, dialog, extra=cells)
    assert "混叠：周期为 2 的棋盘格通过一个块" in chinese
    assert any("downsample.0 读取的内容" in t for t in chinese) and any("空间标准差" in t for t in chinese)
    assert dialog.heading.text() == heading  # back in English: the demo's own numbers, said again
    language.chinese()
    window.checkpoints.show_notes("/tmp/r18.pth", ["note"])
    qtbot.addWidget(window.checkpoints.box)
    assert window.checkpoints.box.windowTitle() == "已打开检查点"
    assert window.checkpoints.box.text() == "r18.pth：文件中没有说明的内容"
    assert window.status.message.text() == "已打开 r18.pth：网络结构取自文件"


class _Click:
    def __init__(self, pos):
        self._pos = pos

    def scenePos(self):
        return self._pos
