"""File → Export…: the export options with a live preview of the exact SVG
that will be written (PDF and PNG render that same SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, Qt
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
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from ..core import shortcuts
from ..core import theme as themes
from ..core.choices import (
    FITS,
    GRAPH_LEVELS,
    ORIENTATIONS,
    THEME_NAMES,
    BlockName,
    GraphLevel,
    stage_name,
    stage_number,
)
from ..core.presets import matching_preset
from ..core.spec import ArchSpec
from ..export.figure import make_layout
from ..export.formats import file_filter
from ..export.options import COMPARE_EXAMPLE, ExportOptions, variant_names
from ..export.regen import description
from ..export.svg import to_svg
from ..export.writer import write
from .combo_keys import add_keys, key, key_of, relabel, set_key
from .settings import app_settings

if TYPE_CHECKING:
    from PySide6.QtGui import QStandardItemModel

SCOPES = ("whole network", "one stage", "one block", "compare shortcuts")  # item keys, in menu order
WHOLE, ONE_STAGE, ONE_BLOCK, COMPARE = SCOPES
# GRAPH_LEVELS with "block" first: the dialog opens at block detail, and "stage" is
# only for the whole network (update_preview turns it off elsewhere)
LEVELS: tuple[GraphLevel, ...] = ("block", *(level for level in GRAPH_LEVELS if level != "block"))


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
        self.spec = spec
        self.written: str | None = None
        form = QFormLayout()
        self.scope = QComboBox()
        add_keys(self.scope, SCOPES)
        self.block = QComboBox()
        self.block.addItems(spec.block_names())
        self.stage = QSpinBox()
        self.stage.setRange(1, spec.stage_count)
        self.variants = QLineEdit(COMPARE_EXAMPLE)
        self.level = QComboBox()
        add_keys(self.level, LEVELS)
        self.orientation = QComboBox()
        add_keys(self.orientation, list(ORIENTATIONS))
        self.fit = QCheckBox()
        self.theme = QComboBox()
        add_keys(self.theme, THEME_NAMES)
        self.transparent = QCheckBox()
        self.badges = QCheckBox()
        self.badges.setChecked(True)
        self.title = QLineEdit()
        self.caption = QLineEdit()
        self.scale = QDoubleSpinBox()
        self.scale.setRange(1, 4)
        self.scale.setValue(2)
        self.scale.setSuffix("×  (PNG)")
        self.labels: dict[QWidget, QLabel] = {}  # their texts: retranslate_ui
        for w in (
            self.scope, self.block, self.stage, self.variants, self.level, self.orientation, self.fit,
            self.theme, self.transparent, self.badges, self.title, self.caption, self.scale,
        ):  # fmt: skip
            if w in (self.fit, self.transparent, self.badges):
                form.addRow("", w)  # a check box says what it is
            else:
                form.addRow(self.labels.setdefault(w, QLabel()), w)
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
            self.stage.setValue(BlockName.parse(selected).stage)
        elif selected and (stage := stage_number(selected)) is not None:
            self.stage.setValue(stage)
            self.block.setCurrentText(str(BlockName(stage, 0)))
        if block:
            self.block.setCurrentText(block)
            set_key(self.scope, COMPARE if compare else ONE_BLOCK)
        for w in (self.scope, self.block, self.level, self.orientation, self.theme):
            w.currentIndexChanged.connect(self.update_preview)
        for w in (self.fit, self.transparent, self.badges):
            w.toggled.connect(self.update_preview)
        for w in (self.variants, self.title, self.caption):
            w.editingFinished.connect(self.update_preview)
        self.stage.valueChanged.connect(self.update_preview)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export diagram"))
        relabel(
            self.scope,
            {
                WHOLE: self.tr("whole network"),
                ONE_STAGE: self.tr("one stage"),
                ONE_BLOCK: self.tr("one block"),
                COMPARE: self.tr("compare shortcuts"),
            },
        )
        self.variants.setToolTip(self.tr("Variants to compare: {names}").format(names=", ".join(shortcuts.NAMES)))
        relabel(self.level, {"block": self.tr("block"), "stage": self.tr("stage"), "op": self.tr("op")})
        relabel(self.orientation, {"vertical": self.tr("vertical"), "horizontal": self.tr("horizontal")})
        relabel(self.theme, {"light": self.tr("light"), "dark": self.tr("dark")})
        self.fit.setText(self.tr("fit 16:9 (wrap into columns/rows)"))
        self.transparent.setText(self.tr("transparent background"))
        self.badges.setText(self.tr("params / multiply-adds badges"))
        for w, text in (
            (self.scope, self.tr("What")),
            (self.block, self.tr("Block")),
            (self.stage, self.tr("Stage")),
            (self.variants, self.tr("Variants")),
            (self.level, self.tr("Detail")),
            (self.orientation, self.tr("Orientation")),
            (self.theme, self.tr("Theme")),
            (self.title, self.tr("Title")),
            (self.caption, self.tr("Caption")),
            (self.scale, self.tr("PNG scale")),
        ):
            self.labels[w].setText(text)
        self.update_preview()  # an error in the preview's tooltip is the core's, in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def options(self) -> ExportOptions:
        scope = key(self.scope)
        return ExportOptions(
            level=key_of(self.level, GRAPH_LEVELS),
            block=self.block.currentText() if scope in (ONE_BLOCK, COMPARE) else None,
            stage=self.stage.value() if scope == ONE_STAGE else None,
            compare=variant_names(self.variants.text()) if scope == COMPARE else (),
            orientation=key_of(self.orientation, ORIENTATIONS),
            fit=FITS[0] if self.fit.isChecked() else None,  # the one fit: a 16:9 slide
            theme=key_of(self.theme, THEME_NAMES),
            transparent=self.transparent.isChecked(),
            title=self.title.text() or None,
            caption=self.caption.text() or None,
            badges=self.badges.isChecked(),
            scale=self.scale.value(),
        )

    def update_preview(self) -> None:
        scope = key(self.scope)
        for w, scopes in ((self.block, (ONE_BLOCK, COMPARE)), (self.stage, (ONE_STAGE,)), (self.variants, (COMPARE,))):
            w.setEnabled(scope in scopes)
        # stage detail exists only for the whole network (the export refuses it elsewhere)
        whole = scope == WHOLE
        levels = cast("QStandardItemModel", self.level.model())  # a QComboBox's own model
        levels.item(self.level.findData("stage")).setEnabled(whole)
        if not whole and key(self.level) == "stage":
            set_key(self.level, "block")  # re-enters update_preview
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
        scope = key(self.scope)
        if scope in (ONE_BLOCK, COMPARE):
            parts.append(self.block.currentText())
        elif scope == ONE_STAGE:
            parts.append(stage_name(self.stage.value()))
        if scope == COMPARE:
            parts.append("shortcuts")
        return str(folder / f"{'_'.join(parts)}.{ext}")

    def save(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export diagram"), self.proposed_path(), file_filter())
        if not path:
            return
        try:
            opts = self.options()
            write(make_layout(self.spec, opts), path, opts, description(self.spec, opts))
        except (ValueError, OSError) as e:
            QMessageBox.warning(self, self.tr("Export failed"), str(e))
            return
        settings = app_settings()
        settings.setValue("export_dir", str(Path(path).resolve().parent))
        settings.setValue("export_ext", Path(path).suffix.lstrip(".").lower())
        self.written = path
        self.accept()
