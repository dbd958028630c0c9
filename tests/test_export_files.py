"""Exported files people share: the same command gives the same bytes at any
path and says how to make it again (no local folder inside), comparisons fit
a slide, and writing is checked — a full disk, a symlink, permissions."""

import errno
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from resnet_viewer import preset
from resnet_viewer.export import writer
from resnet_viewer.export.figure import make_layout
from resnet_viewer.export.options import ExportOptions
from resnet_viewer.export.regen import command, spec_args
from resnet_viewer.export.writer import write

NS = "{http://www.w3.org/2000/svg}"


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "resnet_viewer", "export", *args], capture_output=True, text=True, cwd=cwd
    )


def test_same_command_same_svg_bytes_at_any_path_and_the_desc_remakes_it(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    args = ["--preset", "resnet50", "--block", "layer2.0", "--block-shortcut", "layer2.0=zero-pad", "--theme", "dark"]
    one, two = tmp_path / "a" / "fig.svg", tmp_path / "b" / "deeper" / "other name.svg"
    assert run_cli(*args, "-o", str(one)).returncode == 0
    assert run_cli(*args, "-o", str(two)).returncode == 0
    assert one.read_bytes() == two.read_bytes()
    desc = ET.fromstring(one.read_bytes()).find(f"{NS}desc").text
    assert str(tmp_path) not in desc and "fig.svg" not in desc
    recorded = shlex.split(desc.split("Make it again with: ")[1])
    assert recorded[:2] == ["resnet-viewer", "export"] and recorded[-2:] == ["-o", "FILE"]
    again = tmp_path / "again.svg"
    assert run_cli(*recorded[2:-2], "-o", str(again)).returncode == 0
    assert again.read_bytes() == one.read_bytes()


def test_pdf_title_is_the_command_not_the_path(tmp_path):
    import pypdf

    out = tmp_path / "secret-folder-name.pdf"
    assert run_cli("--preset", "resnet18", "--block", "layer1.0", "-o", str(out)).returncode == 0
    title = pypdf.PdfReader(out).metadata.title
    assert title.startswith("Drawn by resnet_viewer. Make it again with: resnet-viewer export --preset resnet18")
    assert "secret-folder-name" not in title and str(tmp_path) not in title


def test_every_spec_option_is_recorded_and_parses_back_to_the_same_spec():
    spec = (
        preset("resnet50")
        .with_changes(strides=(1, 2, 1, 2), stride_on="1x1", input_shape=(3, 160, 192), batch=4)
        .with_block_shortcut("layer3.0", "avgpool-conv1x1")
    )
    args = spec_args(spec)
    assert args is not None and args[:2] == ["--preset", "resnet50"] and "--block-shortcut" in args
    # a spec no preset can express is carried as JSON
    odd = preset("resnet50").with_changes(widths=(32, 64, 128, 256))
    assert spec_args(odd) is None and '"widths"' in command(odd, ExportOptions())


def test_comparison_honours_fit_16_9_with_a_grid():
    variants = ("conv1x1", "avgpool-conv1x1", "zero-pad", "identity")
    row = make_layout(preset("resnet50"), ExportOptions(block="layer2.0", compare=variants))
    assert row.width / row.height > 3  # one long row without --fit
    for orientation in ("vertical", "horizontal"):
        opts = ExportOptions(block="layer2.0", compare=variants, fit="16:9", orientation=orientation, caption="c")
        lay = make_layout(preset("resnet50"), opts)
        assert lay.width / lay.height == pytest.approx(16 / 9, rel=0.01)
        adds = [b for b in lay.boxes.values() if b.node.kind == "add"]
        assert (len(adds) == 4 and len({round(b.y) for b in adds}) > 1) or orientation == "horizontal"
        for b in lay.boxes.values():  # everything inside the page
            assert b.x >= 0 and b.x + b.w <= lay.width and b.y >= 0 and b.y + b.h <= lay.height
    vertical = make_layout(preset("resnet50"), ExportOptions(block="layer2.0", compare=variants, fit="16:9"))
    captions = [t for t in vertical.texts if " — " in t.text]
    assert len({round(t.y) for t in captions}) == 2  # 2 × 2 grid


def test_comparison_ids_are_unique():
    svg_lay = make_layout(preset("resnet50"), ExportOptions(block="layer2.0", compare=("conv1x1", "zero-pad")))
    from resnet_viewer.core import theme
    from resnet_viewer.export.svg import to_svg

    ids = [g.get("id") for g in ET.fromstring(to_svg(svg_lay, theme.LIGHT)).iter() if g.get("id")]
    assert len(ids) == len(set(ids))


class FullDisk:
    """A file whose writes stop part way with ENOSPC, as on a full disk."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


@pytest.mark.parametrize("ext", ["pdf", "png", "svg"])
def test_a_full_disk_keeps_the_old_file_and_names_the_target(tmp_path, monkeypatch, ext):
    target = tmp_path / f"fig.{ext}"
    target.write_bytes(b"the good previous export")
    real_fdopen = os.fdopen
    monkeypatch.setattr(writer.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    opts = ExportOptions(block="layer1.0")
    with pytest.raises(OSError) as err:
        write(make_layout(preset("resnet18"), opts), target, opts)
    assert str(err.value).startswith(f"{target}: could not write it (No space left on device)")
    assert ".tmp" not in str(err.value)
    assert os.listdir(tmp_path) == [f"fig.{ext}"]
    assert target.read_bytes() == b"the good previous export"


def test_a_real_full_tmpfs_keeps_the_old_pdf_and_exits_2(tmp_path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the injected full disk above covers it")
    try:
        target = mnt / "fig.pdf"
        assert run_cli("--preset", "resnet18", "--block", "layer1.0", "-o", str(target)).returncode == 0
        good = target.read_bytes()
        p = run_cli("--preset", "resnet152", "--level", "op", "-o", str(target))  # a PDF larger than the disk
        assert p.returncode == 2 and "No space left on device" in p.stderr and "wrote" not in p.stderr
        assert target.read_bytes() == good and os.listdir(mnt) == ["fig.pdf"]
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_a_symlink_is_written_through_and_permissions_are_kept(tmp_path):
    real = tmp_path / "shared" / "fig.svg"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    opts = ExportOptions(block="layer1.0")
    assert write(make_layout(preset("resnet18"), opts), link, opts) == link
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("<?xml")
    assert (real.stat().st_mode & 0o777) == 0o640
    assert sorted(os.listdir(real.parent)) == ["fig.svg"]


def test_an_oversized_png_is_one_line_and_no_qt_warnings(tmp_path):
    p = run_cli("--preset", "resnet152", "--level", "op", "--dpi", "1200", "-o", str(tmp_path / "x.png"))
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 1 and "too large" in p.stderr
    assert os.listdir(tmp_path) == []


def test_qt_warnings_while_rendering_become_one_line(capsys):
    from PySide6.QtCore import qWarning

    from resnet_viewer.export import qt_render

    qt_render.ensure_gui_app()
    with qt_render.one_warning("fig.png"):
        for _ in range(1000):
            qWarning("QPainter::setPen: Painter not active")
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "warning: rendering fig.png: QPainter::setPen: Painter not active (and 999 more)"
    ]


def test_a_network_that_cannot_run_is_drawn_and_exits_1(tmp_path):
    out = tmp_path / "broken.svg"
    p = run_cli("--preset", "resnet18", "--block-shortcut", "layer2.0=identity", "-o", str(out))
    assert p.returncode == 1, p.stderr
    assert "cannot run" in p.stderr and "layer2.0" in p.stderr
    assert "✗ 128×28×28 ≠ 64×56×56" in out.read_text()


def test_svg_text_is_always_well_formed_xml():
    from resnet_viewer.core import theme
    from resnet_viewer.export.svg import to_svg

    lay = make_layout(preset("resnet18"), ExportOptions(block="layer1.0"))
    ET.fromstring(to_svg(lay, theme.LIGHT, description="bell \x07 and esc \x1b"))
