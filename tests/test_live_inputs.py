"""Images, patterns and weights: the good ones load, the bad ones are refused
with the file and the reason, and the session keeps what it had."""

import numpy as np
import pytest
from PIL import Image

from resnet_viewer import preset
from resnet_viewer.live.images import (
    ImageError,
    InputSource,
    bundled_images,
    load_rgb,
    make_input,
    parse_source,
    pattern_rgb,
)

pytestmark = pytest.mark.usefixtures("torch")


def test_bundled_photographs_are_there_with_their_licences():
    imgs = bundled_images()
    assert set(imgs) >= {"chelsea", "coffee", "astronaut", "rocket", "brick"}
    licences = (next(iter(imgs.values())).parent / "LICENSES.md").read_text()
    assert all(name in licences for name in imgs)


@pytest.mark.parametrize(
    ("mode", "ext", "value"),
    [
        ("L", ".png", 128),
        ("RGBA", ".png", (10, 20, 30, 0)),
        ("P", ".png", 3),
        ("I;16", ".tiff", 30000),
        ("RGB", ".bmp", (1, 2, 3)),
        ("RGB", ".webp", (200, 100, 0)),
        ("RGB", ".jpg", (9, 9, 9)),
        ("CMYK", ".tiff", (0, 0, 0, 0)),
    ],
)
def test_many_formats_and_modes_become_rgb(tmp_path, mode, ext, value):
    path = tmp_path / f"img{ext}"
    Image.new(mode, (40, 30), value).save(path)
    rgb = load_rgb(path)
    assert rgb.shape == (30, 40, 3) and rgb.dtype == np.float32
    assert 0.0 <= rgb.min() <= rgb.max() <= 1.0
    if mode == "RGBA":  # fully transparent -> the white it is composited on
        assert rgb.min() == 1.0


def _truncated(tmp_path):
    p = tmp_path / "cut.png"
    Image.effect_noise((200, 200), 50).convert("RGB").save(p)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _write(name, data):
    def make(d):
        (d / name).write_bytes(data)
        return d / name

    return make


def _bomb(tmp_path):
    p = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000)).save(p)  # tiny file, 400 megapixels
    return p


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_write("notes.png", b"not an image"), "not an image"),
        (_truncated, "damaged"),
        (_write("empty.jpg", b""), "empty"),
        (lambda d: d, "directory"),
        (lambda d: d / "missing.png", "no such file"),
        (_bomb, "too large"),
    ],
)
def test_bad_images_name_the_file_and_the_reason_and_the_session_keeps_its_input(tmp_path, make, reason):
    from resnet_viewer.live.session import LiveSession

    path = make(tmp_path)
    with pytest.raises(ImageError) as e:
        load_rgb(path)
    assert str(path) in str(e.value) and reason in str(e.value)
    session = LiveSession(preset("resnet18").with_changes(input_shape=(3, 64, 64)))
    before_source, before_x = session.source, session.input.clone()
    with pytest.raises(ImageError):
        session.set_input(InputSource("file", str(path)))
    assert session.source == before_source and (session.input == before_x).all()


def test_preprocessing_resizes_shorter_side_crops_and_normalises():
    src = parse_source("chelsea")
    x = make_input(src, 3, 224, 224)
    assert x.shape == (3, 224, 224)
    assert x.min() > -2.2 and x.max() < 2.7  # ImageNet-normalised range
    assert make_input(src, 1, 50, 80).shape == (1, 50, 80)
    assert make_input(src, 5, 32, 32).shape == (5, 32, 32)


def test_patterns_make_downsampling_visible():
    a = pattern_rgb("checkerboard", 4, 16, 16)[..., 0]
    assert a[0, 0] != a[0, 4] and a[0, 0] == a[0, 3] == a[4, 4]
    dot = pattern_rgb("dot", None, 9, 9)[..., 0]
    assert dot.sum() == 1.0 and dot[4, 4] == 1.0
    assert pattern_rgb("sine", 8, 4, 16)[0, 2, 0] == pytest.approx(1.0)
    assert (pattern_rgb("noise", 1, 8, 8) == pattern_rgb("noise", 1, 8, 8)).all()
    with pytest.raises(ImageError, match="checkerboard"):
        pattern_rgb("plaid", None, 4, 4)


# ---- weights -------------------------------------------------------------


def test_state_dict_round_trip_pth_and_safetensors(tmp_path):
    import torch
    from safetensors.torch import save_file

    from resnet_viewer.live.session import LiveSession

    src = LiveSession(preset("resnet18"), seed=7)
    sd = src.model.state_dict()
    torch.save(sd, tmp_path / "w.pth")
    save_file({k: v.contiguous() for k, v in sd.items()}, str(tmp_path / "w.safetensors"))
    for f in ("w.pth", "w.safetensors"):
        dst = LiveSession(preset("resnet18"), seed=0)
        report = dst.load_weights(str(tmp_path / f))
        assert report.complete
        assert torch.equal(dst.model.state_dict()["layer2.0.downsample.0.weight"], sd["layer2.0.downsample.0.weight"])
        torch.testing.assert_close(dst.run().logits, src.run().logits)


def test_a_pickled_model_is_refused_with_how_to_save_a_state_dict(tmp_path):
    import torch

    from resnet_viewer.live.weights import WeightsError, read_state_dict

    torch.save(torch.nn.Linear(2, 2), tmp_path / "model.pth")
    with pytest.raises(WeightsError, match=r"state_dict\(\)"):
        read_state_dict(tmp_path / "model.pth")


