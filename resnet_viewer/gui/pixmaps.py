"""The network's input, shown as the picture it was made from."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap

from ..live.images import IMAGENET_MEAN, IMAGENET_STD


def input_pixmap(x: np.ndarray) -> QPixmap:
    """A normalised C×H×W input back to RGB (C=1: luminance; other C: first 3)."""
    if x.shape[0] != 3:
        rgb = np.clip(np.repeat(x[:1], 3, axis=0) * 0.226 + 0.449, 0, 1)
    else:
        rgb = np.clip(x * IMAGENET_STD[:, None, None] + IMAGENET_MEAN[:, None, None], 0, 1)
    data = np.ascontiguousarray((rgb.transpose(1, 2, 0) * 255).astype(np.uint8))
    img = QImage(data.data, data.shape[1], data.shape[0], data.strides[0], QImage.Format.Format_RGB888)
    return QPixmap.fromImage(img.copy())  # copy: `data` goes away with this frame
