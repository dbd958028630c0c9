"""A normal install works: build the sdist and the wheel from a copy of the checkout,
install the wheel into a fresh virtual environment and use it, as a user would, from a
directory outside the checkout. The venv borrows this interpreter's dependencies
(torch, PySide6, ...) through a .pth file so nothing is downloaded or reinstalled."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("setuptools") is None,
        reason="building the wheel needs setuptools (it is in the `test` extra)",
    ),
]

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ("astronaut", "brick", "chelsea", "coffee", "rocket")
# The packages the app imports at run time, plus pip to install the wheel.
BORROWED = ("torch", "numpy", "PIL", "PySide6", "shiboken6", "pyqtgraph", "torchinfo", "safetensors", "pip")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "artifacts", ".*_cache", ".hypothesis"
)


class Installed:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.venv = work / "venv"
        self.bin = self.venv / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / "python"
        self.elsewhere = work / "elsewhere"  # the user's directory: not the checkout
        self.elsewhere.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
        self.env.update(QT_QPA_PLATFORM="offscreen", RESNET_VIEWER_SETTINGS=str(work / "settings.ini"))

    def run(self, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
        exe = self.bin / "resnet-viewer"
        return subprocess.run(
            [str(exe), *args],
            cwd=self.elsewhere,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _build(src: Path, dist: Path) -> Path:
    if importlib.util.find_spec("build") is not None:
        # sdist first, then the wheel built from that sdist: both must carry the assets
        cmd = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)]
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = dist.glob("resnet_viewer-*.whl")
    return wheel


def _dependency_dirs() -> list[Path]:
    dirs = []
    for name in BORROWED:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin, f"{name} is not installed here"
        d = Path(spec.origin).resolve().parents[1]
        assert d != ROOT, f"{name} is found in the checkout"
        if d not in dirs:
            dirs.append(d)
    return dirs


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel_install")
    assert ROOT not in work.resolve().parents
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=NOT_COPIED)
    wheel = _build(src, work / "dist")
    inst = Installed(work)
    venv.create(inst.venv, with_pip=False)
    where = [str(inst.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    site = Path(subprocess.run(where, env=inst.env, capture_output=True, text=True, check=True).stdout.strip())
    # plain path lines: the dependencies' own .pth files (an editable resnet_viewer among them) are not run
    (site / "borrowed_dependencies.pth").write_text("".join(f"{d}\n" for d in _dependency_dirs()))
    pip = [str(inst.python), "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check"]
    done = subprocess.run([*pip, str(wheel)], env=inst.env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    inst.wheel = wheel  # type: ignore[attr-defined]
    return inst


def test_the_wheel_carries_every_module_and_the_bundled_images(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "resnet_viewer").rglob("*.py")}
    assert modules - names == set()
    assets = {"resnet_viewer/" + p.relative_to(ROOT).as_posix() for p in (ROOT / "assets").rglob("*") if p.is_file()}
    assert assets - names == set()
    assert "resnet_viewer/assets/images/LICENSES.md" in names


def test_the_venv_imports_the_installed_wheel_not_the_checkout(installed):
    code = "import resnet_viewer; print(resnet_viewer.__file__)"
    done = subprocess.run(
        [str(installed.python), "-c", code], cwd=installed.elsewhere, env=installed.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve().is_relative_to(installed.venv.resolve())


def test_trace_runs_the_bundled_photograph(installed):
    done = installed.run("trace", "--preset", "resnet18", "--image", "chelsea")
    assert done.returncode == 0, done.stderr
    assert "input chelsea.png" in done.stdout
    default = installed.run("trace", "--preset", "resnet20")  # no image: the default photograph
    assert default.returncode == 0, default.stderr
    assert "input chelsea.png" in default.stdout


def test_trace_help_lists_the_bundled_images(installed):
    done = installed.run("trace", "--help")
    assert done.returncode == 0, done.stderr
    assert all(name in done.stdout for name in BUNDLED), done.stdout


def test_export_writes_the_diagram(installed):
    done = installed.run("export", "--block", "layer2.0", "-o", "x.svg")
    assert done.returncode == 0, done.stderr
    svg = (installed.elsewhere / "x.svg").read_text()
    assert svg.lstrip().startswith(("<svg", "<?xml")) and "512×28×28" in svg


def test_the_window_opens_and_shows_its_first_trace(installed):
    done = installed.run(timeout=120, RESNET_VIEWER_QUIT_AFTER_FIRST_TRACE="1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "first trace shown: input chelsea.png on cpu\n" in done.stdout, done.stdout + done.stderr[-3000:]
