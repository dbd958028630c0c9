"""Inputs: image files, the bundled photographs and synthetic patterns, turned
into the normalised tensor the network expects. No torch here (numpy + Pillow),
so the GUI can preview an image before torch has loaded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .. import bundled as _bundled
from ..bundled import DEFAULT_IMAGE, IMAGE_SUFFIXES, asset_files
from ..core.i18n import t

ASSETS = _bundled.assets_dir() / "images"
IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], np.float32)
MAX_PIXELS = 100_000_000  # 10000x10000: far above any real input, far below a bomb
SourceKind = Literal["file", "pattern"]  # an image file (a bundled photograph is one too) or a pattern


def pattern_help() -> dict[str, str]:
    """What each synthetic pattern draws, in the current language."""
    return {
        "checkerboard": t("squares of PARAM px (default 8)"),
        "sine": t("vertical sine grating, period PARAM px (default 8)"),
        "dot": t("one bright pixel in the centre"),
        "edge": t("a vertical step edge in the centre"),
        "noise": t("uniform noise, seed PARAM (default 0)"),
    }


class ImageError(ValueError):
    """An image that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class InputSource:
    """What the user chose as input: a file, a bundled photograph or a pattern."""

    kind: SourceKind
    name: str  # file path or pattern name
    param: int | None = None
    more: tuple[str, ...] = ()  # further image files: the batch cycles through all of them

    @property
    def label(self) -> str:
        if self.kind == "file":
            extra = f" +{len(self.more)}" if self.more else ""
            return Path(self.name).name + extra
        return f"{self.name}:{self.param}" if self.param is not None else self.name

    def samples(self) -> list[InputSource]:
        """One source per distinct image, in batch order."""
        return [replace(self, more=())] + [InputSource("file", f) for f in self.more]


def bundled_images() -> dict[str, Path]:
    return asset_files("images", IMAGE_SUFFIXES)


def default_source() -> InputSource:
    bundled = bundled_images()
    if DEFAULT_IMAGE not in bundled:
        raise ImageError(
            t(
                "the bundled image {name} is missing from this installation (looked in {folder}); "
                "reinstall resnet-viewer, or give --image PATH or --pattern NAME",
                name=repr(DEFAULT_IMAGE),
                folder=_bundled.assets_dir() / "images",
            )
        )
    return InputSource("file", str(bundled[DEFAULT_IMAGE]))


def parse_source(text: str) -> InputSource:
    """`--image PATH|bundled-name` or `--pattern NAME[:PARAM]` text to a source."""
    name, _, param = text.partition(":")
    if name in PATTERNS:
        try:
            return InputSource("pattern", name, int(param) if param else None)
        except ValueError:
            raise ImageError(t("pattern {pattern}: PARAM must be an integer", pattern=repr(text))) from None
    bundled = bundled_images()
    if text in bundled:
        return InputSource("file", str(bundled[text]))
    if not Path(text).suffix and not Path(text).exists():  # a bare name: probably meant a bundled one
        known = ", ".join(bundled) or t("none are installed")
        raise ImageError(t("{name}: no such file, and not a bundled image (bundled: {known})", name=text, known=known))
    return InputSource("file", text)


def parse_pattern(text: str) -> InputSource:
    """`--pattern NAME[:PARAM]`: only the synthetic patterns (a file name is not a pattern)."""
    if text.partition(":")[0] not in PATTERNS:
        shown = text if len(text) <= 80 else text[:80] + "…"
        raise ImageError(
            t("--pattern {pattern}: unknown pattern; known: {known}", pattern=repr(shown), known=", ".join(PATTERNS))
        )
    return parse_source(text)


def load_rgb(path: str | Path) -> np.ndarray:
    """Decode an image file to float32 RGB in [0, 1], shape (H, W, 3).

    Grayscale, palette, alpha (composited on white) and 16-bit images are
    converted; anything unusable raises ImageError naming the file and why."""
    p = Path(path)
    if p.is_dir():
        raise ImageError(t("{path}: is a directory, not an image file", path=p))
    if not p.exists():
        raise ImageError(t("{path}: no such file", path=p))
    if p.stat().st_size == 0:
        raise ImageError(t("{path}: the file is empty", path=p))
    try:
        with Image.open(p) as im:
            w, h = im.size
            if w == 0 or h == 0:
                raise ImageError(t("{path}: the image has no pixels ({size})", path=p, size=f"{w}x{h}"))
            if w * h > MAX_PIXELS:
                raise ImageError(
                    t(
                        "{path}: {size} pixels is too large (limit {limit} megapixels)",
                        path=p,
                        size=f"{w}x{h}",
                        limit=MAX_PIXELS // 1_000_000,
                    )
                )
            im.load()
            return _to_rgb01(ImageOps.exif_transpose(im) or im)
    except ImageError:
        raise
    except Image.DecompressionBombError as e:
        raise ImageError(
            t("{path}: too large to decode safely, refused as a possible decompression bomb ({error})", path=p, error=e)
        ) from None
    except UnidentifiedImageError:
        raise ImageError(t("{path}: not an image Pillow can read (PNG, JPEG, BMP, WebP, TIFF, ...)", path=p)) from None
    except (OSError, SyntaxError, ValueError) as e:
        raise ImageError(t("{path}: the image data is damaged ({error})", path=p, error=e)) from None


