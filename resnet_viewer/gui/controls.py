"""The left panel: every field of the spec, the device, the seed and the input.
Widgets never hold state of their own: they show the spec and turn a user's
change into a new spec (through the Document, so it can be undone)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import shortcuts
from ..core.choices import STAGE_MODES, BlockName, stage_name
from ..core.presets import PRESETS, matching_preset
from ..core.spec import BLOCK_TYPES, STEMS, STRIDE_ON, ArchSpec, SpecError, parse_ints
from ..live.images import PATTERNS, InputSource, bundled_images, pattern_help
from .combo_keys import add_keys, relabel
from .document import Document


def _narrow(box: QComboBox, chars: int = 6) -> None:
    """Let a combo box be narrower than its longest item (the popup still shows it whole)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)


class ControlsPanel(QWidget):
    error = Signal(str)  # an edit the spec refused: shown in the status bar
    source_chosen = Signal(str, object)  # kind ("file" | "pattern"), value (path | (name, param))
    open_image = Signal()
    load_weights = Signal(bool)  # strict
    device_chosen = Signal(str)
    seed_chosen = Signal(int)
    reset = Signal()

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.labels: dict[str, QLabel] = {}  # row labels, by their English text (retranslate_ui)
        forms = [self._build_network(outer), self._build_input(outer), self._build_run(outer)]
        outer.addStretch(1)
        for box in (self.preset, self.block, self.stem, self.stride_on, self.shortcut, self.image, self.device):
            _narrow(box, 8)
        for f in forms:  # a narrow panel puts labels above their fields
            f.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.retranslate_ui()
        self._connect()
        self.sync(doc.spec)
        doc.spec_changed.connect(self.sync)

    def _row(self, form: QFormLayout, key: str, field: QWidget | QLayout) -> None:
        self.labels[key] = label = QLabel()
        form.addRow(label, field)

    def _build_network(self, outer: QVBoxLayout) -> QFormLayout:
        self.net_box = QGroupBox()
        form = QFormLayout(self.net_box)
        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(name, name)
        self.preset.addItem("", "custom")  # "custom": text set by retranslate_ui
        self.block = QComboBox()
        self.block.addItems(BLOCK_TYPES)
        self.layers, self.widths = QLineEdit(), QLineEdit()
        self.stem = QComboBox()
        self.stem.addItems(STEMS)
        self.stride_row = QGridLayout()  # row 0: "layer1" … ; row 1: the boxes
        self.stride_boxes: list[QComboBox] = []
        self.stride_labels: list[QLabel] = []
        strides = QWidget()
        strides.setLayout(self.stride_row)
        self.stride_row.setContentsMargins(0, 0, 0, 0)
        self.stride_row.setVerticalSpacing(0)
        self.stride_on = QComboBox()
        self.stride_on.addItems(STRIDE_ON)
        self.shortcut = QComboBox()
        self.shortcut.addItems([v.name for v in shortcuts.VARIANTS])
        for key, field in (
            ("Preset", self.preset),
            ("Block", self.block),
            ("Blocks/stage", self.layers),
            ("Widths", self.widths),
            ("Stem", self.stem),
        ):
            self._row(form, key, field)
        self.labels["Stage stride"] = QLabel()
        form.addRow(self.labels["Stage stride"])
        form.addRow(strides)  # the full width: one labelled box per stage
        self._row(form, "Stride on", self.stride_on)
        self._row(form, "Shortcut", self.shortcut)
        outer.addWidget(self.net_box)
        return form

    def _build_input(self, outer: QVBoxLayout) -> QFormLayout:
        self.input_box = QGroupBox()
        iform = QFormLayout(self.input_box)
        size = QHBoxLayout()
        self.in_c, self.in_h, self.in_w, self.batch = QSpinBox(), QSpinBox(), QSpinBox(), QSpinBox()
        for box, lo, hi in ((self.in_c, 1, 64), (self.in_h, 1, 4096), (self.in_w, 1, 4096), (self.batch, 1, 1024)):
            box.setRange(lo, hi)
            box.setKeyboardTracking(False)  # one edit when the user is done typing
        for w in (self.in_c, QLabel("×"), self.in_h, QLabel("×"), self.in_w):
            size.addWidget(w)
        iform.addRow("C×H×W", size)
        self._row(iform, "Batch", self.batch)
        self.image = QComboBox()
        self.image.setIconSize(QSize(40, 40))
        for name, path in bundled_images().items():
            self.image.addItem(
                QIcon(QPixmap(str(path)).scaled(40, 40, Qt.AspectRatioMode.KeepAspectRatioByExpanding)),
                name,
                ("file", str(path)),
            )
        for name in PATTERNS:
            self.image.addItem("", ("pattern", name))  # "pattern: name" and its help, set by retranslate_ui
        self.pattern_param = QSpinBox()
        self.pattern_param.setRange(1, 512)
        self.pattern_param.setValue(8)
        pick = QHBoxLayout()
        pick.addWidget(self.image, 1)
        pick.addWidget(self.pattern_param)
        self._row(iform, "Image", pick)
        self.open_button = QPushButton()
        iform.addRow("", self.open_button)
        self.preview = QLabel()
        self.preview.setFixedSize(112, 112)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        iform.addRow(self.preview, self.source_label)
        outer.addWidget(self.input_box)
        return iform

    def _build_run(self, outer: QVBoxLayout) -> QFormLayout:
        self.run_box = QGroupBox()
        rform = QFormLayout(self.run_box)
        self.device = QComboBox()
        self.device.addItem("CPU", "cpu")
        self.devices_listed = False  # until PyTorch has loaded, only the CPU (the tooltip says so)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.strict = QCheckBox()
        self.strict.setChecked(True)
        weights = QHBoxLayout()
        self.weights_button = QPushButton()
        weights.addWidget(self.weights_button)
        weights.addWidget(self.strict)
        self.reset_button = QPushButton()
        self._row(rform, "Device", self.device)
        self._row(rform, "Seed", self.seed)
        rform.addRow(weights)
        rform.addRow(self.reset_button)
        outer.addWidget(self.run_box)
        return rform

    def retranslate_ui(self) -> None:
        self.net_box.setTitle(self.tr("Network"))
        self.input_box.setTitle(self.tr("Input"))
        self.run_box.setTitle(self.tr("Run"))
        for key, text in (
            ("Preset", self.tr("Preset")),
            ("Block", self.tr("Block")),
            ("Blocks/stage", self.tr("Blocks/stage")),
            ("Widths", self.tr("Widths")),
            ("Stem", self.tr("Stem")),
            ("Stage stride", self.tr("Stage stride")),
            ("Stride on", self.tr("Stride on")),
            ("Shortcut", self.tr("Shortcut")),
            ("Batch", self.tr("Batch")),
            ("Image", self.tr("Image")),
            ("Device", self.tr("Device")),
            ("Seed", self.tr("Seed")),
        ):
            self.labels[key].setText(text)
        self.preset.setItemText(self.preset.findData("custom"), self.tr("custom"))
        self.preset.setToolTip(self.tr("Start from a published architecture"))
        self.layers.setToolTip(self.tr("Blocks per stage, e.g. 3,4,6,3 (1 to 6 stages)"))
        self.widths.setToolTip(self.tr("Base width per stage, e.g. 64,128,256,512"))
        self.stride_on.setToolTip(
            self.tr("Bottleneck: stride on the 3x3 (v1.5, torchvision) or on the first 1x1 (v1, the paper)")
        )
        for i, v in enumerate(shortcuts.VARIANTS):  # descriptions come from the core, in its language
            self.shortcut.setItemData(i, v.description, Qt.ItemDataRole.ToolTipRole)
        for i in range(self.image.count()):
            kind, name = self.image.itemData(i)
            if kind == "pattern":
                self.image.setItemText(i, self.tr("pattern: {name}").format(name=name))
                self.image.setItemData(i, pattern_help()[name], Qt.ItemDataRole.ToolTipRole)  # from live, its language
        self.pattern_param.setToolTip(self.tr("Pattern period in pixels (or noise seed)"))
        self.open_button.setText(self.tr("Open image…"))
        self.preview.setToolTip(self.tr("What the network sees (resized, centre-cropped)"))
        if not self.devices_listed:
            self.device.setToolTip(self.tr("Other devices are listed once PyTorch has loaded"))
        self.strict.setText(self.tr("strict"))
        self.strict.setToolTip(
            self.tr("Strict: refuse a file whose keys do not all fit. Off: load what fits and list the rest.")
        )
        self.weights_button.setText(self.tr("Load weights…"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to ResNet-50 with the default options"))
        for stage, box in enumerate(self.stride_boxes, 1):
            self._stride_texts(stage, box)

    def _stride_texts(self, stage: int, box: QComboBox) -> None:
        relabel(box, {"dilate": self.tr("dilate")})
        box.setToolTip(self.tr("layer{stage}: stride 1, stride 2, or dilation instead of stride 2").format(stage=stage))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ---- spec -> widgets ----------------------------------------------------
    def sync(self, spec: ArchSpec) -> None:
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.preset,
                self.block,
                self.stem,
                self.stride_on,
                self.shortcut,
                self.in_c,
                self.in_h,
                self.in_w,
                self.batch,
                *self.stride_boxes,
            )
        ]
        self.preset.setCurrentIndex(self.preset.findData(matching_preset(spec) or "custom"))
        self.block.setCurrentText(spec.block)
        self.layers.setText(",".join(map(str, spec.layers)))
        self.widths.setText(",".join(map(str, spec.widths)))
        self.stem.setCurrentText(spec.stem)
        self.stride_on.setCurrentText(spec.stride_on)
        self.stride_on.setEnabled(spec.block == "bottleneck")
        self.shortcut.setCurrentText(spec.shortcut)
        self.in_c.setValue(spec.input_shape[0])
        self.in_h.setValue(spec.input_shape[1])
        self.in_w.setValue(spec.input_shape[2])
        self.batch.setValue(spec.batch)
        del blockers
        self._sync_strides(spec)

    def _sync_strides(self, spec: ArchSpec) -> None:
        if len(self.stride_boxes) != spec.stage_count:
            for w in (*self.stride_boxes, *self.stride_labels):
                self.stride_row.removeWidget(w)
                w.deleteLater()
            self.stride_boxes, self.stride_labels = [], []
            for stage in range(1, spec.stage_count + 1):
                box = QComboBox()
                add_keys(box, STAGE_MODES)  # "dilate" is shown translated (_stride_texts)
                self._stride_texts(stage, box)
                box.setObjectName(f"stride_{stage_name(stage)}")
                box.currentIndexChanged.connect(
                    lambda i, s=stage, box=box: self._edit(
                        lambda sp: sp.with_stage_stride(s, box.itemData(i)),
                        self.tr("layer{stage} stride {mode}").format(stage=s, mode=box.itemText(i)),
                    )
                )
                _narrow(box, 3)
                box.setMinimumWidth(56)  # four fit in a 280 px panel
                label = QLabel(stage_name(stage))
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setBuddy(box)
                self.stride_row.addWidget(label, 0, stage - 1)
                self.stride_row.addWidget(box, 1, stage - 1)
                self.stride_boxes.append(box)
                self.stride_labels.append(label)
        for stage, box in enumerate(self.stride_boxes, 1):
            with QSignalBlocker(box):
                box.setCurrentIndex(box.findData(spec.stage_mode(stage)))

    # ---- widgets -> spec ----------------------------------------------------
    def _edit(self, change: Callable[[ArchSpec], ArchSpec], text: str) -> None:
        try:
            new = change(self.doc.spec)
        except (SpecError, ValueError) as e:
            self.error.emit(str(e))
            self.sync(self.doc.spec)  # show the spec as it still is
            return
        self.doc.edit(new, text)

    def _preset_chosen(self, i: int) -> None:
        name = self.preset.itemData(i)
        if name in PRESETS:  # not the "custom" entry
            self._edit(lambda sp: PRESETS[name], self.tr("preset {name}").format(name=name))

    def _connect(self) -> None:
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.block.currentTextChanged.connect(
            lambda b: self._edit(
                lambda sp: (
                    sp.with_changes(block=b, groups=1, width_per_group=64) if b == "basic" else sp.with_changes(block=b)
                ),
                self.tr("block {type}").format(type=b),
            )
        )
        self.layers.editingFinished.connect(
            lambda: self._edit(
                lambda sp: self._resize_stages(sp, parse_ints(self.layers.text())), self.tr("blocks per stage")
            )
        )
        self.widths.editingFinished.connect(
            lambda: self._edit(lambda sp: sp.with_changes(widths=parse_ints(self.widths.text())), self.tr("widths"))
        )
        self.stem.currentTextChanged.connect(
            lambda s: self._edit(lambda sp: sp.with_changes(stem=s), self.tr("stem {stem}").format(stem=s))
        )
        self.stride_on.currentTextChanged.connect(
            lambda s: self._edit(lambda sp: sp.with_changes(stride_on=s), self.tr("stride on {conv}").format(conv=s))
        )
        self.shortcut.currentTextChanged.connect(
            lambda v: self._edit(
                lambda sp: sp.with_changes(shortcut=v), self.tr("shortcut {variant}").format(variant=v)
            )
        )
        for box in (self.in_c, self.in_h, self.in_w):
            box.valueChanged.connect(
                lambda _v: self._edit(
                    lambda sp: sp.with_changes(input_shape=(self.in_c.value(), self.in_h.value(), self.in_w.value())),
                    self.tr("input size"),
                )
            )
        self.batch.valueChanged.connect(
            lambda n: self._edit(lambda sp: sp.with_changes(batch=n), self.tr("batch {n}").format(n=n))
        )
        self.image.activated.connect(self._image_chosen)
        self.pattern_param.valueChanged.connect(lambda _v: self._image_chosen(self.image.currentIndex()))
        self.open_button.clicked.connect(self.open_image)
        self.weights_button.clicked.connect(lambda: self.load_weights.emit(self.strict.isChecked()))
        self.device.activated.connect(lambda i: self.device_chosen.emit(self.device.itemData(i)))
        self.seed.valueChanged.connect(self.seed_chosen)
        self.reset_button.clicked.connect(self.reset)

    @staticmethod
    def _resize_stages(spec: ArchSpec, layers: list[int]) -> ArchSpec:
        """A new stage count: extend or cut widths/strides the way ResNets grow."""
        n = len(layers)
        if not layers:
            raise SpecError("layers", "", "give blocks per stage, e.g. 3,4,6,3")
        widths = list(spec.widths[:n]) + [spec.widths[-1] * 2 ** (i + 1) for i in range(n - len(spec.widths))]
        strides = list(spec.strides[:n]) + [2] * (n - len(spec.strides))
        dilate = list(spec.dilate[:n]) + [False] * (n - len(spec.dilate))
        names = {str(BlockName(s + 1, i)) for s, c in enumerate(layers) for i in range(c)}
        return spec.with_changes(
            layers=layers,
            widths=widths,
            strides=strides,
            dilate=dilate,
            block_shortcuts={k: v for k, v in spec.block_shortcuts if k in names},
            block_strides={k: v for k, v in spec.block_strides if k in names},
        )

    def _image_chosen(self, index: int) -> None:
        kind, value = self.image.itemData(index)
        self.pattern_param.setEnabled(kind == "pattern")
        if kind == "pattern":
            self.source_chosen.emit("pattern", (value, self.pattern_param.value()))
        else:
            self.source_chosen.emit("file", value)

    # ---- shown by the window --------------------------------------------------
    def set_devices(self, devices: list[tuple[str, str, bool, str]], current: str) -> None:
        with QSignalBlocker(self.device):
            self.device.clear()
            for name, label, ok, reason in devices:
                self.device.addItem(label, name)
                i = self.device.count() - 1
                if not ok:
                    item = cast(QStandardItemModel, self.device.model()).item(i)  # a QComboBox's own model
                    item.setEnabled(False)
                    self.device.setItemData(i, reason, Qt.ItemDataRole.ToolTipRole)
            self.device.setToolTip("")
            self.devices_listed = True
            self.set_device(current)

    def set_device(self, name: str) -> None:
        with QSignalBlocker(self.device):
            i = self.device.findData(name)
            if i >= 0:
                self.device.setCurrentIndex(i)

    def set_source(self, source: InputSource) -> None:
        """Show `source` as the current choice (a file not in the list shows as itself)."""
        wanted = ("file", source.name) if source.kind == "file" else ("pattern", source.name)
        with QSignalBlocker(self.image), QSignalBlocker(self.pattern_param):
            i = next((k for k in range(self.image.count()) if tuple(self.image.itemData(k)) == wanted), -1)
            if i < 0 and source.kind == "file":
                self.image.addItem(source.label, wanted)
                i = self.image.count() - 1
            self.image.setCurrentIndex(i)
            if source.kind == "pattern" and source.param is not None:
                self.pattern_param.setValue(source.param)
            self.pattern_param.setEnabled(source.kind == "pattern")
        self.source_label.setText(source.label)

    def set_source_label(self, text: str, pixmap: QPixmap | None) -> None:
        self.source_label.setText(text)
        if pixmap is not None:
            self.preview.setPixmap(
                pixmap.scaled(112, 112, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
