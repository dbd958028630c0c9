"""open_checkpoint on real files in the layouts people save: the spec comes from
the file and the loaded model gives the reference code's own logits."""

from pathlib import Path

import pytest

from resnet_viewer import open_checkpoint
from resnet_viewer.core.presets import preset


def _save(torch, obj, path, legacy=False):
    if legacy:
        torch.save(obj, path, _use_new_zipfile_serialization=False)
    else:
        torch.save(obj, path)
    return path


def _prefixed(sd, prefix):
    return {prefix + k: v for k, v in sd.items()}


def _same_logits(torch, ref, path, spec_expected=None, size=64, **kw):
    from resnet_viewer.live.model import build_model

    ck = open_checkpoint(path, **kw)
    if spec_expected is not None:
        assert ck.spec == spec_expected
    model = build_model(ck.spec).eval()
    model.load_state_dict(ck.state_dict, strict=False)
    assert set(model.state_dict()) - set(ck.state_dict) <= {k for k in model.state_dict() if "num_batches" in k}
    x = torch.randn(2, 3, size, size, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        torch.testing.assert_close(model(x), ref.eval()(x), rtol=1e-4, atol=1e-4)
    return ck


@pytest.mark.parametrize(
    ("arch", "wrap", "name", "legacy"),
    [
        ("resnet18", lambda sd: sd, "resnet18.pth", False),
        ("resnet34", lambda sd: {"net": sd, "epoch": 3}, "resnet34.th", True),  # legacy, non-zip torch.save
        ("resnext50_32x4d", lambda sd: {"model_state_dict": _prefixed(sd, "_orig_mod."), "step": 9}, "rx.ckpt", False),
        ("resnet18", lambda sd: {"model": _prefixed(sd, "module.")}, "r18.pth.tar", False),
    ],
)
def test_torchvision_files_in_each_wrapper_and_prefix_give_the_reference_logits(
    torch, tmp_path, arch, wrap, name, legacy
):
    from tests.reference.torchvision_resnet import torchvision_resnet

    torch.manual_seed(1)
    ref = torchvision_resnet(arch)
    path = _save(torch, wrap(ref.state_dict()), tmp_path / name, legacy)
    ck = _same_logits(torch, ref, path, preset(arch))
    assert any("strides are not stored" in n for n in ck.notes)


def test_a_lightning_resnet101_with_a_5_class_head(torch, tmp_path):
    from tests.reference.torchvision_resnet import torchvision_resnet

    torch.manual_seed(2)
    ref = torchvision_resnet("resnet101", num_classes=5)
    lightning = {"state_dict": _prefixed(ref.state_dict(), "model."), "epoch": 4, "global_step": 100}
    path = _save(torch, lightning, tmp_path / "epoch=4-step=100.ckpt")
    ck = _same_logits(torch, ref, path, preset("resnet101").with_changes(num_classes=5))
    assert any("'state_dict'" in n for n in ck.notes) and any("'model.'" in n for n in ck.notes)


def test_timm_deep_stem_resnet26d_as_safetensors_and_as_an_ema_wrapper(torch, tmp_path):
    from safetensors.torch import save_file

    from tests.reference.timm_resnet50d import ResNet50D

    torch.manual_seed(3)
    ref = ResNet50D(num_classes=7, layers=(2, 2, 2, 2))  # timm's resnet26d with a new head
    expected = preset("resnet50d").with_changes(layers=(2, 2, 2, 2), num_classes=7)
    sd = ref.state_dict()
    save_file({k: v.contiguous() for k, v in sd.items()}, str(tmp_path / "r26d.bin"))  # any name
    _same_logits(torch, ref, tmp_path / "r26d.bin", expected, size=65)
    path = _save(torch, {"state_dict_ema": _prefixed(sd, "module."), "epoch": 1}, tmp_path / "r26d.pth.tar")
    _same_logits(torch, ref, path, expected, size=65)


def test_a_timm_training_checkpoint_with_its_argparse_namespace_opens(torch, tmp_path):
    import argparse

    from tests.reference.timm_resnet50d import ResNet50D

    torch.manual_seed(9)
    ref = ResNet50D(num_classes=3, layers=(1, 1, 1, 1))
    saved = {  # timm/utils/checkpoint_saver.py's layout
        "epoch": 12,
        "arch": "resnet14d",
        "state_dict": ref.state_dict(),
        "version": 2,
        "args": argparse.Namespace(model="resnet14d", lr=0.1, epochs=100),
        "metric": 71.3,
    }
    path = _save(torch, saved, tmp_path / "checkpoint-12.pth.tar")
    _same_logits(torch, ref, path, preset("resnet50d").with_changes(layers=(1, 1, 1, 1), num_classes=3), size=65)


def test_old_checkpoints_without_num_batches_tracked_and_half_precision_load(torch, tmp_path):
    from tests.reference.torchvision_resnet import torchvision_resnet

    torch.manual_seed(4)
    ref = torchvision_resnet("resnet18")
    sd = {k: v.half() for k, v in ref.state_dict().items() if not k.endswith("num_batches_tracked")}
    ck = open_checkpoint(_save(torch, sd, tmp_path / "old.pth", legacy=True))
    assert ck.spec == preset("resnet18")


def test_the_cifar_code_s_own_layout_gives_its_own_logits(torch, tmp_path):
    """akamaster/pytorch_resnet_cifar10: option A pads on both sides, head `linear`,
    saved from DataParallel inside {"state_dict": ..., "best_prec1": ...}."""
    from resnet_viewer.live.model import build_model
    from tests.reference.cifar_resnet import resnet20, resnet56

    for make, name in ((resnet20, "resnet20"), (resnet56, "resnet56")):
        torch.manual_seed(5)
        ref = make()
        saved = {"state_dict": _prefixed(ref.state_dict(), "module."), "best_prec1": 91.7}
        path = _save(torch, saved, tmp_path / f"{name}-12fca82f.th")
        ck = _same_logits(torch, ref, path, preset(name), size=32)
        assert any("both sides" in n for n in ck.notes)
    # the appended layout (the paper's wording) gives different logits with the same weights
    appended = build_model(ck.spec.with_changes(shortcut="zero-pad")).eval()
    appended.load_state_dict(ck.state_dict, strict=False)
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        assert (appended(x) - ref.eval()(x)).abs().max() > 1e-2


def test_the_cifar_code_s_option_b_shortcut_is_renamed_to_downsample(torch, tmp_path):
    from tests.reference.cifar_resnet import CifarResNet

    torch.manual_seed(6)
    ref = CifarResNet((2, 2, 2), option="B")
    path = _save(torch, ref.state_dict(), tmp_path / "b.pt")
    ck = _same_logits(torch, ref, path, preset("resnet20").with_changes(layers=(2, 2, 2), shortcut="conv1x1"), size=32)
    assert any("'shortcut' modules were renamed" in n for n in ck.notes)


def test_the_python_api_returns_spec_state_dict_and_notes(torch, tmp_path):
    import resnet_viewer

    assert "open_checkpoint" in resnet_viewer.__all__
    from tests.reference.cifar_resnet import resnet20

    path = _save(torch, resnet20().state_dict(), tmp_path / "r20.pth")
    spec, state, notes = resnet_viewer.open_checkpoint(path)
    assert spec == preset("resnet20") and "fc.weight" in state and notes


def test_cli_weights_without_preset_reads_the_network_from_the_file_and_a_fine_tuned_head_works(
    torch, tmp_path, capsys
):
    from resnet_viewer.cli import main
    from tests.reference.torchvision_resnet import torchvision_resnet

    torch.manual_seed(8)
    path = _save(torch, {"model": torchvision_resnet("resnet18", num_classes=5).state_dict()}, tmp_path / "ft.pt")
    small = ["--input", "3x64x64", "--pattern", "checkerboard:8"]
    assert main(["trace", "--weights", str(path), *small]) == 0
    out = capsys.readouterr().out
    assert "ft.pt: all 122 tensors loaded" in out and "note: strides are not stored" in out
    assert main(["summary", "--weights", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert '"num_classes": 5' in captured.out and "note: " in captured.err

    assert main(["trace", "--preset", "resnet18", "--weights", str(path), *small]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set the number of classes to 5" in err
    assert main(["trace", "--preset", "resnet18", "--weights", str(path), "--num-classes", "5", *small]) == 0
    assert "all 122 tensors loaded" in capsys.readouterr().out
    assert main(["trace", "--preset", "resnet18", "--weights", str(path), "--non-strict", *small]) == 0
    assert "2 wrong shape: fc.weight" in capsys.readouterr().out


REAL = Path(__file__).parent / "data" / "real_checkpoints"  # made on a GPU by make_on_gpu.py there


@pytest.mark.parametrize("name", ["resnet20-cuda-dataparallel.th", "lightning-resnet20-epoch=0-step=2.ckpt"])
def test_real_files_saved_on_a_gpu_open_on_the_cpu_and_give_their_logits(torch, name):
    """Written by the real code on CUDA: DataParallel + {"state_dict", "best_prec1"}, and a
    PyTorch Lightning 2.6 checkpoint (optimizer states, loops, callbacks) after two steps."""
    from resnet_viewer.live.checkpoint import load_checkpoint_model

    ref = torch.load(REAL / "reference_logits.pt", weights_only=True)
    model, ck = load_checkpoint_model(REAL / name)
    assert ck.spec == preset("resnet20")
    with torch.no_grad():
        torch.testing.assert_close(model(ref["x"]), ref[name], rtol=1e-4, atol=1e-4)
