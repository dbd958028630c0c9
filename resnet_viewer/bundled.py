"""Data files shipped with resnet_viewer: the repository's top-level `assets/`
folder, which the wheel and the sdist carry as `resnet_viewer/assets`
(pyproject.toml maps the package `resnet_viewer.assets` onto `assets/`).

Stdlib only, so the CLI can name the bundled images without importing numpy.
Add a data file by putting it under `assets/` (every file there ships) and find
it with `asset_path(...)` or `asset_files(...)`."""

from __future__ import annotations

from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
DEFAULT_IMAGE = "chelsea"  # the photograph the app and `trace` start with


class BundledFileMissing(FileNotFoundError):
    """A file that should ship with resnet_viewer is not there: a broken install."""


def assets_dir() -> Path:
    """The folder holding the assets: inside the installed package (wheel, sdist),
    or the checkout's top-level `assets/` (editable install, PYTHONPATH=checkout)."""
    from importlib.resources import files  # here, not at the top: `summary` stays light

    packaged = files("resnet_viewer") / "assets"
    if isinstance(packaged, Path) and packaged.is_dir():  # pip always unpacks a wheel to disk
        return packaged
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    """One bundled file, e.g. asset_path("images", "chelsea.png"); a missing one
    raises BundledFileMissing with one plain sentence."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        from .core.i18n import t  # here: core.i18n reads its catalogues through this module

        raise BundledFileMissing(
            t(
                "the bundled file {file} is missing from this installation (looked in {folder}); reinstall resnet-viewer",
                file="assets/" + "/".join(parts),
                folder=path.parent,
            )
        )
    return path


def asset_files(folder: str, suffixes: tuple[str, ...]) -> dict[str, Path]:
    """The files in assets/FOLDER with one of `suffixes`, by name without suffix, sorted."""
    where = assets_dir() / folder
    if not where.is_dir():
        return {}
    return {p.stem: p for p in sorted(where.iterdir()) if p.suffix.lower() in suffixes}


def bundled_image_names() -> list[str]:
    return list(asset_files("images", IMAGE_SUFFIXES))
