"""Update the GUI's Qt translations: scan the sources into the .ts files
(pyside6-lupdate, keeping existing translations, dropping obsolete ones) and
build the .qm files the app loads (pyside6-lrelease). Both tools ship with
PySide6-Essentials.

    python docs/update_translations.py            # after changing GUI strings
    python docs/update_translations.py --release  # after translating in Qt Linguist

A translator opens assets/i18n/zh_CN/*.ts in `pyside6-linguist`, translates,
marks entries finished, saves, and runs the --release form. The core's own
messages are JSON (assets/i18n/zh_CN/core/, see resnet_viewer/core/i18n.py).
Every .qm in assets/i18n/<lang>/ is loaded by the GUI."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "resnet_viewer" / "gui"
LANGUAGES = ("zh_CN",)

# One .ts per part of the GUI, so that two people can translate at once.
# Every gui/*.py that shows text belongs to exactly one entry.
CATALOGUES: dict[str, list[str]] = {
    "window": [
        "main_window.py", "menus.py", "status_line.py", "window_layout.py", "banner.py", "controls.py", "inspector.py",
        "graph_view.py", "graph_scene.py", "summary_tab.py", "engine.py", "document.py", "settings.py",
        "launch.py", "run_guard.py", "pixmaps.py", "language.py", "file_dialogs.py",
    ],
    "dialogs": [
        "export_dialog.py", "pretrained_dialog.py", "aliasing_dialog.py", "checkpoint_actions.py",
        "coverage_view.py", "forward_view.py", "forward_ui.py", "activations.py", "mosaic.py", "code_view.py",
    ],
}  # fmt: skip


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        sys.exit(f"{name} not found: install PySide6-Essentials into this Python")
    return found


def ts_path(part: str, lang: str) -> Path:
    return ROOT / "assets" / "i18n" / lang / f"{part}_{lang}.ts"


def update(lang: str) -> None:
    for part, names in CATALOGUES.items():
        sources = [str(GUI / n) for n in names if (GUI / n).exists()]
        ts_path(part, lang).parent.mkdir(parents=True, exist_ok=True)
        cmd = [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts_path(part, lang))]
        subprocess.run(cmd, check=True)


def release(lang: str, out_dir: Path | None = None) -> list[Path]:
    built = []
    for part in CATALOGUES:
        ts = ts_path(part, lang)
        if not ts.exists():
            continue  # a part nobody has translated yet: English
        qm = (out_dir or ts.parent) / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release", action="store_true", help="only build the .qm files from the .ts files")
    args = ap.parse_args()
    for lang in LANGUAGES:
        if not args.release:
            update(lang)
        release(lang)


if __name__ == "__main__":
    main()
