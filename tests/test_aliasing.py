"""The aliasing demonstration on a period-2 checkerboard of amplitude A."""

import numpy as np
import pytest

from resnet_viewer.core.presets import preset

A = 3.0


def _demo(shortcut, **changes):
    from resnet_viewer.live.aliasing import run_aliasing

    spec = preset("resnet18").with_changes(
        widths=(8, 16, 16, 16), stem_width=8, num_classes=2, shortcut=shortcut, **changes
    )
    return run_aliasing(spec, "layer2.0", amplitude=A)


def test_checkerboard_is_the_finest_pattern(torch):
    from resnet_viewer.live.aliasing import checkerboard

    x = checkerboard(2, 3, 4, amplitude=A)
    assert x.shape == (1, 2, 3, 4)
    assert x[0, 0].tolist() == [[A, -A, A, -A], [-A, A, -A, A], [A, -A, A, -A]]
    assert float(x.mean()) == 0.0  # the image itself has no uniform component


def test_strided_1x1_reads_a_false_uniform_signal(torch):
    d = _demo("conv1x1")
    s = d.shortcut_view
    assert s.strided_layer == "downsample.0"
    assert s.reads.shape == (8, 28, 28)  # C × H/2 × W/2 of the 56×56 block input
    assert np.all(s.reads == A)  # every sampled position is +A: uniform, non-zero
    assert s.spatial_std < 1e-5 and s.rms > 0.1  # so the output is a uniform map, not zero


def test_avgpool_reads_exactly_zero(torch):
    d = _demo("avgpool-conv1x1")
    s = d.shortcut_view
    assert s.strided_layer == "downsample.0"
    assert np.all(s.reads == 0.0)  # +A−A+A−A, exactly
    assert s.rms == 0.0  # conv of zeros, BN with its initial (zero) shift


def test_zero_pad_samples_like_the_1x1(torch):
    zp, c1 = _demo("zero-pad"), _demo("conv1x1")
    assert np.array_equal(zp.shortcut_view.reads, c1.shortcut_view.reads)
    out = zp.shortcut_view.output
    assert np.all(out[:8] == A) and np.all(out[8:] == 0)  # sampled channels, then the zero channels


def test_main_branch_of_a_v1_bottleneck_aliases_too(torch):
    from resnet_viewer.live.aliasing import run_aliasing

    spec = preset("resnet50").with_changes(
        widths=(4, 4, 4, 4), stem_width=8, num_classes=2, stride_on="1x1", input_shape=(3, 64, 64)
    )
    d = run_aliasing(spec, "layer2.0", amplitude=A)
    assert d.main.strided_layer == "conv1"
    assert np.all(d.main.reads == A)
    v15 = run_aliasing(spec.with_changes(stride_on="3x3"), "layer2.0", amplitude=A)
    assert v15.main.strided_layer == "conv2" and v15.main.reads is None  # a 3×3/2 reads windows


def test_a_block_that_cannot_run_is_refused_in_one_sentence(torch):
    from resnet_viewer.live.aliasing import run_aliasing

    spec = preset("resnet18").with_changes(shortcut="identity")
    with pytest.raises(ValueError, match=r"layer2\.0: the block cannot run"):
        run_aliasing(spec, "layer2.0")
