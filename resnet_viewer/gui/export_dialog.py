"""File → Export…: the export options with a live preview of the exact SVG
that will be written (PDF and PNG render that same SVG)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from ..core import shortcuts
from ..core import theme as themes
from ..core.choices import ORIENTATIONS
from ..core.presets import matching_preset
from ..core.spec import ArchSpec
from ..export.figure import make_layout
from ..export.formats import file_filter
from ..export.options import ExportOptions
from ..export.regen import description
from ..export.svg import to_svg
from ..export.writer import write
from .settings import app_settings

SCOPES = ("whole network", "one stage", "one block", "compare shortcuts")


class ExportDialog(QDialog):
    def __init__(
        self,
        spec: ArchSpec,
        parent: QWidget | None = None,
        block: str | None = None,
        compare: bool = False,
        selected: str | None = None,
    ) -> None:
        """`block`: export that block (the context menu); `selected`: the block or
        stage picked in the window, what "one block" / "one stage" start at."""
        super().__init__(parent)
        self.setWindowTitle("Export diagram")
        self.spec = spec
        self.written: str | None = None
        form = QFormLayout()
        self.scope = QComboBox()
        self.scope.addItems(SCOPES)
        self.block = QComboBox()
        self.block.addItems(spec.block_names())
        self.stage = QSpinBox()
        self.stage.setRange(1, spec.stage_count)
        self.variants = QLineEdit("conv1x1,avgpool-conv1x1,zero-pad")
        self.variants.setToolTip("Variants to compare: " + ", ".join(shortcuts.NAMES))
        self.level = QComboBox()
        self.level.addItems(["block", "stage", "op"])
        self.orientation = QComboBox()
        self.orientation.addItems(ORIENTATIONS)
        self.fit = QCheckBox("fit 16:9 (wrap into columns/rows)")
        self.theme = QComboBox()
        self.theme.addItems(list(themes.THEMES))
        self.transparent = QCheckBox("transparent background")
        self.badges = QCheckBox("params / multiply-adds badges")
        self.badges.setChecked(True)
        self.title = QLineEdit()
        self.caption = QLineEdit()
        self.scale = QDoubleSpinBox()
        self.scale.setRange(1, 4)
        self.scale.setValue(2)
        self.scale.setSuffix("×  (PNG)")
        for label, w in (
            ("What", self.scope),
            ("Block", self.block),
            ("Stage", self.stage),
            ("Variants", self.variants),
            ("Detail", self.level),
            ("Orientation", self.orientation),
            ("", self.fit),
            ("Theme", self.theme),
            ("", self.transparent),
            ("", self.badges),
            ("Title", self.title),
            ("Caption", self.caption),
            ("PNG scale", self.scale),
        ):
            form.addRow(label, w)
        self.preview = QSvgWidget()
        self.preview.setMinimumSize(520, 420)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        left = QWidget()
        left.setLayout(form)
        form.addRow(buttons)
        row = QHBoxLayout(self)
        row.addWidget(left)
        row.addWidget(self.preview, 1)
        if selected in spec.block_names():
            self.block.setCurrentText(selected)
            self.stage.setValue(int(selected.split(".")[0].removeprefix("layer")))
        elif selected and selected.removeprefix("layer").isdigit():
            self.stage.setValue(int(selected.removeprefix("layer")))
            self.block.setCurrentText(f"{selected}.0")
        if block:
            self.block.setCurrentText(block)
            self.scope.setCurrentIndex(3 if compare else 2)
        for w in (self.scope, self.block, self.level, self.orientation, self.theme):
            w.currentIndexChanged.connect(self.update_preview)
        for w in (self.fit, self.transparent, self.badges):
            w.toggled.connect(self.update_preview)
        for w in (self.variants, self.title, self.caption):
            w.editingFinished.connect(self.update_preview)
        self.stage.valueChanged.connect(self.update_preview)
        self.update_preview()

    def options(self) -> ExportOptions:
        scope = self.scope.currentIndex()
        return ExportOptions(
            level=self.level.currentText(),
            block=self.block.currentText() if scope in (2, 3) else None,
            stage=self.stage.value() if scope == 1 else None,
            compare=tuple(v.strip() for v in self.variants.text().split(",") if v.strip()) if scope == 3 else (),
            orientation=self.orientation.currentText(),
            fit="16:9" if self.fit.isChecked() else None,
            theme=self.theme.currentText(),
            transparent=self.transparent.isChecked(),
            title=self.title.text() or None,
            caption=self.caption.text() or None,
            badges=self.badges.isChecked(),
            scale=self.scale.value(),
        )

    def update_preview(self) -> None:
        for w, scopes in ((self.block, (2, 3)), (self.stage, (1,)), (self.variants, (3,))):
            w.setEnabled(self.scope.currentIndex() in scopes)
        # stage detail exists only for the whole network (the export refuses it elsewhere)
        whole = self.scope.currentIndex() == 0
        self.level.model().item(1).setEnabled(whole)  # type: ignore[attr-defined]
        if not whole and self.level.currentText() == "stage":
            self.level.setCurrentText("block")  # re-enters update_preview
            return
        try:
            opts = self.options()
            svg = to_svg(make_layout(self.spec, opts), themes.get(opts.theme), opts.transparent)
        except ValueError as e:
            self.preview.load(QByteArray())
            self.setToolTip(str(e))
            self.preview.setToolTip(str(e))
            return
        self.preview.setToolTip("")
        self.preview.load(QByteArray(svg.encode("utf-8")))
        self.preview.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)

    def proposed_path(self) -> str:
        """The last export folder and a name from the network and what is drawn:
        resnet50_layer2.0.svg, resnet50_layer3.svg, resnet50_layer2.0_shortcuts.pdf."""
        settings = app_settings()
        folder = Path(str(settings.value("export_dir", "") or Path.home()))
        ext = str(settings.value("export_ext", "svg") or "svg")
        parts = [matching_preset(self.spec) or "custom"]
        scope = self.scope.currentIndex()
        if scope in (2, 3):
            parts.append(self.block.currentText())
        elif scope == 1:
            parts.append(f"layer{self.stage.value()}")
        if scope == 3:
            parts.append("shortcuts")
        return str(folder / f"{'_'.join(parts)}.{ext}")

    def save(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Export diagram", self.proposed_path(), file_filter())
        if not path:
            return
        try:
            opts = self.options()
            write(make_layout(self.spec, opts), path, opts, description(self.spec, opts))
        except (ValueError, OSError) as e:
            QMessageBox.warning(self, "Export failed", str(e))
            return
        settings = app_settings()
        settings.setValue("export_dir", str(Path(path).resolve().parent))
        settings.setValue("export_ext", Path(path).suffix.lstrip(".").lower())
        self.written = path
        self.accept()
