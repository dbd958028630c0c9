"""`resnet-viewer weights`, `--weights pretrained`, class names and the truth about
untrained predictions. Downloads come from a server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

import numpy as np
import pytest
from weights_server import Behaviour, WeightsServer, resnet20_checkpoint

from resnet_viewer.cli import main
from resnet_viewer.core import catalogue
from resnet_viewer.core.labels import label, label_set, set_for_head


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.delenv("RESNET_VIEWER_WEIGHTS_MIRROR", raising=False)
    return tmp_path / "torch" / "hub" / "checkpoints"


@pytest.fixture
def served_resnet20(tmp_path, monkeypatch, cache):
    """The catalogue's resnet20 entry replaced by a real checkpoint with its real hash prefix, served locally."""
    entry, data = resnet20_checkpoint(tmp_path)
    others = tuple(e for e in catalogue.CATALOGUE if e.preset != "resnet20")
    monkeypatch.setattr(catalogue, "CATALOGUE", (entry, *others))
    with WeightsServer(Behaviour(files={urlsplit(entry.url).path: data})) as srv:
        monkeypatch.setenv("RESNET_VIEWER_WEIGHTS_MIRROR", srv.base)
        yield entry, data


def test_class_names_ship_in_the_package():
    imagenet, cifar = label_set("imagenet1k"), label_set("cifar10")
    assert len(imagenet) == 1000 and imagenet[0] == "tench" and imagenet[281] == "tabby" and imagenet[999]
    assert cifar == ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
    assert set_for_head(1000) == "imagenet1k" and set_for_head(10) == "cifar10" and set_for_head(5) is None
    assert label(None, 3) is None and label("cifar10", 3) == "cat"


def test_preprocessing_follows_the_weights():
    from resnet_viewer.live.images import IMAGENET_MEAN, IMAGENET_STD

    for e in catalogue.CATALOGUE:
        # the normaliser the app uses must be the one each entry was trained with
        # (akamaster's trainer normalises CIFAR-10 with ImageNet's mean/std)
        assert np.allclose(e.mean, IMAGENET_MEAN) and np.allclose(e.std, IMAGENET_STD), e.name
        assert e.input_size == (32 if e.classes == "cifar10" else 224)


