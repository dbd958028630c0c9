"""The Qt-free, torch-free heart of resnet_viewer: spec, presets, shortcut
registry, analytic shapes, graph and layout. Imports only the stdlib."""

from .presets import PRESETS, preset
from .shapes import ShapeReport, infer
from .spec import ArchSpec, SpecError

__all__ = ["PRESETS", "ArchSpec", "ShapeReport", "SpecError", "infer", "preset"]
