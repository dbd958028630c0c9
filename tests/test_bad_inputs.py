"""Every bad input gets one plain line on stderr, exit 2 (exit 1 for a valid
network that cannot run), no traceback, and no file touched.

The table runs `cli.main` in-process (fast); a few rows run as real processes
to check what a shell sees. Bad checkpoint files are tested with the weights
loader, not here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from resnet_viewer.cli import main

GOOD = {"block": "basic", "layers": [3, 3, 3], "widths": [16, 32, 64], "strides": [1, 2, 2], "stem": "cifar"}


def spec_text(**changes: object) -> str:
    return json.dumps({**GOOD, "dilate": [False] * 3, "input_shape": [3, 32, 32], **changes})


# name -> file content written into the temp dir before each case
FILES: dict[str, str | bytes] = {
    "deep_list.json": "[" * 100_000 + "]" * 100_000,
    "deep_dict.json": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "shortcuts_ints.json": spec_text(block_shortcuts=[1, 2]),
    "shortcuts_mixed.json": spec_text(block_shortcuts=[["layer1.0", "zero-pad"], 3]),
    "shortcuts_three.json": spec_text(block_shortcuts=[["layer1.0", "zero-pad", "x"]]),
    "shortcuts_dup.json": spec_text(block_shortcuts=[["layer2.0", "zero-pad"], ["layer2.0", "conv1x1"]]),
    "shortcuts_intkey.json": spec_text(block_shortcuts=[[1, "zero-pad"]]),
    "shortcuts_listvalue.json": spec_text(block_shortcuts={"layer2.0": ["zero-pad"]}),
    "shortcuts_noblock.json": spec_text(block_shortcuts={"layer9.0": "identity"}),
    "shortcuts_string.json": spec_text(block_shortcuts="layer2.0=zero-pad"),
    "strides_three.json": spec_text(block_strides={"layer2.0": 3}),
    "strides_string.json": spec_text(block_strides={"layer2.0": "2"}),
    "dilate_strings.json": spec_text(dilate=["false", "no", "false"]),
    "dilate_ints.json": spec_text(dilate=[0, 0, 0]),
    "dilate_scalar.json": spec_text(dilate=False),
    "huge_string.json": spec_text(block="x" * 50_000_000),
    "huge_key.json": json.dumps({"k" * 1_000_000: 1}),
    "huge_list.json": spec_text(layers=list(range(1_000_000))),
    "not_json.json": "resnet50 please",
    "empty.json": "",
    "bom.json": "\ufeff" + spec_text(),
    "array.json": "[]",
    "string.json": '"resnet50"',
    "null.json": "null",
    "unknown_field.json": spec_text(depth=50),
    "schema2.json": json.dumps({"schema": 2}),
    "layers_string.json": spec_text(layers="3,3,3"),
    "layers_empty.json": spec_text(layers=[], widths=[], strides=[], dilate=[]),
    "layers_float.json": spec_text(layers=[3.5, 3, 3]),
    "layers_bool.json": spec_text(layers=[True, 3, 3]),
    "widths_short.json": spec_text(widths=[16, 32]),
    "batch_zero.json": spec_text(batch=0),
    "batch_string.json": spec_text(batch="8"),
    "batch_inf.json": spec_text(batch=1e400),
    "batch_nan.json": spec_text(batch=float("nan")),
    "batch_5000_digits.json": spec_text()[:-1] + ', "batch": ' + "9" * 5000 + "}",
    "input_two.json": spec_text(input_shape=[3, 32]),
    "input_huge.json": spec_text(input_shape=[3, 99999, 32]),
    "shortcut_list.json": spec_text(shortcut=["conv1x1"]),
    "block_object.json": spec_text(block={}),
    "stem_number.json": spec_text(stem=7),
    "basic_groups.json": spec_text(groups=32),
    "binary.json": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
    "mismatch.json": spec_text(block_shortcuts={"layer2.0": "identity"}),
    "picture.png": "this is text, not a PNG",
    "old.npz": "previous activations",
    "old.svg": "<svg>previous</svg>",
}
DIRS = ("a_dir", "d.svg", "d.npz")

R20 = ["--preset", "resnet20"]
S = ["summary"]
T = ["trace", *R20]
E = ["export", *R20]

# (argv, exit code, a fragment the line must contain)
CASES: list[tuple[list[str], int, str]] = [
    *[(["summary", "--spec", name], 2, name) for name in FILES if name.endswith(".json") and name != "mismatch.json"],
    (["summary", "--spec", "missing.json"], 2, "no such file"),
    (["summary", "--spec", "a_dir"], 2, "folder"),
    (["summary", "--spec", "huge_string.json", "--preset", "resnet18"], 2, "not both"),
    (["trace", "--spec", "deep_list.json"], 2, "nested too deeply"),
    (["export", "--spec", "dilate_strings.json", "-o", "x.svg"], 2, "JSON booleans"),
    ([*S, "--preset", "bogus"], 2, "resnet18"),
    ([*S, "--stage-strides", "1,2,x"], 2, "integers"),
    ([*S, "--stage-strides", "1,3,2,2"], 2, "1 or 2"),
    ([*S, "--dilate", "9"], 2, "stages are 1 to 4"),
    ([*S, "--input", "3x224"], 2, "C x H x W"),
    ([*S, "--input", "axbxc"], 2, "integers"),
    ([*S, "--input", "3x99999x224"], 2, "height"),
    ([*S, "--batch", "0"], 2, "batch"),
    ([*S, "--batch", "99999999999999999999999"], 2, "1 to 1024"),
    ([*S, "--batch", "abc"], 2, "invalid int"),
    ([*S, "--block-shortcut", "layer2.0"], 2, "BLOCK=VALUE"),
    ([*S, "--block-shortcut", "layer2.0=bogus"], 2, "zero-pad"),
    ([*S, "--block-stride", "layer2.0=x"], 2, "1 or 2"),
    ([*S, "--stride-on", "5x5"], 2, "invalid choice"),
    ([*S, "--shortcut", "b" * 100_000], 2, "known"),
    ([*S, "--bogus"], 2, "unrecognized"),
    ([*T, "--seed", "10000000000"], 2, "0 to 4294967295"),
    ([*T, "--seed", "-1"], 2, "out of range"),
    ([*T, "--seed", "abc"], 2, "not an integer"),
    ([*T, "--pattern", "bogus"], 2, "checkerboard"),
    ([*T, "--pattern", "checkerboard:x"], 2, "integer"),
    ([*T, "--image", "missing.png"], 2, "no such file"),
    ([*T, "--image", "a_dir"], 2, "directory"),
    ([*T, "--image", "picture.png"], 2, "not an image"),
    ([*T, "--image", "chelsea", "--pattern", "dot"], 2, "not allowed with"),
    ([*T, "--device", "bogus"], 2, "usable here: cpu"),
    ([*T, "--weights", "missing.pth"], 2, "missing.pth"),
    ([*T, "--save-activations", "out"], 2, "must end in .npz"),
    ([*T, "--save-activations", "old.npz.bak"], 2, "must end in .npz"),
    ([*T, "--save-activations", "d.npz"], 2, "is a folder"),
    ([*T, "--save-activations", "nodir/x.npz"], 2, "does not exist"),
    ([*T, "--image", "missing.png", "--save-activations", "old.npz"], 2, "no such file"),
    ([*T, "--stage-strides", "2,2"], 2, "one value per stage"),
    (
        ["trace", "--batch", "1024", "--input", "3x4096x4096"],
        2,
        "is available on cpu; ",
    ),  # batch 1 at 4096² needs ~25 GB: the advice depends on the machine
    (["trace", "--max-memory", "100M", "--save-activations", "old.npz"], 2, "--max-memory is 100.0 MB"),
    ([*T, "--max-memory", "lots"], 2, "not a size"),
    ([*T, "--max-memory=-5G"], 2, "positive"),
    ([*T, "--max-memory", "0"], 2, "positive"),
    ([*E, "-o", "x.gif"], 2, "unknown format"),
    ([*E, "-o", "noext"], 2, "no extension"),
    ([*E, "-o", "nodir/x.svg"], 2, "does not exist"),
    ([*E, "-o", "d.svg"], 2, "is a folder"),
    ([*E, "-o", "old.svg", "--scale", "9"], 2, "--scale"),
    ([*E, "-o", "x.png", "--dpi", "5"], 2, "--dpi"),
    ([*E, "-o", "x.svg", "--theme", "bogus"], 2, "invalid choice"),
    ([*E, "-o", "old.svg", "--block", "layer9.0"], 2, "layer9.0"),
    ([*E, "-o", "old.svg", "--stage", "9"], 2, "stage"),
    ([*E, "-o", "x.svg", "--block", "layer2.0", "--compare", "bogus,zero-pad"], 2, "bogus"),
    ([*E, "-o", "x.svg", "--level", "bogus"], 2, "invalid choice"),
    (["export", "-o", "x.svg", "--spec", "huge_key.json"], 2, "characters"),
    (["export", *R20], 2, "required"),
    # valid networks that cannot run: exit 1, the reason once on stderr
    (["summary", "--spec", "mismatch.json"], 1, "cannot add the branches"),
    ([*T, "--block-shortcut", "layer2.0=identity"], 1, "cannot add the branches"),
]


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad_inputs")
    for name, content in FILES.items():
        if isinstance(content, bytes):
            (root / name).write_bytes(content)
        else:
            (root / name).write_text(content, encoding="utf-8")
    for d in DIRS:
        (root / d).mkdir()
    return root


def test_the_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize(("argv", "code", "fragment"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_gives_one_line_and_changes_nothing(argv, code, fragment, workdir, monkeypatch, capsys, torch):
    monkeypatch.chdir(workdir)
    before = snapshot(workdir)
    assert main(argv) == code
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:2000]
    assert lines[0].startswith("resnet-viewer: ") and fragment in lines[0], lines[0][:500]
    assert "Traceback" not in err and len(lines[0]) < 600, lines[0][:600]
    assert snapshot(workdir) == before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["summary", "--spec", "deep_list.json"], "nested too deeply"),
        (["trace", *R20, "--seed", "10000000000"], "0 to 4294967295"),
        (["trace", *R20, "--save-activations", "a_dir"], "is a folder"),
    ],
)
def test_a_real_process_sees_one_line_and_exit_2(argv, fragment, workdir):
    root = Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run(
        [sys.executable, "-m", "resnet_viewer", *argv], capture_output=True, text=True, cwd=workdir, env=env
    )
    assert p.returncode == 2 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], p.stderr[:2000]
