"""Child process for the memory benchmark: peak RSS of a full ResNet-50 trace
against (peak RSS with the model loaded and one plain forward) + captured bytes."""

import json
import resource
import sys

import torch

from resnet_viewer import preset
from resnet_viewer.live.session import LiveSession


def peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


device = sys.argv[1] if len(sys.argv) > 1 else "cpu"
session = LiveSession(preset("resnet50"), device=device)
with torch.inference_mode():
    session.model.eval()(session.input)  # the forward's own workspace belongs to the baseline
baseline = peak_bytes()
trace = session.run()
print(json.dumps({"baseline": baseline, "captured": trace.captured_bytes, "peak": peak_bytes()}))
