"""live/trace_doc.py's TypedDicts say what `trace --json` prints: the keys of a
real trace's document are exactly the declared ones, at every level (mypy checks
the producers against the same types)."""

from __future__ import annotations

import json
from typing import get_type_hints

import pytest
import torch

from resnet_viewer import preset
from resnet_viewer.live import trace_doc
from resnet_viewer.live.images import parse_pattern
from resnet_viewer.live.pretrained import random_weights
from resnet_viewer.live.session import LiveSession
from resnet_viewer.live.trace_cli import source_dict, trace_json


def keys(typed_dict: type) -> set[str]:
    return set(get_type_hints(typed_dict))


@pytest.mark.parametrize("shortcut", ["zero-pad", "identity"])  # "identity" breaks layer2.0: an error block
def test_trace_json_has_exactly_the_declared_keys(shortcut):
    spec = preset("resnet20").with_changes(shortcut=shortcut, input_shape=(3, 16, 16))
    session = LiveSession(spec, source=parse_pattern("checkerboard:4"))
    trace = session.run()
    doc = trace_json(trace, source_dict(session), {"forward": 1.0}, torch.__version__, spec, random_weights(0))
    doc = json.loads(json.dumps(doc))  # what a reader of the printed JSON gets

    assert set(doc) == keys(trace_doc.TraceDoc)
    assert set(doc["input"]) == keys(trace_doc.InputDoc)
    assert set(doc["weights"]) == keys(trace_doc.WeightsDoc)
    assert all(set(t) == keys(trace_doc.Top5Doc) for t in doc["top5"])
    assert doc["blocks"]
    for block in doc["blocks"]:
        assert set(block) == keys(trace_doc.BlockDoc)
        ran = [block[b] for b in ("in", "main", "shortcut", "sum", "out") if block[b] is not None]
        assert ran and all(set(s) == keys(trace_doc.StatsDoc) for s in ran)
    errors = [b for b in doc["blocks"] if b["error"] is not None]
    assert bool(errors) == (shortcut == "identity")
