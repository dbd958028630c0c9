"""`resnet-viewer summary`: the table, the JSON, the exit codes."""

import json
import subprocess
import sys

import pytest

from resnet_viewer.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "resnet_viewer", *args], capture_output=True, text=True)


def test_summary_json_has_the_documented_fields():
    p = run("summary", "--preset", "resnet50", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["schema"] == 1 and d["ok"] is True
    assert d["input_shape"] == [1, 3, 224, 224] and d["output_shape"] == [1, 1000]
    assert d["total_params"] == 25_557_032
    assert d["stem"]["out_shape"] == [1, 64, 56, 56]
    b = next(b for b in d["blocks"] if b["name"] == "layer2.0")
    assert b["stage"] == 2 and b["index"] == 0 and b["stride"] == 2 and b["shortcut"] == "conv1x1"
    assert b["in_shape"] == [1, 256, 56, 56] and b["out_shape"] == [1, 512, 28, 28]
    assert b["shortcut_params"] == 256 * 512 + 1024 and b["error"] is None
    assert set(b) >= {
        "main_shape",
        "shortcut_shape",
        "main_params",
        "main_mult_adds",
        "shortcut_mult_adds",
        "receptive_field",
        "jump",
        "dilation",
    }


def test_spec_options_change_the_network():
    d = json.loads(
        run(
            "summary",
            "--preset",
            "resnet18",
            "--stage-strides",
            "1,1,2,2",
            "--block-shortcut",
            "layer3.0=zero-pad",
            "--input",
            "3x64x64",
            "--batch",
            "2",
            "--json",
        ).stdout
    )
    assert d["input_shape"] == [2, 3, 64, 64]
    l3 = next(b for b in d["blocks"] if b["name"] == "layer3.0")
    assert l3["shortcut"] == "zero-pad" and l3["shortcut_params"] == 0
    assert d["blocks"][-1]["out_shape"] == [2, 512, 4, 4]


def test_a_network_that_cannot_run_prints_the_report_and_exits_1(capsys):
    assert main(["summary", "--preset", "resnet18", "--block-shortcut", "layer2.0=identity"]) == 1
    out = capsys.readouterr().out
    assert "!! layer2.0" in out and "128×28×28" in out and "64×56×56" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--stage-strides", "1,3,2,2"], "stride must be 1 or 2"),
        (["--shortcut", "bogus"], "known: identity"),
        (["--block-stride", "layer9.9=1"], "no such block"),
        (["--spec", "/nonexistent/spec.json"], "no such file"),
        (["--input", "3x224"], "C x H x W"),
        (["--nonsense"], "unrecognized arguments"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args, fragment):
    p = run("summary", *args)
    assert p.returncode == 2
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], p.stderr


def test_spec_file_is_read(tmp_path):
    from resnet_viewer import preset

    f = tmp_path / "s.json"
    f.write_text(preset("resnet20").with_changes(shortcut="conv1x1").to_json())
    d = json.loads(run("summary", "--spec", str(f), "--json").stdout)
    assert d["spec"]["shortcut"] == "conv1x1" and d["total_params"] > 269_722