def _to_rgb01(im: Image.Image) -> np.ndarray:
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float32)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
        return np.repeat(a[..., None], 3, axis=2)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba)
    return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def _checkerboard(param: int | None, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    p = max(1, param or 8)
    squares: np.ndarray = ((yy // p) + (xx // p)) % 2
    return squares.astype(np.float32)


def _sine(param: int | None, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    p = max(2, param or 8)
    return 0.5 + 0.5 * np.sin(2 * np.pi * xx / p).astype(np.float32)


def _dot(param: int | None, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    h, w = yy.shape
    a = np.zeros((h, w), np.float32)
    a[h // 2, w // 2] = 1.0
    return a


def _edge(param: int | None, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    right: np.ndarray = xx >= xx.shape[1] // 2
    return right.astype(np.float32)


def _noise(param: int | None, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    return np.random.default_rng(param or 0).random(yy.shape, dtype=np.float32)


# Each pattern: one grey h×w plane from its PARAM and the pixel grid (pattern_help says what it draws).
_DRAW: dict[str, Callable[[int | None, np.ndarray, np.ndarray], np.ndarray]] = {
    "checkerboard": _checkerboard,
    "sine": _sine,
    "dot": _dot,
    "edge": _edge,
    "noise": _noise,
}
PATTERNS = tuple(_DRAW)


def pattern_rgb(name: str, param: int | None, h: int, w: int) -> np.ndarray:
    """A synthetic RGB pattern in [0, 1] of exactly h x w."""
    draw = _DRAW.get(name)
    if draw is None:
        raise ImageError(t("pattern {pattern}: unknown; known: {known}", pattern=repr(name), known=", ".join(PATTERNS)))
    yy, xx = np.mgrid[0:h, 0:w]
    return np.repeat(draw(param, yy, xx)[..., None], 3, axis=2).astype(np.float32)


def resize_crop(rgb: np.ndarray, h: int, w: int) -> np.ndarray:
    """Resize so the image covers h x w (shorter side fits), then centre-crop."""
    ih, iw = rgb.shape[:2]
    scale = max(h / ih, w / iw)
    nh, nw = max(h, round(ih * scale)), max(w, round(iw * scale))
    im = Image.fromarray((rgb * 255).round().astype(np.uint8)).resize((nw, nh), Image.Resampling.BILINEAR)
    top, left = (nh - h) // 2, (nw - w) // 2
    return np.asarray(im.crop((left, top, left + w, top + h)), dtype=np.float32) / 255.0


def normalise(rgb: np.ndarray, channels: int) -> np.ndarray:
    """ImageNet mean/std normalisation to (C, H, W); C=1 uses luminance, C>3 repeats RGB."""
    x = (rgb - IMAGENET_MEAN) / IMAGENET_STD
    if channels == 1:
        x = (rgb @ np.array([0.299, 0.587, 0.114], np.float32))[..., None]
        x = (x - 0.449) / 0.226
    elif channels != 3:
        x = np.concatenate([x] * (channels // 3 + 1), axis=2)[..., :channels]
    return np.ascontiguousarray(x.transpose(2, 0, 1), dtype=np.float32)


def source_rgb(source: InputSource, h: int, w: int) -> np.ndarray:
    """The source as an RGB image of exactly h x w in [0, 1] (for display and input)."""
    if source.kind == "pattern":
        return pattern_rgb(source.name, source.param, h, w)
    return resize_crop(load_rgb(source.name), h, w)


def make_input(source: InputSource, channels: int, h: int, w: int) -> np.ndarray:
    return normalise(source_rgb(source, h, w), channels)


def make_batch(source: InputSource, channels: int, h: int, w: int, batch: int) -> np.ndarray:
    """N×C×H×W: the image repeated, or, when the user gave several, cycling through them."""
    samples = [make_input(s, channels, h, w) for s in source.samples()]
    return np.stack([samples[i % len(samples)] for i in range(batch)])
