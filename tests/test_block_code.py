"""The printed block module: what it says for the blocks people ask about."""

from dataclasses import dataclass

import pytest

from resnet_viewer import infer, preset
from resnet_viewer.core.block_code import CodeError, block_module
from resnet_viewer.core.ops import ZeroPadChannels


def test_resnet50_layer2_0_is_torchvisions_make_layer_with_real_values():
    text = block_module(infer(preset("resnet50")), "layer2.0")
    assert text.isascii()
    for line in (
        "def conv1x1(in_planes, out_planes, stride=1):",
        "class Bottleneck(nn.Module):",
        "        self.conv2 = conv3x3(width, width, stride, groups, dilation)  # stride on the 3x3 (v1.5, torchvision)",
        "        identity = x  # [1, 256, 56, 56]",
        "        if self.downsample is not None:",
        "            identity = self.downsample(x)  # [1, 512, 28, 28]",
        "        out += identity  # [1, 512, 28, 28]",
        "    inplanes = 256  # self.inplanes: what the previous block puts out",
        "    if stride != 1 or inplanes != planes * block.expansion:  # True: stride 2 != 1, inplanes 256 != 512",
        "            conv1x1(inplanes, planes * block.expansion, stride),  # downsample.0: [1, 512, 28, 28]",
        "            norm_layer(planes * block.expansion),  # downsample.1: [1, 512, 28, 28]",
        "    return block(inplanes, planes, stride, downsample, groups, base_width, dilation, norm_layer)",
        "INPUT_SHAPE = (1, 256, 56, 56)",
    ):
        assert line in text.splitlines(), line
    assert "class Subsample" not in text and "import torch.nn.functional" not in text


def test_a_block_without_downsample_shows_the_condition_false():
    text = block_module(infer(preset("resnet50")), "layer2.1")
    assert "# False: stride 1 == 1, inplanes 512 == 512" in text
    assert "identity = self.downsample(x)  # not run here: downsample is None" in text


def test_stride_on_the_first_1x1_and_option_a_definitions():
    v1 = block_module(infer(preset("resnet50").with_changes(stride_on="1x1")), "layer3.0")
    assert "self.conv1 = conv1x1(inplanes, width, stride)  # stride on the first 1x1" in v1
    a = block_module(infer(preset("resnet20").with_changes(shortcut="zero-pad")), "layer2.0")
    assert "class Subsample(nn.Module):" in a and "class ZeroPadChannels(nn.Module):" in a
    assert "            Subsample(stride),  # downsample.0: [1, 16, 16, 16]" in a
    assert "F.pad(x, (0, 0, 0, 0, 0, missing))  # zeros after the last channel" in a


def test_resnet_d_pool_keeps_timms_indices_and_identity_never_builds_one():
    d = block_module(infer(preset("resnet50d")), "layer2.0")
    assert (
        "nn.AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False) if stride > 1 else nn.Identity()," in d
    )
    assert "conv1x1(inplanes, planes * block.expansion),  # downsample.1: [1, 512, 28, 28]" in d
    ident = block_module(infer(preset("resnet18").with_changes(shortcut="identity")), "layer1.0")
    assert "    downsample = None  # identity: the shortcut is always the input itself" in ident
    assert "if stride != 1 or" not in ident


def test_a_block_that_cannot_add_says_what_pytorch_raises_and_one_after_it_is_refused():
    r = infer(preset("resnet18").with_block_shortcut("layer2.0", "identity"))
    text = block_module(r, "layer2.0")
    assert "out += identity  # fails here: RuntimeError: The size of tensor a (28) must match" in text
    with pytest.raises(CodeError, match=r"layer2\.1 comes after layer2\.0, which cannot run"):
        block_module(r, "layer2.1")


@dataclass(frozen=True)
class _BothSides(ZeroPadChannels):
    placement: str = "both"


def test_zero_channels_on_both_sides_match_the_cifar_resnets_padding(torch):
    """The layout of the common CIFAR ResNet code (F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4)))."""
    text = block_module(infer(preset("resnet20")), "layer2.0")  # the CIFAR presets use zero-pad-both
    assert "before = missing // 2" in text
    ns: dict = {"__name__": "printed"}
    exec(compile(text, "printed", "exec"), ns)
    block = ns["make_block"]().eval()
    x = torch.randn(2, 16, 9, 9)
    want = torch.nn.functional.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 32 // 4, 32 // 4))
    assert torch.equal(block.downsample(x), want)
    end = {"__name__": "printed"}
    appended = infer(preset("resnet20").with_changes(shortcut="zero-pad"))
    exec(compile(block_module(appended, "layer2.0"), "printed", "exec"), end)
    assert torch.equal(end["make_block"]().downsample(x)[:, :16], x[:, :, ::2, ::2])
