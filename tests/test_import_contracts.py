"""The layer rules as import-linter contracts (pyproject.toml, [tool.importlinter]),
beside the hand-written checks of tests/test_core_boundary.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter is not installed (it is in the `test` extra)")

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = (
    "core imports neither torch, numpy nor Qt",
    "core imports none of the layers above it",
    "live never imports Qt",
    "export imports neither gui, live, torch nor numpy itself",
)


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    cmd = [sys.executable, "-c", code, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")]
    return subprocess.run(cmd, cwd=package_parent, env=env, capture_output=True, text=True, timeout=120)


def test_every_layer_contract_is_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in done.stdout, done.stdout


def test_a_core_module_importing_numpy_breaks_its_contract(tmp_path):
    shutil.copytree(ROOT / "resnet_viewer", tmp_path / "resnet_viewer", ignore=shutil.ignore_patterns("__pycache__"))
    layout = tmp_path / "resnet_viewer" / "core" / "layout.py"
    layout.write_text(layout.read_text() + "\n\ndef _sneaky():\n    import numpy\n\n    return numpy\n")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "core imports neither torch, numpy nor Qt BROKEN" in done.stdout
    assert "resnet_viewer.core.layout -> numpy" in done.stdout
