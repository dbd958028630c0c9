"""`resnet-viewer explain`: the Python-view walk, its JSON, `--code`, exit codes, no torch."""

import json
import subprocess
import sys

import pytest

from resnet_viewer import infer, preset
from resnet_viewer.core.block_code import block_module


def run(*args):
    return subprocess.run([sys.executable, "-m", "resnet_viewer", "explain", *args], capture_output=True, text=True)


def test_json_walks_make_layer_and_forward_with_real_values_and_shapes():
    p = run("--preset", "resnet50", "--block", "layer2.0", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert set(d) == {
        "schema",
        "block",
        "explanation",
        "make_layer",
        "forward",
        "main_coverage",
        "shortcut_coverage",
        "receptive_field",
        "jump",
        "rf_offset",
    }  # issue 14's schema
    assert d["schema"] == 1 and d["block"] == "layer2.0"
    assert (d["main_coverage"], d["shortcut_coverage"]) == (1.0, 0.25)  # the strided 1x1 reads one pixel in four
    assert (d["receptive_field"], d["jump"], d["rf_offset"]) == (43, 8, 0.0)
    assert "the shortcut must deliver 512×28×28 too" in d["explanation"]
    ml = d["make_layer"]
    assert any(
        line
        == "if stride != 1 or self.inplanes != planes * block.expansion:  # True, both parts hold: stride 2 != 1 and self.inplanes 256 != 512"
        for line in ml
    )
    assert "    downsample = nn.Sequential(conv1x1(256, 512, stride=2), norm_layer(512))" in ml
    assert any(line.startswith("self.downsample = downsample  # in Bottleneck.__init__") for line in ml)
    rows = {r["line"].split("  #")[0].strip(): r["shape"] for r in d["forward"]}
    assert rows["identity = x"] == [1, 256, 56, 56]
    assert rows["out = self.conv2(out)"] == [1, 128, 28, 28]
    assert rows["identity = self.downsample(x)"] == [1, 512, 28, 28]
    assert rows["if self.downsample is not None:"] is None
    seq = [r for r in d["forward"] if "Sequential.forward" in r["line"] and "self[" in r["line"]]
    assert [r["shape"] for r in seq] == [[1, 512, 28, 28], [1, 512, 28, 28]]
    assert "conv1x1(256, 512, stride=2)" in seq[0]["line"] and "BatchNorm2d(512)" in seq[1]["line"]
    assert rows["return out"] == [1, 512, 28, 28]


def test_parameter_free_variants_say_what_stands_there_and_what_it_computes():
    d = json.loads(run("--preset", "resnet20", "--block", "layer3.0", "--json").stdout)
    seq = [r["line"] for r in d["forward"] if "self[" in r["line"]]
    assert "Subsample(2): no parameters: x[:, :, ::2, ::2], keeps one pixel in 4" in seq[0]
    assert "ZeroPadChannels(64): no parameters: appends 32 zero channels" in seq[1]
    assert any("it has no parameters" in line for line in d["make_layer"])


def test_a_block_without_downsample_says_neither_condition_holds():
    d = json.loads(run("--preset", "resnet18", "--block", "layer1.1", "--json").stdout)
    assert any("# False, neither part holds: stride 1 == 1 and self.inplanes 64 == 64" in x for x in d["make_layer"])
    assert any(x.startswith("self.downsample = downsample  # in BasicBlock.__init__: None") for x in d["make_layer"])
    skipped = next(r for r in d["forward"] if r["line"].strip().startswith("identity = self.downsample(x)"))
    assert skipped["shape"] is None and "skipped" in skipped["line"]


def test_one_part_of_the_test_and_dilation_are_named():
    d = json.loads(run("--preset", "resnet50", "--dilate", "3,4", "--block", "layer3.0", "--json").stdout)
    assert any(x.endswith("# True: self.inplanes 512 != 1024 (while stride 1 == 1)") for x in d["make_layer"])
    assert any(x.startswith("# dilate=True: self.dilation *= 2; stride = 1") for x in d["make_layer"])


def test_the_forward_walk_is_the_printed_modules_forward():
    r = infer(preset("resnet50d"))
    code = block_module(r, "layer3.0")
    d = json.loads(run("--preset", "resnet50d", "--block", "layer3.0", "--json").stdout)
    for row in d["forward"]:
        line = row["line"].split("  #")[0].strip()
        if not line.startswith("Sequential.forward"):
            assert any(c.strip().split("  #")[0] == line for c in code.splitlines()), line


def test_text_has_both_views():
    p = run("--preset", "resnet50", "--block", "layer2.0")
    assert p.returncode == 0
    assert "CNN view" in p.stdout and "Python view: where self.downsample comes from" in p.stdout
    assert "1×512×28×28" in p.stdout and "identity = self.downsample(x)" in p.stdout


def test_code_prints_the_module():
    p = run("--preset", "resnet20", "--block", "layer2.0", "--code")
    assert p.returncode == 0 and p.stdout == block_module(infer(preset("resnet20")), "layer2.0")
    compile(p.stdout, "printed", "exec")


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (
            ["--block", "layer9.0"],
            2,
            "--block: 'layer9.0' is not a block of this network; blocks are layer1.0–layer1.2",
        ),
        ([], 2, "the following arguments are required: --block"),
        (["--block", "layer2.0", "--code", "--json"], 2, "not allowed with"),
        (["--block", "layer2.0", "--shortcut", "nope"], 2, "shortcut: 'nope' is not allowed"),
        (["--preset", "resnet18", "--block-shortcut", "layer2.0=identity", "--block", "layer2.0"], 1, ""),
        (["--preset", "resnet18", "--block-shortcut", "layer2.0=identity", "--block", "layer2.0", "--code"], 1, ""),
        (
            ["--preset", "resnet18", "--block-shortcut", "layer2.0=identity", "--block", "layer3.0", "--code"],
            1,
            "layer3.0 comes after layer2.0, which cannot run",
        ),
    ],
)
def test_exit_codes_as_summary(args, code, stderr):
    p = run(*args)
    assert p.returncode == code, p.stderr
    assert stderr in p.stderr and len(p.stderr.strip().splitlines()) == (1 if stderr else 0)


