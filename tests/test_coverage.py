"""Coverage: the core's analytic read sets equal a brute-force count on the live
torch modules (perturb each input position, see which branch outputs change)."""

import pytest

from resnet_viewer.core import shortcuts
from resnet_viewer.core.coverage import axis_reads, branch_coverage, branch_reads, coverage_by_block, fmt_coverage
from resnet_viewer.core.layers import main_layers, shortcut_layers
from resnet_viewer.core.ops import Conv, Pool, Subsample, Window
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer
from resnet_viewer.core.spec import ArchSpec

# ---- pure ------------------------------------------------------------------


def test_the_numbers_the_issue_names():
    assert branch_coverage([Conv(4, 8, 1, 2)], (1, 4, 8, 8)) == 0.25
    assert branch_coverage([Conv(4, 8, 3, 2, 1)], (1, 4, 8, 8)) == 1.0
    assert branch_coverage([Conv(4, 8, 1, 2)], (1, 4, 7, 7)) == 16 / 49  # rows/cols 0,2,4,6 of 7
    assert branch_coverage([Subsample(2)], (1, 4, 7, 6)) == (4 / 7) * (3 / 6)
    assert branch_coverage([Pool("avg", 2)], (1, 4, 7, 7)) == 1.0  # ceil mode: the last window reads row 6
    assert branch_coverage([], (1, 4, 5, 5)) == 1.0  # identity


def test_window_reads_clip_padding_and_dilation():
    assert list(Window(3, 2, 1).reads(0, 8)) == [0, 1]
    assert list(Window(3, 2, 1).reads(3, 8)) == [5, 6, 7]
    assert list(Window(3, 1, 2, 2).reads(0, 7)) == [0, 2]
    assert list(Window(3, 1, 2, 2).reads(1, 7)) == [1, 3]
    assert list(Window(2, 2).reads(3, 7)) == [6]  # the ceil-mode window hangs over the edge
    assert list(Window(0).reads(0, 5)) == [0, 1, 2, 3, 4]


def test_axis_reads_compose_through_a_chain():
    # 3x3/2 pad 1 after a 1x1/2: output 0 reads 3x3 positions -1..1 of the middle, i.e. 0 and 2 of the input
    assert axis_reads([Conv(1, 1, 1, 2), Conv(1, 1, 3, 2, 1)], [8, 4], [0]) == {0, 2}


def test_v1_bottleneck_reads_a_quarter_and_torchvision_v15_reads_all():
    for stride_on, expected in (("1x1", 0.25), ("3x3", 1.0)):
        r = infer(preset("resnet50").with_changes(stride_on=stride_on))
        c = coverage_by_block(r)["layer2.0"]
        assert c.main_coverage == expected
        assert c.shortcut_coverage == 0.25
    assert coverage_by_block(infer(preset("resnet50d")))["layer3.0"].shortcut_coverage == 1.0


def test_summary_json_blocks_carry_the_coverage():
    d = infer(preset("resnet18")).to_dict()
    b = {x["name"]: x for x in d["blocks"]}["layer2.0"]
    assert (b["main_coverage"], b["shortcut_coverage"], b["rf_offset"]) == (1.0, 0.25, 0.0)


def test_rf_offset_moves_with_an_offset_window():
    # ResNet-D's avgpool shortcut centres output 0 half a block-input pixel off the main branch
    c = coverage_by_block(infer(preset("resnet50d")))["layer2.0"]
    assert c.main_field.offset == 0.0
    assert c.shortcut_field.offset == 0.5 * c.input_field.jump


def test_fmt_coverage():
    assert fmt_coverage(0.25) == "25% (1 in 4)"
    assert fmt_coverage(1.0) == "100%"
    assert fmt_coverage(16 / 49) == "32.7%"
    assert fmt_coverage(None) == "?"


# ---- brute force on the live modules ----------------------------------------

SMALL = dict(stem="cifar", stem_width=4, layers=(1, 1), widths=(4, 8), strides=(1, 2), dilate=(False, False))


