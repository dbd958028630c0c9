"""Child process for the memory-estimate benchmark: the measured peak RSS increase
of building and tracing PRESET at BATCH (or `--spec JSON`), next to the core's estimate.

The baseline is taken after torch has run one tiny convolution (its thread
pools and kernel tables exist in any session); what is measured is what the
run itself costs: weights, input, activations and trace."""

import json
import resource
import sys

import torch

from resnet_viewer import infer, preset
from resnet_viewer.core.memory import estimate
from resnet_viewer.live.session import LiveSession


def rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak() -> int:
    """The process's peak RSS since the last reset_peak() (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak() -> None:
    """Start the peak again from the current RSS: importing torch can peak above a
    small run (a CIFAR net), which then measured as 0 against the import's peak."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass  # an older kernel: the baseline below stays max(now, peak so far)


from resnet_viewer import ArchSpec  # noqa: E402

if sys.argv[1] == "--spec":  # a spec as JSON (the tests' random specs)
    spec = ArchSpec.from_json(sys.argv[2])
    name, batch = "custom", spec.batch
else:
    name, batch = sys.argv[1], int(sys.argv[2])
    spec = preset(name).with_changes(batch=batch)
with torch.inference_mode():  # warm-up: torch's own one-time state belongs to the baseline
    torch.nn.Conv2d(3, 8, 3)(torch.zeros(1, 3, 16, 16)).sum().item()
reset_peak()
baseline = max(rss_now(), peak())
session = LiveSession(spec)
trace = session.run()
print(
    json.dumps(
        {
            "preset": name,
            "batch": batch,
            "measured": peak() - baseline,
            "estimate": estimate(infer(spec)).to_dict(),
            "captured": trace.captured_bytes,
        }
    )
)
