"""`export --block NAME --sampling`: the figure draws what the core says each
branch reads, as vector SVG/PDF and as PNG, and refuses bad options in one line."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from resnet_viewer import preset
from resnet_viewer.core import theme
from resnet_viewer.export.sampling import CELL, sampling_svg

NS = "{http://www.w3.org/2000/svg}"


def _panel(svg, branch):
    root = ET.fromstring(svg)
    return next(g for g in root.iter(f"{NS}g") if g.get("id") == f"panel-{branch}")


def _dots(panel):
    return [c for c in panel.iter(f"{NS}circle") if float(c.get("r")) == pytest.approx(CELL * 0.22, abs=0.06)]


def _windows(panel):
    return [r for r in panel.iter(f"{NS}rect") if r.get("fill-opacity")]


def _text(svg):
    return " ".join(t.text for t in ET.fromstring(svg).iter(f"{NS}text"))


def test_strided_1x1_is_a_dot_grid_and_strided_3x3_are_windows():
    svg, w, h = sampling_svg(preset("resnet50"), "layer2.0", theme.LIGHT)
    short, main = _panel(svg, "shortcut"), _panel(svg, "main")
    assert len(_dots(short)) == 16 and not _windows(short)  # every other row and column of the 8×8 corner
    assert len(_windows(main)) == 25 and not _dots(main)  # outputs 0..4 each way: output 4 reads rows 7..9
    text = _text(svg)
    assert "the shortcut branch reads 25% (1 in 4)" in text and "the main branch reads 100%" in text
    assert "top-left 8×8 of 56×56" in text and w > 600 and h > 300


def test_v1_bottleneck_main_branch_reads_a_quarter_and_pooling_draws_windows():
    svg, _, _ = sampling_svg(preset("resnet50").with_changes(stride_on="1x1"), "layer2.0", theme.LIGHT)
    assert len(_dots(_panel(svg, "main"))) == 16 and "the main branch reads 25% (1 in 4)" in _text(svg)
    svg, _, _ = sampling_svg(preset("resnet50d"), "layer3.0", theme.DARK)
    short = _panel(svg, "shortcut")
    assert len(_windows(short)) == 16 and "avgpool2×2/2" in _text(svg)


def test_odd_input_is_drawn_whole_with_the_ceil_mode_edge():
    spec = preset("resnet20").with_changes(input_shape=(3, 14, 14), shortcut="avgpool-conv1x1")
    svg, _, _ = sampling_svg(spec, "layer3.0", theme.LIGHT)
    short = _panel(svg, "shortcut")
    assert "input 7×7" in _text(svg)
    assert len(_windows(short)) + len(_dots(short)) == 16  # 4×4 windows; the corner one holds a single pixel
    zp, _, _ = sampling_svg(spec.with_changes(shortcut="zero-pad"), "layer3.0", theme.LIGHT)
    assert "32.7%" in _text(zp) and len(_dots(_panel(zp, "shortcut"))) == 16


def test_svg_is_deterministic():
    a = sampling_svg(preset("resnet18"), "layer3.0", theme.LIGHT)
    assert a == sampling_svg(preset("resnet18"), "layer3.0", theme.LIGHT)
    assert "<image" not in a[0] and 'viewBox="0 0' in a[0]


def run_cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "resnet_viewer", "export", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_writes_svg_pdf_png_with_text_as_text(tmp_path):
    import pypdf

    for ext in ("svg", "pdf", "png"):
        p = run_cli("--preset", "resnet50", "--block", "layer2.0", "--sampling", "-o", f"s.{ext}", cwd=tmp_path)
        assert p.returncode == 0, p.stderr
    assert sorted(os.listdir(tmp_path)) == ["s.pdf", "s.png", "s.svg"]
    text = pypdf.PdfReader(tmp_path / "s.pdf").pages[0].extract_text()
    assert "25%" in text and "layer2.0" in text
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--sampling", "-o", "x.svg"], "--sampling needs --block"),
        (["--sampling", "--block", "layer9.0", "-o", "x.svg"], "layer9.0"),
        (["--sampling", "--block", "layer2.0", "--compare", "conv1x1,zero-pad", "-o", "x.svg"], "--compare"),
        (["--sampling", "--block", "layer3.0", "--shortcut", "identity", "-o", "x.svg"], "cannot run"),
    ],
)
def test_bad_sampling_options_give_one_line_exit_2_and_no_file(tmp_path, args, fragment):
    p = run_cli("--preset", "resnet50", *args, cwd=tmp_path)
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 1 and fragment in p.stderr, p.stderr
    assert os.listdir(tmp_path) == []
