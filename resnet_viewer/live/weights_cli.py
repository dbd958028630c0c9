"""`resnet-viewer weights [--json] [--download NAME]`: the pretrained catalogue,
what is already in torch's cache, and fetching one entry. No torch import."""

from __future__ import annotations

import argparse
import json
import sys

from ..core import catalogue
from ..core.choices import EXIT_CANNOT_RUN, EXIT_OK
from ..core.i18n import t
from ..core.summary_text import table_lines
from .download import DownloadError, fetch, progress_bar
from .hub_cache import torch_hub_dir

SCHEMA = 1


def run_weights_command(args: argparse.Namespace) -> int:
    entries = catalogue.CATALOGUE  # read at call time: tests put their own entries here
    if args.download:
        entry = catalogue.find(args.download, entries)  # CatalogueError: one line, exit 2
        show = progress_bar(sys.stderr) if sys.stderr.isatty() or args.progress else None
        try:
            path = fetch(entry, progress=show)
        except DownloadError as e:
            if show:
                sys.stderr.write("\n")
            print(f"resnet-viewer: {e}", file=sys.stderr)
            return EXIT_CANNOT_RUN
        if show:
            sys.stderr.write("\n")
        print(t("{name}: {path} (SHA-256 verified)", name=entry.name, path=path))
        return EXIT_OK
    d = torch_hub_dir()
    rows = [(e, (d / e.file_name).is_file()) for e in entries]
    if args.json:
        print(json.dumps({"schema": SCHEMA, "weights": [e.to_dict(cached) for e, cached in rows]}, indent=2))
        return EXIT_OK
    table = [(t("name"), t("preset"), t("classes"), t("size"), t("cached"))]
    table += [
        (e.name, e.preset, e.classes, f"{'' if e.size_exact else '~'}{e.size / 2**20:.1f} MiB", t("yes") if c else "")
        for e, c in rows
    ]
    print("\n".join(table_lines(table)))
    print(t("cache: {folder}", folder=d))
    print(t("fetch one: resnet-viewer weights --download NAME   (then: --weights pretrained on trace, gui, export)"))
    return EXIT_OK
