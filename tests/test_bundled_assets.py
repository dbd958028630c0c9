"""The bundled data files: found wherever the package is, listed where users look,
and a broken install said in one sentence (tests/test_wheel_install.py installs the
real wheel)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from resnet_viewer import bundled
from resnet_viewer.cli import main
from resnet_viewer.live.images import ImageError, bundled_images, default_source, parse_source

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ["astronaut", "brick", "chelsea", "coffee", "rocket"]


@pytest.fixture
def broken_install(tmp_path, monkeypatch):
    """An installation whose assets folder is empty."""
    monkeypatch.setattr(bundled, "assets_dir", lambda: tmp_path)
    return tmp_path


def test_the_bundled_images_are_found_with_their_licences():
    assert list(bundled_images()) == BUNDLED
    assert bundled.bundled_image_names() == BUNDLED
    assert bundled.asset_path("images", "LICENSES.md").read_text().count("|") > 20


def test_a_missing_bundled_file_is_one_sentence(broken_install):
    with pytest.raises(bundled.BundledFileMissing) as e:
        bundled.asset_path("images", "chelsea.png")
    assert str(e.value) == (
        f"the bundled file assets/images/chelsea.png is missing from this installation "
        f"(looked in {broken_install / 'images'}); reinstall resnet-viewer"
    )
    with pytest.raises(ImageError) as e:
        default_source()
    assert str(e.value).startswith(
        f"the bundled image 'chelsea' is missing from this installation (looked in {broken_install / 'images'}); "
    )


def test_trace_without_an_image_on_a_broken_install_says_so_in_one_line(broken_install, capsys):
    assert main(["trace", "--preset", "resnet20"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bundled image 'chelsea' is missing" in err and "reinstall" in err


def test_an_unknown_bare_name_lists_the_bundled_images(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImageError) as e:
        parse_source("chelsa")
    assert str(e.value) == "chelsa: no such file, and not a bundled image (bundled: " + ", ".join(BUNDLED) + ")"
    (tmp_path / "photo").write_bytes(b"")  # a file without a suffix is still a file
    assert parse_source("photo").name == "photo"


@pytest.mark.parametrize("command", ["trace", "gui"])
def test_help_lists_the_bundled_images(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "a bundled photograph (" + ", ".join(BUNDLED) + "; default chelsea)" in out


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
def test_pyproject_lists_every_subpackage_so_the_wheel_carries_it():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "resnet_viewer").rglob("__init__.py")} | {
        "resnet_viewer.assets"
    }
    assert set(config["packages"]) == on_disk
    assert config["package-dir"] == {"resnet_viewer.assets": "assets"}
