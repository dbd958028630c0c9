"""Make README's pictures from the real app and the real exporter:
    python docs/make_screenshots.py [--only main_window_zh_CN.png ...]
Writes docs/images/*.png (offscreen; no display needed). The window is
1366×768, the most common laptop screen, laid out as a first launch lays it out.
The Chinese window needs a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SIZE = (1366, 768)
sys.path.insert(0, str(ROOT))


def wait_for_trace(app, window, timeout_s: float = 120) -> None:  # type: ignore[no-untyped-def]
    import time

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if window.result is not None and window.result.gen == window.gen and not window.status.busy.isVisible():
            return
        time.sleep(0.02)
    raise TimeoutError("no trace from the live model")


def main(only: set[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from resnet_viewer import preset
    from resnet_viewer.export.figure import make_layout
    from resnet_viewer.export.options import ExportOptions
    from resnet_viewer.export.writer import write
    from resnet_viewer.gui.language import install_language
    from resnet_viewer.gui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        os.environ["RESNET_VIEWER_SETTINGS"] = str(Path(d) / "settings.ini")
        app = QApplication.instance() or QApplication([])
        w = MainWindow()
        w.resize(*SIZE)
        w.show()
        wait_for_trace(app, w)

        def snap(variant: str | None, widget, name: str) -> None:  # type: ignore[no-untyped-def]
            if only and name not in only:
                return
            if variant:
                w.edit(lambda s: s.with_block_shortcut("layer2.0", variant), variant)
                wait_for_trace(app, w)
            w.select_block("layer2.0")  # a first launch opens on it too
            w.view.center_on_group("layer2.0", centre=True)
            app.processEvents()
            widget.grab().save(str(OUT / name))

        snap(None, w, "main_window.png")
        snap("identity", w, "mismatch.png")
        snap("zero-pad", w.bottom, "zero_pad_activations.png")
        w.doc.undo_stack.setIndex(0)  # back to plain ResNet-50
        install_language("zh_CN")  # as View → Language does: the open window relabels itself
        wait_for_trace(app, w)
        snap(None, w, "main_window_zh_CN.png")
        install_language("en")
        w.close()
    if only:
        return
    spec = preset("resnet50")
    write(make_layout(spec, ExportOptions(block="layer2.0")), OUT / "block_layer2.0.png", ExportOptions(scale=2))
    cmp = ExportOptions(block="layer2.0", compare=("conv1x1", "avgpool-conv1x1", "zero-pad", "identity"))
    write(make_layout(spec, cmp), OUT / "compare_shortcuts.png", ExportOptions(scale=1.5))
    net = ExportOptions(fit="16:9", title="ResNet-18")
    write(make_layout(preset("resnet18"), net), OUT / "resnet18_slide.png", ExportOptions(scale=1.5))
    for p in sorted(OUT.glob("*.png")):
        print(p.relative_to(ROOT), p.stat().st_size)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=[], help="make only these window pictures (file names)")
    main(set(ap.parse_args().only))
