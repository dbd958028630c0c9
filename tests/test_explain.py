"""The inspector's words and code, generated from the shapes."""

from resnet_viewer import infer, preset
from resnet_viewer.core.block_code import block_module
from resnet_viewer.core.explain import explain, pytorch_error


def test_explains_the_torchvision_downsample_in_plain_words():
    text = explain(infer(preset("resnet50")), "layer2.0")
    assert "conv2 has stride 2, so H×W halves from 56×56 to 28×28" in text
    assert "channels grow from 256 to 512" in text
    assert "the shortcut must deliver 512×28×28 too: here conv1x1(256, 512, stride=2) + BatchNorm2d(512)" in text


def test_a_mismatch_says_what_pytorch_would_raise_and_what_fixes_it():
    r = infer(preset("resnet50").with_block_shortcut("layer2.0", "identity"))
    text = explain(r, "layer2.0")
    assert (
        "RuntimeError: The size of tensor a (28) must match the size of tensor b (56) at non-singleton dimension 3"
        in text
    )
    assert "Shortcuts that deliver 512×28×28 here: zero-pad, zero-pad-both, conv1x1" in text


def test_pytorch_error_matches_real_torch(torch):
    for a, b in [
        ((1, 512, 28, 28), (1, 256, 56, 56)),
        ((1, 512, 28, 28), (1, 256, 28, 28)),
        ((1, 64, 1, 1), (1, 64, 2, 2)),
    ]:
        out = torch.zeros(a)
        try:
            out += torch.zeros(b)
        except RuntimeError as e:
            assert str(e) == pytorch_error(a, b).removeprefix("RuntimeError: ")
        else:
            raise AssertionError("expected an error")


def test_option_a_explained_with_its_zero_channels():
    text = explain(infer(preset("resnet20").with_changes(shortcut="zero-pad")), "layer2.0")
    assert "every 2nd pixel is taken (x[:, :, ::2, ::2]) + 16 zero channels are appended, with no parameters" in text


def test_the_cifar_presets_say_their_zero_channels_go_on_both_sides():
    r = infer(preset("resnet20"))
    text = explain(r, "layer2.0")
    assert "every 2nd pixel is taken (x[:, :, ::2, ::2]) + 8 zero channels are put before the input's channels " in text
    assert "and 8 after them, with no parameters" in text
    code = block_module(r, "layer2.0")  # the module the inspector shows and `explain --code` prints
    assert (
        "before = missing // 2  # zeros on both sides" in code
        and "F.pad(x, (0, 0, 0, 0, before, missing - before))" in code
    )
    assert r.block("layer2.0").shortcut_params == 0
