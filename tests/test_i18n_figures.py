"""Figures in Simplified Chinese (issue 15): every box of every preset's layout,
at block and op detail, is at least as wide as its text measured with a real
CJK font through Qt (QFontMetricsF, offscreen) — and the same holds in English
with DejaVu Sans; the exported SVG names the CJK faces before the generic
family, says its words in Chinese and records `--lang zh_CN`; PDF and PNG
render Chinese text."""

from __future__ import annotations

import math
import shlex
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from resnet_viewer.core import i18n, style, theme
from resnet_viewer.core.drawing import Layout, text_width
from resnet_viewer.core.presets import PRESETS
from resnet_viewer.export.figure import make_layout
from resnet_viewer.export.options import ExportOptions
from resnet_viewer.export.sampling import sampling_svg

NS = "{http://www.w3.org/2000/svg}"
CJK_FACE = "Noto Sans CJK SC"
RENDERED = [*theme.LATIN_FONTS, *theme.CJK_FONTS]  # the list the SVG and the window ask for
# (language, font families the text is measured with): a real CJK font alone, the
# list as rendered (Latin faces first, CJK after), and English in DejaVu Sans / the app list
FONT_CASES = [
    ("zh_CN", (CJK_FACE,)),
    ("zh_CN", tuple(RENDERED)),
    ("en", ("DejaVu Sans",)),
    ("en", tuple(RENDERED)),
]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def metrics(qapp):
    """measure(text, css_px, bold, families) -> advance in px, with Qt's own font engine."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

    families = set(QFontDatabase.families())
    if CJK_FACE not in families:
        pytest.skip(
            f"the font {CJK_FACE!r} is not installed (apt install fonts-noto-cjk): nothing real to measure with"
        )
    if "DejaVu Sans" not in families:
        pytest.skip("the font 'DejaVu Sans' is not installed (apt install fonts-dejavu-core)")
    cache: dict[tuple[str, float, bool, tuple[str, ...]], float] = {}

    def measure(text: str, size: float, bold: bool, faces: tuple[str, ...]) -> float:
        key = (text, size, bold, faces)
        if key not in cache:
            f = QFont()
            f.setFamilies(list(faces))
            f.setPixelSize(math.ceil(size))  # never smaller than the drawn size
            f.setBold(bold)
            cache[key] = QFontMetricsF(f).horizontalAdvance(text)
        return cache[key]

    return measure


def _too_narrow(lay: Layout, measure, faces: tuple[str, ...]) -> list[str]:
    """Every text of the layout that does not fit its box, frame or canvas."""
    bad = []
    for b in lay.boxes.values():
        if b.shape == "circle":  # the add's "+"
            continue
        s = style.node_style(b.node, b.shape, theme.LIGHT)
        for text, size, bold in ((b.node.label, s.size, s.bold), (b.node.detail, theme.SMALL_SIZE, False)):
            need = measure(text, size, bold, faces) + 4  # 2 px clear of the border each side
            if text and need > b.w:
                bad.append(f"box {b.id}: {text!r} needs {need:.1f} px, the box is {b.w:.1f}")
    for f in lay.frames:
        for text, size, bold, room in _frame_texts(lay, f):
            need = measure(text, size, bold, faces)
            if need > room:
                bad.append(f"frame {f.group}: {text!r} needs {need:.1f} px, it has {room:.1f}")
    for c in lay.texts:
        if measure(c.text, c.size, c.bold, faces) > lay.width:
            bad.append(f"caption {c.text!r} is wider than the canvas ({lay.width})")
    return bad


def _frame_texts(lay: Layout, f) -> list[tuple[str, float, bool, float]]:
    """(text, size, bold, room) of a block frame's texts, as export.svg draws them."""
    texts = [(f.badge, theme.SMALL_SIZE - 1, False, f.w - 18)] if f.badge else []
    if lay.orientation == "horizontal":  # one bold line along the top of the frame
        return [*texts, (f"{f.title} · {f.subtitle}", theme.SMALL_SIZE + 0.5, True, f.w - 18)]
    # vertical: two lines in the gutter left of the main lane
    inside = [b for b in lay.boxes.values() if f.x < b.cx < f.x + f.w and f.y < b.cy < f.y + f.h]
    room = min(b.x for b in inside if b.node.lane == "main") - (f.x + 9) - 2
    return [*texts, (f.title, theme.SMALL_SIZE + 1, True, room), (f.subtitle, theme.SMALL_SIZE, False, room)]


@pytest.mark.parametrize(("lang", "faces"), FONT_CASES, ids=[f"{lg}-{'+'.join(f)[:30]}" for lg, f in FONT_CASES])
@pytest.mark.parametrize("level", ["block", "op", "stage"])
def test_no_box_of_any_preset_is_narrower_than_its_text(metrics, lang, faces, level):
    bad = []
    for name, spec in PRESETS.items():
        for orientation in ("vertical", "horizontal"):
            lay = make_layout(spec, ExportOptions(level=level, lang=lang, orientation=orientation))
            bad += [f"{name} {orientation}: {msg}" for msg in _too_narrow(lay, metrics, faces)]
    assert not bad, f"{len(bad)} texts overflow, e.g. {bad[:5]}"


