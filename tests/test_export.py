"""Diagram export: golden SVGs, every format opens and carries the labels,
bad options fail cleanly without leaving files behind."""

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from resnet_viewer import preset
from resnet_viewer.core import theme
from resnet_viewer.export.figure import make_layout
from resnet_viewer.export.options import ExportOptions
from resnet_viewer.export.svg import to_svg
from resnet_viewer.export.writer import write

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("RESNET_VIEWER_REGEN_GOLDEN") == "1"  # regenerate on purpose
NS = "{http://www.w3.org/2000/svg}"

FIGURES = {
    "resnet18_network.svg": (preset("resnet18"), ExportOptions(level="network", title="ResNet-18")),
    "resnet50_layer2.0_block.svg": (preset("resnet50"), ExportOptions(block="layer2.0")),
    "resnet50_layer2.0_compare.svg": (
        preset("resnet50"),
        ExportOptions(block="layer2.0", compare=("conv1x1", "avgpool-conv1x1", "zero-pad")),
    ),
}


def svg_of(spec, opts):
    return to_svg(make_layout(spec, opts), theme.get(opts.theme), opts.transparent)


def texts(svg: str) -> list[str]:
    return [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]


@pytest.mark.parametrize("name", list(FIGURES))
def test_svg_equals_its_golden_file_after_canonicalising(name):
    svg = svg_of(*FIGURES[name])
    path = GOLDEN / name
    if REGEN or not path.exists():
        path.write_text(svg, encoding="utf-8")
        if not REGEN:
            pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
    assert ET.canonicalize(svg) == ET.canonicalize(path.read_text(encoding="utf-8")), (
        f"{name} changed; if intended, regenerate with RESNET_VIEWER_REGEN_GOLDEN=1 pytest tests/test_export.py"
    )


def test_svg_is_deterministic_text_with_viewbox_and_no_raster():
    spec, opts = FIGURES["resnet50_layer2.0_block.svg"]
    a, b = svg_of(spec, opts), svg_of(spec, opts)
    assert a == b
    root = ET.fromstring(a)
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("font-family").endswith("sans-serif")
    assert not list(root.iter(f"{NS}image"))
    t = texts(a)
    assert "layer2.0" in t and "512×28×28" in t and "256×56×56" in t and "conv1×1/2 + BN" in t


def test_the_network_figure_names_every_block_and_labels_every_change():
    t = texts(svg_of(preset("resnet50"), ExportOptions()))
    for block in preset("resnet50").block_names():
        assert block in t
    assert {"64×56×56", "256×56×56", "512×28×28", "1024×14×14", "2048×7×7"} <= set(t)


def test_a_mismatch_is_drawn_as_an_error_with_both_shapes():
    svg = svg_of(preset("resnet50").with_block_shortcut("layer2.0", "identity"), ExportOptions(block="layer2.0"))
    assert "✗ 512×28×28 ≠ 256×56×56" in texts(svg)
    assert theme.LIGHT.error in svg


def test_comparison_figure_puts_parameter_counts_under_each_variant():
    t = texts(svg_of(*FIGURES["resnet50_layer2.0_compare.svg"]))
    assert "conv1x1 — 132,096 shortcut params" in t
    assert "avgpool-conv1x1 — 132,096 shortcut params" in t
    assert "zero-pad — 0 shortcut params" in t


def test_fit_16_9_makes_a_slide_shaped_drawing_in_both_orientations():
    for orientation in ("vertical", "horizontal"):
        lay = make_layout(preset("resnet50"), ExportOptions(fit="16:9", orientation=orientation))
        assert lay.width / lay.height == pytest.approx(16 / 9, rel=0.01)
        assert len({round(b.x) for b in lay.boxes.values() if b.node.kind == "add"}) > 1  # wrapped, not one long line


def test_pdf_has_one_page_sized_to_the_drawing_with_text_as_text(tmp_path):
    import pypdf

    spec, opts = FIGURES["resnet50_layer2.0_block.svg"]
    path = write(make_layout(spec, opts), tmp_path / "block.pdf", opts)
    assert path.read_bytes().startswith(b"%PDF")
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    lay = make_layout(spec, opts)
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(lay.width * 0.75, abs=1) and float(box.height) == pytest.approx(
        lay.height * 0.75, abs=1
    )
    text = reader.pages[0].extract_text()
    assert "layer2.0" in text and "512×28×28" in text


