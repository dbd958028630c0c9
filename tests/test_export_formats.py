"""export/formats.py: one table of export formats that the CLI, the writer and
the export dialog all read."""

from __future__ import annotations

import pytest

from resnet_viewer.core.presets import preset
from resnet_viewer.export import formats
from resnet_viewer.export.figure import make_layout
from resnet_viewer.export.options import FORMATS, ExportOptions
from resnet_viewer.export.writer import render

MAGIC = {"svg": b"<?xml", "pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n"}


def test_every_format_in_the_table_renders_its_own_kind_of_file(qapp):
    assert FORMATS == formats.NAMES and set(MAGIC) == set(formats.NAMES)
    opts = ExportOptions(block="layer1.0")
    lay = make_layout(preset("resnet18"), opts)
    for name in formats.NAMES:
        assert render(lay, name, opts).startswith(MAGIC[name]), name


def test_the_dialog_filter_the_help_and_the_messages_come_from_the_table(tmp_path):
    assert formats.file_filter() == "SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"
    assert formats.output_help() == "FILE.svg, FILE.pdf or FILE.png"
    assert [f.name for f in formats.TABLE if f.pixels] == ["png"]
    with pytest.raises(ValueError, match=r"out\.gif: unknown format \.gif; use \.svg, \.pdf or \.png$"):
        formats.format_of(tmp_path / "out.gif")
    with pytest.raises(ValueError, match=r"is a folder; give a file name ending in \.svg, \.pdf or \.png$"):
        formats.format_of(tmp_path)
    assert formats.format_of("Figure.PNG") == "png"