def test_explain_never_imports_torch():
    prog = (
        "import sys; from resnet_viewer.cli import main\n"
        "main(['explain', '--preset', 'resnet50d', '--block', 'layer2.0', '--json'])\n"
        "main(['explain', '--preset', 'resnet50d', '--block', 'layer2.0', '--code'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'PySide6', 'numpy'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", prog], check=True, capture_output=True)


def test_every_block_of_every_variant_is_explained_and_its_shapes_are_the_analytic_ones():
    from resnet_viewer.core import shortcuts
    from resnet_viewer.core.presets import PRESETS
    from resnet_viewer.core.python_view import explain_dict, format_explain

    for name in ("resnet18", "resnet50d", "resnext50_32x4d", "resnet20"):
        for variant in shortcuts.NAMES:
            report = infer(PRESETS[name].with_changes(shortcut=variant))
            for b in report.blocks:
                d = explain_dict(report, b.name)
                json.dumps(d)
                assert format_explain(report, d)
                rows = [r for r in d["forward"] if not r["line"].lstrip().startswith("Sequential.forward")]
                assert rows[0]["shape"] == (list(b.in_shape) if b.in_shape else None)
                assert [r["shape"] for r in rows[1 : 1 + len(b.main_ops)]] == [
                    list(o.out_shape) if o.out_shape else None for o in b.main_ops
                ]
                sub = [r["shape"] for r in d["forward"] if "self[" in r["line"]]
                assert sub == [list(o.out_shape) if o.out_shape else None for o in b.shortcut_ops]


def test_a_field_added_to_the_dict_is_printed_in_the_text_too():
    from resnet_viewer.core.python_view import explain_dict, format_explain

    report = infer(preset("resnet50"))
    d = explain_dict(report, "layer2.0")
    text = format_explain(report, d)
    assert "\n  input pixels read: main branch 100%, shortcut 25% (1 in 4)\n" in text
    d["future_figure"] = 7  # a figure added later shows without touching the formatter
    assert "\n  future_figure: 7\n" in format_explain(report, d)