@pytest.mark.parametrize("scale", [1.0, 2.0, 4.0])
def test_png_has_the_pixel_size_and_dpi_of_the_scale(tmp_path, scale):
    spec, opts = FIGURES["resnet50_layer2.0_block.svg"]
    opts = ExportOptions(block="layer2.0", scale=scale)
    lay = make_layout(spec, opts)
    data = write(lay, tmp_path / "b.png", opts).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", data[16:24])
    assert (w, h) == (round(lay.width * scale), round(lay.height * scale))
    i = data.index(b"pHYs")
    ppm_x, _ppm_y, unit = struct.unpack(">IIB", data[i + 4 : i + 13])
    assert unit == 1 and ppm_x * 0.0254 == pytest.approx(96 * scale, abs=0.5)


def test_transparent_png_has_a_transparent_background(tmp_path):
    from PySide6.QtGui import QImage

    opts = ExportOptions(block="layer1.0", transparent=True, scale=1.0)
    path = write(make_layout(preset("resnet18"), opts), tmp_path / "t.png", opts)
    img = QImage(str(path))
    assert img.pixelColor(1, 1).alpha() == 0


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "resnet_viewer", "export", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_writes_each_format_offscreen(tmp_path):
    env_free = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for ext in ("svg", "pdf", "png"):
        out = tmp_path / f"net.{ext}"
        p = subprocess.run(
            [sys.executable, "-m", "resnet_viewer", "export", "--preset", "resnet20", "--fit", "16:9", "-o", str(out)],
            capture_output=True,
            text=True,
            env=env_free,
        )
        assert p.returncode == 0, p.stderr
        assert out.stat().st_size > 1000
    assert sorted(os.listdir(tmp_path)) == ["net.pdf", "net.png", "net.svg"]  # no temporary files left


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--scale", "9", "-o", "x.png"], "--scale"),
        (["-o", "x.gif"], "unknown format .gif"),
        (["--block", "layer9.0", "-o", "x.svg"], "layer9.0"),
        (["--compare", "conv1x1,zero-pad", "-o", "x.svg"], "--compare needs --block"),
        (["--block", "layer2.0", "--compare", "conv1x1,bogus", "-o", "x.svg"], "unknown shortcut variant 'bogus'"),
        (["--stage", "7", "-o", "x.svg"], "--stage"),
        (["--theme", "neon", "-o", "x.svg"], "invalid choice"),
        (["--scale", "3", "-o", "x.svg"], "--scale: only for PNG"),
        (["--dpi", "300", "-o", "x.pdf"], "--dpi: only for PNG"),
        (["--block", "layer2.0", "--stage", "2", "-o", "x.svg"], "give one of them"),
        (["--block", "layer2.0", "--compare", "conv1x1,zero-pad", "--stage", "2", "-o", "x.svg"], "--stage"),
        (["--block", "layer2.0", "--level", "stage", "-o", "x.svg"], "--level stage"),
        (["--title", "a\x07b", "-o", "x.svg"], "U+0007"),
        (["--caption", "a\x1bb", "-o", "x.png"], "U+001B"),
        (["--title", "a\x01b", "-o", "x.pdf"], "U+0001"),
        (["--preset", "resnet152", "--level", "op", "--dpi", "1200", "-o", "x.png"], "too large for a PNG"),
    ],
)
def test_bad_options_give_one_line_exit_2_and_no_file(tmp_path, args, fragment):
    p = run_cli(*args, cwd=tmp_path)
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 1 and fragment in p.stderr, p.stderr
    assert os.listdir(tmp_path) == []


def test_unwritable_path_fails_cleanly(tmp_path):
    (tmp_path / "file").write_text("x")
    p = run_cli("-o", str(tmp_path / "file" / "out.svg"))
    assert p.returncode == 2 and "does not exist" in p.stderr
    assert os.listdir(tmp_path) == ["file"]


def test_a_failing_render_leaves_neither_a_partial_nor_a_temporary_file(tmp_path, monkeypatch):
    from resnet_viewer.export import qt_render

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(qt_render, "render_png", broken)
    (tmp_path / "keep.png").write_bytes(b"the previous export")
    opts = ExportOptions(block="layer1.0")
    with pytest.raises(OSError, match="disk full"):
        write(make_layout(preset("resnet18"), opts), tmp_path / "keep.png", opts)
    assert os.listdir(tmp_path) == ["keep.png"]
    assert (tmp_path / "keep.png").read_bytes() == b"the previous export"
