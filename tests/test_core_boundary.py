"""DESIGN.md's layers: the core imports neither torch nor Qt."""

import ast
import pathlib
import subprocess
import sys

import resnet_viewer

PKG = pathlib.Path(resnet_viewer.__file__).parent
FORBIDDEN = {"torch", "PySide6", "shiboken6", "pyqtgraph", "numpy", "torchinfo"}


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_sources_import_only_the_stdlib():
    offenders = {p.name: _imports(p) & FORBIDDEN for p in (PKG / "core").glob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_live_never_imports_qt():
    offenders = {p.name: _imports(p) & {"PySide6", "shiboken6", "pyqtgraph"} for p in (PKG / "live").glob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_infer_and_summary_run_without_loading_torch_or_qt():
    code = (
        "import sys; from resnet_viewer import infer, preset\n"
        "from resnet_viewer.cli import main\n"
        "infer(preset('resnet152')); main(['summary', '--preset', 'resnet152', '--json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in %r)\n"
        "assert not bad, bad\n" % (FORBIDDEN,)
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_the_window_and_its_panels_import_without_torch():
    """The window draws before PyTorch loads (it loads on the engine thread)."""
    code = (
        "import sys\n"
        "import resnet_viewer.gui.main_window, resnet_viewer.gui.activations, resnet_viewer.gui.export_dialog\n"
        "assert 'torch' not in sys.modules, sorted(m for m in sys.modules if m.startswith('torch'))[:5]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