def test_the_chinese_figure_really_is_in_chinese_and_wider_where_it_must_be():
    en = make_layout(PRESETS["resnet50"], ExportOptions(level="block", lang="en"))
    zh = make_layout(PRESETS["resnet50"], ExportOptions(level="block", lang="zh_CN"))
    assert en.boxes["stem"].node.label == "stem" and zh.boxes["stem"].node.label == "起始层"
    assert zh.frames[0].subtitle.startswith("步幅 ") and zh.frames[0].badge.startswith("参数量 ")
    assert "conv1x1" in zh.frames[0].subtitle  # technical tokens stay
    assert i18n.current_language() == "en"  # drawing in Chinese does not switch the process


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_titles_and_comparison_captions_fit(metrics, lang):
    opts = ExportOptions(block="layer2.0", compare=("conv1x1", "zero-pad", "avgpool-conv1x1"), lang=lang)
    lay = make_layout(PRESETS["resnet50"], opts)
    faces = (CJK_FACE,) if lang == "zh_CN" else ("DejaVu Sans",)
    assert not _too_narrow(lay, metrics, faces)
    if lang == "zh_CN":
        assert any("捷径变体" in c.text for c in lay.texts) and any("捷径参数量" in c.text for c in lay.texts)


def test_cjk_glyphs_and_full_width_punctuation_are_one_em_in_the_estimate(metrics):
    for ch in "起始层（），：":
        assert text_width(ch, 10) == 10.0
        assert metrics(ch, 10, False, (CJK_FACE,)) <= 10.0 + 0.01
    assert text_width("base", 12) == pytest.approx(12 * (0.6 * 4))  # Latin estimate unchanged


@pytest.mark.parametrize(("lang", "faces"), FONT_CASES, ids=[f"{lg}-{'+'.join(f)[:30]}" for lg, f in FONT_CASES])
def test_sampling_figure_texts_end_inside_the_canvas(metrics, lang, faces):
    i18n.set_language(lang)
    for name, block in (("resnet20", "layer2.0"), ("resnext50_32x4d", "layer4.0"), ("resnet50d", "layer3.0")):
        svg, width, _ = sampling_svg(PRESETS[name], block, theme.LIGHT)
        root = ET.fromstring(svg)
        for t in root.iter(f"{NS}text"):
            if t.get("text-anchor") == "start":  # headings, panel titles, reads, legend
                bold = t.get("font-weight") == "bold"
                end = float(t.get("x")) + metrics(t.text or "", float(t.get("font-size")), bold, faces)
                assert end <= width, f"{name} {block}: {t.text!r} ends at {end:.1f}, the figure is {width} wide"
        if lang == "zh_CN":
            words = " ".join(t.text or "" for t in root.iter(f"{NS}text"))
            assert "捷径分支读取了" in words and "从未读取" in words and "主分支：" in words
            assert "Noto Sans CJK SC" in root.get("font-family")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "resnet_viewer", "export", *args], capture_output=True, text=True)


def test_chinese_svg_names_cjk_fonts_says_chinese_and_remakes_itself(tmp_path):
    out = tmp_path / "zh.svg"
    done = run_cli("--preset", "resnet20", "--lang", "zh_CN", "-o", str(out))
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(out.read_bytes())
    family = [f.strip().strip("'") for f in root.get("font-family").split(",")]
    cjk = [family.index(f) for f in ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")]
    assert max(cjk) < family.index("sans-serif")
    words = {t.text for t in root.iter(f"{NS}text")}
    assert {"起始层", "输入", "全局平均池化 + fc"} <= words
    assert any(w and w.startswith("步幅 1 · ") for w in words)  # a block's subtitle
    desc = root.find(f"{NS}desc").text
    assert desc.startswith("由 resnet_viewer 绘制。") and "--lang zh_CN" in desc
    recorded = shlex.split(desc.split("重新生成：")[1])
    again = tmp_path / "again.svg"
    assert run_cli(*recorded[2:-2], "-o", str(again)).returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_english_svg_keeps_its_font_list_and_records_no_language(tmp_path):
    out = tmp_path / "en.svg"
    assert run_cli("--preset", "resnet20", "--lang", "en", "-o", str(out)).returncode == 0
    root = ET.fromstring(out.read_bytes())
    assert root.get("font-family") == theme.FONT_FAMILY
    assert "--lang" not in root.find(f"{NS}desc").text


def test_unknown_language_is_one_sentence_naming_the_allowed_ones(tmp_path):
    done = run_cli("--preset", "resnet20", "--lang", "fr", "-o", str(tmp_path / "x.svg"))
    assert done.returncode != 0 and "choose one of en, zh_CN" in done.stderr
    assert not (tmp_path / "x.svg").exists()


def test_chinese_pdf_has_chinese_text_and_png_renders(tmp_path, qapp):
    import pypdf
    from PySide6.QtGui import QImage

    pdf, png = tmp_path / "zh.pdf", tmp_path / "zh.png"
    for out in (pdf, png):
        done = run_cli("--preset", "resnet50", "--block", "layer2.0", "--lang", "zh_CN", "-o", str(out))
        assert done.returncode == 0, done.stderr
    # NFKC: the CJK font draws 入 and the radical ⼊ with one glyph, and the PDF's
    # ToUnicode map names the radical; a reader's search folds them the same way
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
    assert "起始层" not in text  # a block figure has no stem …
    assert "块输入" in text and "步幅" in text and "参数量" in text  # … but its own words, in Chinese
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 8  # drawn, not a blank page
