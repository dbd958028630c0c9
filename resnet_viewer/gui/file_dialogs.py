"""The main window's file choosers, titled and filtered in the current language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff"
WEIGHT_PATTERNS = "*.pth *.pt *.th *.tar *.ckpt *.bin *.safetensors"


def ask_images(parent: QWidget) -> list[str]:
    title = QCoreApplication.translate("FileDialogs", "Open image(s) — several fill the batch")
    filters = QCoreApplication.translate("FileDialogs", "Images ({patterns});;All files (*)")
    return QFileDialog.getOpenFileNames(parent, title, "", filters.format(patterns=IMAGE_PATTERNS))[0]


def ask_weights(parent: QWidget) -> str:
    title = QCoreApplication.translate("FileDialogs", "Load weights (state_dict)")
    filters = QCoreApplication.translate("FileDialogs", "Weights ({patterns});;All files (*)")
    return QFileDialog.getOpenFileName(parent, title, "", filters.format(patterns=WEIGHT_PATTERNS))[0]


def ask_spec(parent: QWidget, save: bool = False) -> str:
    """A spec file to open, or (save=True) to write, or "" if cancelled."""
    filters = QCoreApplication.translate("FileDialogs", "Spec (*.json)")
    if save:
        title = QCoreApplication.translate("FileDialogs", "Save spec")
        return QFileDialog.getSaveFileName(parent, title, "resnet.json", filters)[0]
    return QFileDialog.getOpenFileName(parent, QCoreApplication.translate("FileDialogs", "Open spec"), "", filters)[0]
