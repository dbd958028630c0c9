"""Bad checkpoint files: one sentence each, refused before anything is inflated,
and on the command line exit 2 with one line on stderr and nothing written."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from resnet_viewer.core.presets import preset

ROOT = Path(__file__).resolve().parent.parent


def _small_state(torch):
    from resnet_viewer.live.model import build_model

    return build_model(preset("resnet20")).state_dict()


def _forge_declared_size(torch, path, numel):
    """A real torch.save archive whose index declares `numel` floats for one storage."""
    buf = io.BytesIO()
    torch.save({"conv1.weight": torch.zeros(1_000_000)}, buf)  # ~4 MB
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("data.pkl"):
                import struct

                old = b"J" + struct.pack("<i", 1_000_000)
                assert old in data
                data = data.replace(old, b"J" + struct.pack("<i", numel))
            dst.writestr(info.filename, data)


def _bad_files(torch, d):
    files = {}
    (d / "empty.pth").write_bytes(b"")
    files["empty.pth"] = "empty"
    (d / "folder.pth").mkdir()
    files["folder.pth"] = "directory"
    (d / "notes.pth").write_text("epoch 3, accuracy 91.2\n")
    files["notes.pth"] = "text file"
    buf = io.BytesIO()
    torch.save(_small_state(torch), buf)
    (d / "truncated.pth").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    files["truncated.pth"] = "damaged or truncated"
    buf = io.BytesIO()
    torch.save(_small_state(torch), buf, _use_new_zipfile_serialization=False)
    (d / "truncated_legacy.th").write_bytes(buf.getvalue()[: len(buf.getvalue()) - 5000])
    files["truncated_legacy.th"] = "truncated"
    _forge_declared_size(torch, d / "forged.pth", 2**30)  # 4 GiB of floats declared in a 4 MB file
    files["forged.pth"] = "refused before reading .* 4.0 GiB"
    sd = _small_state(torch)
    sd["layer1.0.conv1.weight"] = sd["layer1.0.conv1.weight"].to(torch.int64)
    torch.save(sd, d / "ints.pth")
    files["ints.pth"] = "'layer1.0.conv1.weight' holds int64"
    sd = _small_state(torch)
    sd["bn1.weight"] = sd["bn1.weight"] > 0
    torch.save(sd, d / "bools.pth")
    files["bools.pth"] = "'bn1.weight' holds bool"
    torch.save({"weight": torch.zeros(2, 3), "bias": torch.zeros(2)}, d / "linear.pth")
    files["linear.pth"] = "not a ResNet checkpoint: no 'conv1.weight'; expected a ResNet"
    header = b'{"conv1.weight":{"dtype":"F32","shape":[1073741824],"data_offsets":[0,4294967296]}}'
    (d / "forged.safetensors").write_bytes(len(header).to_bytes(8, "little") + header + bytes(64))
    files["forged.safetensors"] = "refused before reading"
    torch.save({"epoch": 3}, d / "no_tensors.pth")
    files["no_tensors.pth"] = "'epoch' is a int, not a tensor"
    return files


def test_each_bad_file_gives_one_plain_sentence(torch, tmp_path):
    from resnet_viewer import open_checkpoint

    for name, message in _bad_files(torch, tmp_path).items():
        with pytest.raises(ValueError, match=message) as e:
            open_checkpoint(tmp_path / name)
        text = str(e.value)
        assert "\n" not in text and name in text and "pop from empty list" not in text, text


def test_a_forged_size_is_refused_before_torch_load_runs(torch, tmp_path, monkeypatch):
    from resnet_viewer.live import checkpoint_read

    _forge_declared_size(torch, tmp_path / "forged.pth", 2**30)
    calls = []
    monkeypatch.setattr(torch, "load", lambda *a, **k: calls.append(a))
    with pytest.raises(checkpoint_read.CheckpointReadError, match="refused before reading"):
        checkpoint_read.read_tensors(tmp_path / "forged.pth")
    assert calls == []
    _forge_declared_size(torch, tmp_path / "honest.pth", 1_000_000)  # the same file, honest: read
    checkpoint_read.read_tensors(tmp_path / "honest.pth")
    assert len(calls) == 1


def test_a_forged_legacy_file_is_refused_too(torch, tmp_path):
    from resnet_viewer.live.checkpoint_read import CheckpointReadError, read_tensors

    buf = io.BytesIO()
    torch.save({"w": torch.zeros(1000)}, buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    import struct

    old = struct.pack("<H", 1000)  # BININT2 1000 in the storage's persistent id
    forged = data.replace(b"M" + old, b"J" + struct.pack("<i", 2**30), 1)
    (tmp_path / "legacy.th").write_bytes(forged)
    with pytest.raises(CheckpointReadError, match="refused before reading"):
        read_tensors(tmp_path / "legacy.th")


def test_the_cli_says_one_line_exits_2_and_leaves_nothing_behind(torch, tmp_path, capsys):
    from resnet_viewer.cli import main

    d = tmp_path / "files"
    d.mkdir()
    files = _bad_files(torch, d)
    out = tmp_path / "out.svg"
    for command in ("summary", "trace", "export", "gui"):
        for name in files if command == "summary" else ("empty.pth", "forged.pth", "ints.pth", "linear.pth"):
            args = [command, "--weights", str(d / name)] + (["-o", str(out)] if command == "export" else [])
            assert main(args) == 2, (command, name)
            captured = capsys.readouterr()
            assert captured.err.count("\n") == 1 and name in captured.err, captured.err
            assert captured.out == "" and not out.exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["files"]


@pytest.mark.slow  # ~4 s: a child interpreter imports torch (the in-process checks above run in the quick set)
def test_a_real_process_exits_2_with_one_line(torch, tmp_path):
    _forge_declared_size(torch, tmp_path / "forged.pth", 2**30)
    args = [sys.executable, "-m", "resnet_viewer", "trace", "--weights", str(tmp_path / "forged.pth")]
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and "refused before reading" in p.stderr, p.stderr