class _Evil:
    def __reduce__(self):
        import os

        return (os.system, (f"touch {_Evil.marker}",))


def test_a_crafted_pickle_does_not_run_code(tmp_path):
    import pickle

    from resnet_viewer.live.weights import WeightsError, read_state_dict

    _Evil.marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps({"conv1.weight": _Evil()}))
    with pytest.raises(WeightsError, match="refused"):
        read_state_dict(path)
    assert not _Evil.marker.exists()


def test_strict_load_names_bad_keys_and_leaves_the_model_untouched(tmp_path):
    import torch

    from resnet_viewer.live.session import LiveSession
    from resnet_viewer.live.weights import WeightsError

    r18 = LiveSession(preset("resnet18"), seed=3).model.state_dict()
    torch.save(r18, tmp_path / "r18.pth")
    target = LiveSession(preset("resnet18").with_changes(shortcut="zero-pad"))  # no downsample params
    before = {k: v.clone() for k, v in target.model.state_dict().items()}
    with pytest.raises(WeightsError) as e:
        target.load_weights(str(tmp_path / "r18.pth"))
    assert "unexpected" in str(e.value) and "layer2.0.downsample.0.weight" in str(e.value)
    assert all(torch.equal(before[k], v) for k, v in target.model.state_dict().items())
    report = target.load_weights(str(tmp_path / "r18.pth"), strict=False)
    assert "layer2.0.downsample.0.weight" in report.unexpected and not report.missing
    assert torch.equal(target.model.state_dict()["conv1.weight"], r18["conv1.weight"])

    r34 = LiveSession(preset("resnet34")).model.state_dict()
    torch.save(r34, tmp_path / "r34.pth")
    with pytest.raises(WeightsError, match=r"unexpected: layer1\.2"):
        LiveSession(preset("resnet18")).load_weights(str(tmp_path / "r34.pth"))


def test_cached_torchvision_checkpoints_are_found_never_downloaded(tmp_path, monkeypatch):
    from resnet_viewer.live.weights import cached_weights

    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    assert cached_weights("resnet50") == []
    d = tmp_path / "hub" / "checkpoints"
    d.mkdir(parents=True)
    (d / "resnet50-11ad3fa6.pth").write_bytes(b"x")
    (d / "resnet18-f37072fd.pth").write_bytes(b"x")
    assert [p.name for p in cached_weights("resnet50")] == ["resnet50-11ad3fa6.pth"]


def trace_cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "resnet_viewer", "trace", *args], capture_output=True, text=True)


@pytest.mark.slow  # ~8 s: a child interpreter imports torch and traces
def test_trace_cli_json_and_saved_activations(tmp_path):
    import json

    npz = tmp_path / "acts.npz"
    p = trace_cli("--preset", "resnet20", "--pattern", "checkerboard:4", "--json", "--save-activations", str(npz))
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["schema"] == 2 and d["device"] == "cpu" and d["input"]["name"] == "checkerboard"
    b = d["blocks"][3]
    assert b["name"] == "layer2.0" and b["main"]["shape"] == [1, 32, 16, 16] and b["error"] is None
    assert b["shortcut"]["zero_fraction"] >= 0.5  # option A: half the channels are zeros
    assert len(d["top5"]) == 5 and abs(sum(t["p"] for t in d["top5"])) <= 1.0
    acts = np.load(npz)
    short = acts["layer2.0/shortcut"]  # the CIFAR presets pad 8 zero channels before and 8 after
    assert short.shape == (32, 16, 16) and (short[:8] == 0).all() and (short[24:] == 0).all()
    bad = trace_cli("--preset", "resnet20", "--weights", str(tmp_path / "nope.pth"))
    assert bad.returncode == 2 and "no such file" in bad.stderr


def test_several_images_fill_the_batch_in_turn():
    from resnet_viewer.live.images import make_input
    from resnet_viewer.live.session import LiveSession

    cat, coffee = (str(p) for n, p in bundled_images().items() if n in ("chelsea", "coffee"))
    src = InputSource("file", cat, more=(coffee,))
    session = LiveSession(preset("resnet18").with_changes(input_shape=(3, 64, 64), batch=3), source=src)
    x = session.input.numpy()
    assert np.array_equal(x[0], make_input(InputSource("file", cat), 3, 64, 64))
    assert np.array_equal(x[1], make_input(InputSource("file", coffee), 3, 64, 64))
    assert np.array_equal(x[2], x[0])
    assert src.label == "chelsea.png +1"


def test_trace_cli_takes_several_images(capsys):
    import json

    from resnet_viewer.cli import main

    # in this process (torch is loaded already); the child-process run is the slow test above
    argv = ["trace", "--preset", "resnet20", "--batch", "2", "--image", "chelsea", "--image", "coffee", "--json"]
    assert main(argv) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["input"]["name"].endswith("chelsea.png") and d["input"]["more"][0].endswith("coffee.png")
    assert d["input"]["shape"] == [2, 3, 32, 32]


def test_every_pattern_is_drawn_and_explained():
    from resnet_viewer.live.images import PATTERNS, ImageError, pattern_help, pattern_rgb

    assert list(pattern_help()) == list(PATTERNS)
    for name in PATTERNS:
        rgb = pattern_rgb(name, None, 9, 12)
        assert rgb.shape == (9, 12, 3) and 0.0 <= rgb.min() <= rgb.max() <= 1.0
    with pytest.raises(ImageError, match="checkerboard, sine, dot, edge, noise"):
        pattern_rgb("stripes", None, 9, 12)