def _blocks():
    """(label, spec, block name): every shortcut variant, both block types, both
    stride placements, odd and even sizes, dilation and a stride-1 projection."""
    cases = []
    for size in (8, 7):
        for block in ("basic", "bottleneck"):
            stride_ons = ("3x3", "1x1") if block == "bottleneck" else ("3x3",)
            for stride_on in stride_ons:
                for variant in shortcuts.NAMES:
                    if variant == "identity":
                        continue  # cannot add the branches of a strided block
                    spec = ArchSpec(
                        **SMALL,
                        block=block,
                        stride_on=stride_on,
                        shortcut=variant,
                        input_shape=(3, size, size),
                        num_classes=2,
                    )
                    cases.append((f"{block}-{stride_on}-{variant}-{size}", spec, "layer2.0"))
    dilated = ArchSpec(
        stem="cifar",
        stem_width=4,
        layers=(1, 1, 2),
        widths=(4, 4, 8),
        strides=(1, 2, 2),
        dilate=(False, True, True),
        block="bottleneck",
        input_shape=(3, 9, 9),
        num_classes=2,
    )
    cases += [("dilated-d2", dilated, "layer3.0"), ("dilated-d4", dilated, "layer3.1")]
    cases.append(
        (
            "option-c-stride1",
            ArchSpec(**{**SMALL, "strides": (1, 1)}, shortcut="conv1x1-all", input_shape=(3, 6, 5), num_classes=2),
            "layer2.0",
        )
    )
    return cases


CASES = _blocks()


def _positive(torch, module):
    """All-positive weights, eval-mode BatchNorm with positive scales: every path
    from an input to an output adds with a positive sign, so nothing cancels."""
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, torch.nn.Conv2d):
                m.weight.copy_(torch.rand(m.weight.shape, generator=g, dtype=m.weight.dtype) + 0.5)
            elif isinstance(m, torch.nn.BatchNorm2d):
                m.weight.fill_(1.0)
                m.bias.fill_(0.0)
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
    return module.double().eval()


def _influence(torch, branch, in_shape):
    """Boolean H×W map: does perturbing this input position change any output?"""
    _, c, h, w = in_shape
    g = torch.Generator().manual_seed(1)
    x = torch.rand((1, c, h, w), generator=g, dtype=torch.float64) + 0.1
    batch = x.repeat(h * w + 1, 1, 1, 1)
    for p in range(h * w):
        batch[p + 1, :, p // w, p % w] += 10.0  # larger than anything else: a max-pool picks it up too
    with torch.no_grad():
        out = branch(batch)
    changed = (out[1:] - out[:1]).abs().flatten(1).amax(dim=1) > 1e-9
    return changed.reshape(h, w)


@pytest.mark.parametrize(("label", "spec", "name"), CASES, ids=[c[0] for c in CASES])
def test_analytic_coverage_equals_brute_force_on_the_live_block(torch, label, spec, name):
    from resnet_viewer.live.model import build_block

    report = infer(spec)
    b = report.block(name)
    assert b.status == "ok", b.error
    block = _positive(torch, build_block(spec, b.plan, seed=0))
    branches = {
        "main": (block.forward_main, main_layers(spec, b.plan)),
        "shortcut": (block.downsample or (lambda t: t), shortcut_layers(b.plan)),
    }
    cover = coverage_by_block(report)[name]
    for branch, (fn, layers) in branches.items():
        seen = _influence(torch, fn, b.in_shape)
        rows, cols = branch_reads([op for _, op in layers], b.in_shape)
        expected = torch.zeros_like(seen)
        for r in rows:
            for c in cols:
                expected[r, c] = True
        assert torch.equal(seen, expected), f"{label} {branch}: read positions differ"
        measured = seen.double().mean().item()
        analytic = getattr(cover, f"{branch}_coverage")
        assert analytic == pytest.approx(measured, abs=1e-12), f"{label} {branch}"


def test_cases_include_the_quarter_and_odd_fractions():
    fractions = set()
    for _, spec, name in CASES:
        c = coverage_by_block(infer(spec))[name]
        fractions |= {c.main_coverage, c.shortcut_coverage}
    assert {0.25, 1.0, 16 / 49} <= fractions