def test_weights_json_lists_catalogue_and_cache_without_torch(cache):
    cache.mkdir(parents=True)
    (cache / "resnet18-f37072fd.pth").write_bytes(b"x")
    code = (
        "import sys; from resnet_viewer.cli import main; main(['weights', '--json']); assert 'torch' not in sys.modules"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["schema"] == 1 and len(d["weights"]) == len(catalogue.CATALOGUE)
    keys = {"name", "preset", "url", "sha256", "size", "classes", "license", "cached"}
    assert all(keys <= set(w) for w in d["weights"])
    assert [w["name"] for w in d["weights"] if w["cached"]] == ["resnet18.tv_in1k"]


def test_weights_download_shows_progress_and_caches(served_resnet20, cache, capsys):
    entry, data = served_resnet20
    assert main(["weights", "--download", "resnet20", "--progress"]) == 0
    out, err = capsys.readouterr()
    assert str(cache / entry.file_name) in out and "verified" in out
    assert "MiB" in err and "#" * 30 in err  # the bar reached the end
    assert (cache / entry.file_name).read_bytes() == data
    assert main(["weights"]) == 0
    assert any(
        line.startswith(entry.name) and line.rstrip().endswith("yes") for line in capsys.readouterr().out.splitlines()
    )


def test_pretrained_not_cached_is_one_line_naming_the_command(served_resnet20, capsys):
    assert main(["trace", "--preset", "resnet20", "--weights", "pretrained", "--pattern", "dot"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not downloaded" in err and "resnet-viewer weights --download resnet20" in err


def test_pretrained_for_a_custom_network_is_refused(capsys):
    assert main(["trace", "--preset", "resnet20", "--stage-strides", "1,1,2", "--weights", "pretrained"]) == 2
    assert "no pretrained weights for a custom network" in capsys.readouterr().err


def test_trace_with_pretrained_weights_reports_schema_2_with_labels(served_resnet20, capsys):
    import torch

    from resnet_viewer.core.presets import preset
    from resnet_viewer.live.images import make_input, parse_source
    from resnet_viewer.live.model import ResNet

    entry, _ = served_resnet20
    assert main(["weights", "--download", entry.name]) == 0
    capsys.readouterr()
    assert main(["trace", "--preset", "resnet20", "--weights", "pretrained", "--image", "chelsea", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == 2 and d["spec"] == preset("resnet20").to_dict()
    w = d["weights"]
    assert (
        w["source"] == "pretrained" and w["name"] == entry.name and w["loaded"] == 116 - 19
    )  # minus num_batches_tracked
    assert any("num_batches_tracked" in n for n in w["notes"]) and not any("untrained" in n for n in w["notes"])
    # the prediction is the checkpoint's: the same weights loaded by hand give the same top-5
    ref = ResNet(preset("resnet20"), seed=7).eval()
    x = torch.from_numpy(make_input(parse_source("chelsea"), 3, 32, 32))[None]
    with torch.no_grad():
        p = torch.softmax(ref(x)[0].double(), 0)
    top = p.topk(5)
    names = label_set("cifar10")
    assert [t["index"] for t in d["top5"]] == top.indices.tolist()
    assert [t["label"] for t in d["top5"]] == [names[i] for i in top.indices.tolist()]
    assert np.allclose([t["p"] for t in d["top5"]], top.values.tolist(), atol=1e-5)


def test_random_weights_say_so_in_text_and_json(capsys):
    assert main(["trace", "--preset", "resnet20", "--pattern", "dot", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "untrained: random init, seed 3 — predictions are meaningless" in out
    assert "top-5 (class, probability): " in out  # a 10-class head gets CIFAR-10 names
    assert main(["trace", "--preset", "resnet20", "--pattern", "dot", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["weights"] == {
        "source": "random",
        "name": None,
        "loaded": 0,
        "notes": ["untrained: random init, seed 0 — predictions are meaningless"],
    }
    assert all(set(t) == {"index", "label", "p"} and t["label"] for t in d["top5"])


def test_a_head_without_a_known_label_set_shows_indices(tmp_path, capsys):
    from resnet_viewer.core.presets import preset

    spec = tmp_path / "five.json"
    spec.write_text(preset("resnet20").with_changes(num_classes=5).to_json(), encoding="utf-8")
    assert main(["trace", "--spec", str(spec), "--pattern", "dot", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert len(d["top5"]) == 5 and all(t["label"] is None for t in d["top5"])
    assert main(["trace", "--spec", str(spec), "--pattern", "dot"]) == 0
    assert "top-5 (class index: probability): " in capsys.readouterr().out


def test_export_and_gui_take_pretrained(tmp_path, served_resnet20, capsys):
    from resnet_viewer.cli_spec import pretrained_spec
    from resnet_viewer.core.presets import preset
    from resnet_viewer.gui.pretrained_dialog import pretrained_at_start

    entry, _ = served_resnet20
    out = tmp_path / "r20.svg"
    assert main(["export", "--preset", "resnet20", "--weights", "pretrained", "-o", str(out)]) == 0 and out.exists()
    assert (
        main(["export", "--weights", str(tmp_path / "missing.pth"), "-o", str(out)]) == 2
    )  # the network comes from the file
    # the weights' input size unless the user set one
    spec = preset("resnet20").with_changes(input_shape=(3, 64, 64))
    assert pretrained_spec(spec, user_input=False).input_shape == (3, 32, 32)
    assert pretrained_spec(spec, user_input=True).input_shape == (3, 64, 64)
    path, problem = pretrained_at_start(preset("resnet20"))
    assert path is None and "not downloaded" in problem and entry.name in problem
    assert main(["weights", "--download", entry.name]) == 0
    path, problem = pretrained_at_start(preset("resnet20"))
    assert problem is None and path.endswith(entry.file_name)
