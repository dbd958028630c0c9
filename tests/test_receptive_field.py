"""Receptive field: the core's rectangle (size, jump, offset, clipped at the
border) equals the input region a block output pixel depends on, measured on
the live network with all-positive weights.

Without max-pooling the gradient says it exactly: every path adds with a
positive sign, so the input gradient of one output pixel is non-zero exactly
where the pixel depends on the input. A max-pool passes the gradient to one
position per window only, so networks with one are measured by perturbation
instead: +1e4 on a whole row (or column) changes the pixel iff the row is in
its field, plus single pixels just inside and outside each corner.
"""

import pytest

from resnet_viewer.core.coverage import coverage_by_block
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer


def _small(name, **changes):
    return preset(name).with_changes(num_classes=2, **changes)


GRADIENT_CASES = [
    (
        "resnet20",
        _small("resnet20", widths=(4, 8, 8), stem_width=4, input_shape=(3, 24, 24)),
        ["layer1.0", "layer2.0", "layer3.2"],
    ),
    (
        "resnet20-odd",
        _small("resnet20", widths=(4, 8, 8), stem_width=4, input_shape=(3, 21, 19)),
        ["layer2.0", "layer3.0", "layer3.2"],
    ),
    (
        "cifar-bottleneck-1x1-dilated",
        _small(
            "resnet20",
            block="bottleneck",
            stride_on="1x1",
            widths=(2, 2, 2),
            stem_width=8,
            shortcut="avgpool-conv1x1",
            dilate=(False, False, True),
            input_shape=(3, 23, 23),
        ),
        ["layer2.0", "layer3.0", "layer3.2"],
    ),
]

PERTURBATION_CASES = [
    (
        "resnet18",
        _small("resnet18", widths=(4, 4, 8, 8), stem_width=8, input_shape=(3, 64, 64)),
        ["layer1.1", "layer2.0", "layer4.1"],
    ),
    (
        "resnet50d-odd",
        _small("resnet50d", widths=(2, 2, 2, 2), stem_width=8, input_shape=(3, 45, 41)),
        ["layer1.0", "layer3.0", "layer4.2"],
    ),
]


def _positive_model(torch, spec):
    from resnet_viewer.live.model import build_model

    model = build_model(spec, seed=0)
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.Conv2d):
                fan_in = m.weight[0].numel()
                m.weight.copy_((torch.rand(m.weight.shape, generator=g) + 0.5) / fan_in)
            elif isinstance(m, torch.nn.BatchNorm2d):
                m.weight.fill_(1.0)
                m.bias.fill_(0.0)
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
    return model.double().eval()


def _block_output(model, x, name):
    x = model.forward_stem(x)
    for block_name, block in model.blocks():
        x = block(x)
        if block_name == name:
            return x
    raise KeyError(name)


def _pixels(h, w):
    """Corners, edges and the middle: the border is where clipping matters."""
    return sorted({(0, 0), (h - 1, w - 1), (0, w - 1), (h - 1, 0), (h // 2, w // 2), (1, w // 3)})


def _rect_mask(torch, rect, h, w):
    mask = torch.zeros((h, w), dtype=torch.bool)
    top, left, bottom, right = rect
    mask[top : bottom + 1, left : right + 1] = True
    return mask


def _cases(cases):
    return [pytest.param(spec, block, id=f"{label}-{block}") for label, spec, blocks in cases for block in blocks]


@pytest.mark.parametrize(("spec", "block"), _cases(GRADIENT_CASES))
def test_rectangle_equals_the_gradient_support(torch, spec, block):
    report = infer(spec)
    field = coverage_by_block(report)[block].main_field
    out_h, out_w = report.block(block).out_shape[2:]
    _, h, w = spec.input_shape
    pixels = _pixels(out_h, out_w)
    model = _positive_model(torch, spec)
    x = torch.rand((len(pixels), 3, h, w), generator=torch.Generator().manual_seed(2), dtype=torch.float64) + 0.5
    x.requires_grad_(True)
    out = _block_output(model, x, block)
    sum(out[k, :, y, xx].sum() for k, (y, xx) in enumerate(pixels)).backward()
    for k, (y, xx) in enumerate(pixels):
        support = x.grad[k].abs().sum(0) > 0
        rect = field.rect(y, xx, h, w)
        assert torch.equal(support, _rect_mask(torch, rect, h, w)), f"{block} pixel {(y, xx)}: rect {rect}"


@pytest.mark.parametrize(("spec", "block"), _cases(PERTURBATION_CASES))
def test_rectangle_equals_the_perturbation_support(torch, spec, block):
    report = infer(spec)
    field = coverage_by_block(report)[block].main_field
    out_h, out_w = report.block(block).out_shape[2:]
    _, h, w = spec.input_shape
    model = _positive_model(torch, spec)
    base = torch.rand((1, 3, h, w), generator=torch.Generator().manual_seed(3), dtype=torch.float64) + 0.5
    pixels = _pixels(out_h, out_w)
    rects = [field.rect(y, x, h, w) for y, x in pixels]
    probes = [("row", r) for r in range(h)] + [("col", c) for c in range(w)]
    for top, left, bottom, right in rects:  # just inside and just outside each corner
        for y, x in ((top, left), (bottom, right), (top - 1, left), (bottom, right + 1)):
            if 0 <= y < h and 0 <= x < w:
                probes.append(("px", (y, x)))
    batch = base.repeat(len(probes) + 1, 1, 1, 1)
    for i, (kind, where) in enumerate(probes, start=1):
        if kind == "row":
            batch[i, :, where, :] += 1e4
        elif kind == "col":
            batch[i, :, :, where] += 1e4
        else:
            batch[i, :, where[0], where[1]] += 1e4
    with torch.no_grad():
        out = _block_output(model, batch, block)
    for (y, x), rect in zip(pixels, rects, strict=True):
        changed = (out[1:, :, y, x] - out[:1, :, y, x]).abs().amax(dim=1) > 1e-9
        top, left, bottom, right = rect
        for flag, (kind, where) in zip(changed.tolist(), probes, strict=True):
            if kind == "row":
                inside = top <= where <= bottom
            elif kind == "col":
                inside = left <= where <= right
            else:
                inside = top <= where[0] <= bottom and left <= where[1] <= right
            assert flag == inside, f"{block} pixel {(y, x)} rect {rect}: {kind} {where}"


def test_fields_of_resnet50_match_the_known_values():
    cover = coverage_by_block(infer(preset("resnet50")))
    assert (cover["layer4.2"].receptive_field, cover["layer4.2"].jump, cover["layer4.2"].rf_offset) == (427, 32, 0.0)
    # pixel 0 of layer1 is centred on input pixel 0 and spans 19 px, 9 of which fall off the image
    assert cover["layer1.0"].main_field.rect(0, 0, 224, 224) == (0, 0, 9, 9)
