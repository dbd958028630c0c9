"""The block explanations in Simplified Chinese (issue 15): for every preset and
every block — and for specs that reach every template (each shortcut variant,
dilation, a failing add, blocks after it) — the explanation, the Python view's
comments and `explain`'s text carry no English prose once technical tokens are
set aside, every `{field}` is filled, and English stays what it was."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from resnet_viewer.core import i18n, shortcuts
from resnet_viewer.core.explain import explain, shortcut_caption
from resnet_viewer.core.presets import PRESETS
from resnet_viewer.core.python_view import explain_dict, format_explain, wrap
from resnet_viewer.core.shapes import infer
from resnet_viewer.core.spec import ArchSpec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def zh(monkeypatch):
    """Chinese for the test, English again afterwards (the language is process-wide).
    The environment says Chinese too, so a CLI that takes its language from it agrees."""
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


# ---- the heuristic: English prose left in a text ----------------------------

# Text that stays English in every language: PyTorch's own error message, code in
# backticks, and a paper's title.
_VERBATIM = re.compile(r"RuntimeError: [^\n]*|`[^`]*`|Bag of Tricks")
# ASCII words joined by spaces only: anything else (digits, '.', '_', '(', '=', ',',
# CJK characters and punctuation) ends a run, so code such as `self.downsample`,
# `conv1x1(256, 512, stride=2)` or `x[:, :, ::2, ::2]` never makes one.
_RUN = re.compile(r"[A-Za-z][A-Za-z'-]*(?: +[A-Za-z][A-Za-z'-]*)*")
# English words that only prose uses (code and the technical tokens never do).
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "while",
        "is",
        "are",
        "was",
        "be",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
        "not",
        "no",
        "every",
        "each",
        "only",
        "also",
        "too",
        "here",
        "there",
        "where",
        "when",
        "which",
        "what",
    ]
)


def english_prose(text: str) -> list[str]:
    """Runs of 3+ ASCII words, and English function words, outside code and verbatim
    text. A sentence that escaped translation is caught by either; technical tokens
    (`conv1x1`, `BatchNorm2d`, `layer2.0`, `512×28×28`, variant names, `Python`, `CNN`)
    stand alone between CJK text and are neither."""
    found = []
    for run in _RUN.findall(_VERBATIM.sub("|", text)):
        words = run.split()
        # a capital letter alone is an option (方案 A), not the article
        if len(words) >= 3 or any(w.lower() in _FUNCTION_WORDS and w != "A" for w in words):
            found.append(run)
    return found


def _comment(line: str) -> str:
    """The part of a Python-view line that is prose: what follows `#` (code stays English)."""
    if line.lstrip().startswith("#"):
        return line.lstrip()[1:]
    return line.split("  # ", 1)[1] if "  # " in line else ""


def _texts(report, name) -> dict[str, str]:
    """Every text `explain` shows about one block that is meant for reading."""
    d = explain_dict(report, name)
    texts = {"explanation": d["explanation"], "caption": shortcut_caption(report.block(name))}
    texts |= {f"make_layer[{i}]": _comment(line) for i, line in enumerate(d["make_layer"])}
    texts |= {f"forward[{i}]": _comment(r["line"]) for i, r in enumerate(d["forward"])}
    # printed: the title, the CNN view (headed, indented), then the Python view's headings and its
    # code lines, whose comments are checked above
    lines = format_explain(report, d).split("\n")
    python = next(i for i, line in enumerate(lines) if i > 2 and line and not line.startswith(" "))
    texts["printed"] = "\n".join(lines[:python] + [line for line in lines[python:] if not line.startswith(" ")])
    return texts


_UNFILLED = re.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}")


def _problems(report, name) -> list[str]:
    out = []
    for where, text in _texts(report, name).items():
        out += [f"{name} {where}: English {run!r} in {text!r}" for run in english_prose(text)]
        out += [f"{name} {where}: unfilled {m!r}" for m in _UNFILLED.findall(text)]
    return out


def test_the_heuristic_catches_english_and_passes_code_and_tokens():
    english = explain(infer(PRESETS["resnet50"]), "layer2.0")
    assert english_prose(english)  # the whole English explanation
    assert english_prose("主分支保持形状 256×56×56 不变，the shortcut can be the input itself")
    assert english_prose("捷径必须输出 512×28×28 too")  # one function word is enough
    assert english_prose("这里用 conv1x1(256, 512) + every 2nd pixel")
    assert not english_prose(
        "conv2 的步幅为 2，所以 H×W 从 56×56 缩小到 28×28：这里用 conv1x1(256, 512, stride=2) + "
        "BatchNorm2d(512)。conv1x1：方案 B（torchvision）。（出处：He 等，2019（Bag of Tricks），ResNet-D；"
        "timm resnet50d）RuntimeError: The size of tensor a (28) must match the size of tensor b (56)"
    )
    assert not english_prose("True，两个条件都成立：stride 2 != 1，并且 self.inplanes 256 != 512")
    assert not english_prose("在 Bottleneck.__init__ 中：self.downsample 是 None；CNN 视角；Python 视角")


@pytest.mark.parametrize(
    "left_out",
    [
        "{change}; the shortcut must deliver {target} too: here {recipe} ({params} parameters).",
        "channels grow from {before} to {after}",
        "Option B (torchvision): a 1x1 convolution with the block's stride, then BatchNorm, only where the shape "
        "changes; identity elsewhere.",
        "He et al. 2016, §3.3 option B; torchvision BasicBlock/Bottleneck",
        "True: a module stands there",
        "Python view: what {forward} does (N×C×H×W after each line)",
    ],
)
def test_a_sentence_left_untranslated_is_caught(zh, monkeypatch, left_out):
    report = infer(PRESETS["resnet50"])
    assert not _problems(report, "layer2.0")
    full = i18n.catalogue("zh_CN")
    monkeypatch.setattr(i18n, "catalogue", lambda lang: {k: v for k, v in full.items() if k != left_out})
    assert _problems(report, "layer2.0")


# ---- every preset, every block ----------------------------------------------

_R50, _R18 = PRESETS["resnet50"], PRESETS["resnet18"]
# Specs that reach what the presets do not: each shortcut variant where the shape
# changes and where it does not, dilation, per-block strides and shortcuts, a failing
# add (identity where the shape changes) and the blocks after it, channels that shrink.
EXTRA: dict[str, ArchSpec] = {
    **{f"resnet50+{v}": _R50.with_changes(shortcut=v) for v in shortcuts.NAMES},
    **{f"resnet18+{v}": _R18.with_changes(shortcut=v) for v in shortcuts.NAMES},
    "dilated": _R50.with_changes(dilate=(False, False, True, True)),
    "overrides": _R50.with_changes(
        block_strides=(("layer1.1", 2), ("layer3.0", 1)),
        block_shortcuts=(("layer2.0", "identity"), ("layer3.1", "conv3x3"), ("layer4.0", "zero-pad")),
    ),
    "shrinking": _R18.with_changes(widths=(64, 32, 256, 128)),
    "cifar overrides": PRESETS["resnet20"].with_changes(
        block_strides=(("layer2.1", 2),), block_shortcuts=(("layer3.0", "identity"),)
    ),
    "cifar after an error": PRESETS["resnet20"].with_block_shortcut("layer2.0", "identity"),
    "resnext dilated": PRESETS["resnext50_32x4d"].with_changes(dilate=(False, False, True, False)),
    "tiny input": _R18.with_changes(input_shape=(3, 20, 20), shortcut="zero-pad"),
}


@pytest.mark.parametrize("name", [*PRESETS, *EXTRA])
def test_every_block_is_explained_in_chinese_with_every_field_filled(zh, name):
    report = infer(PRESETS[name] if name in PRESETS else EXTRA[name])
    problems = [p for b in report.blocks for p in _problems(report, b.name)]
    assert not problems, f"{len(problems)} problems, first: {problems[:3]}"


def _messages(*files: str) -> set[str]:
    found = set()
    for f in files:
        for node in ast.walk(ast.parse((ROOT / f).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("t", "t_in"):
                arg = node.args[0] if node.func.id == "t" else node.args[1]  # type: ignore[attr-defined]
                found.add(arg.value)
    return found


def test_the_specs_above_reach_every_explanation_template(zh, monkeypatch):
    """So that the no-English test above has seen every sentence: the specs use every
    template of explain.py, python_view.py and the variant texts at least once."""
    used: set[str] = set()

    class Recording(dict):
        def get(self, key, default=None):
            used.add(key)
            return super().get(key, default)

    recording = Recording(i18n.catalogue("zh_CN"))
    monkeypatch.setattr(i18n, "catalogue", lambda lang: recording)
    for spec in [*PRESETS.values(), *EXTRA.values()]:
        report = infer(spec)
        for b in report.blocks:
            _texts(report, b.name)
    for v in shortcuts.VARIANTS:
        assert not english_prose(v.description) and not english_prose(v.reference), v.name
    wanted = _messages("resnet_viewer/core/explain.py", "resnet_viewer/core/python_view.py")
    wanted |= _messages("resnet_viewer/core/shortcuts.py") - {"unknown shortcut variant {name!r}; known: {known}"}
    unreached = wanted - used - UNREACHABLE
    assert not unreached, f"no spec above shows: {sorted(unreached)}"
    assert not (UNREACHABLE & used), "a spec reaches one of UNREACHABLE now: take it off that list"


# Defensive branches no valid spec reaches (strides are 1 or 2, every strided main branch
# has a variant that fits, a shrunk feature map stops `infer` before the walk); their
# translations are checked with the whole catalogue below.
UNREACHABLE = {
    "fails: the feature map has shrunk to nothing",
    "H×W changes from {before} to {after}",
    "every {stride}th pixel is taken (x[:, :, ::{stride}, ::{stride}])",
    "none — change the stride or widths",
}


def test_no_translation_in_the_catalogue_is_english():
    """Every entry of this catalogue (also the error messages and the branches above),
    its fields set aside, reads as Chinese."""
    entries = json.loads((ROOT / "assets/i18n/zh_CN/core/explain.json").read_text(encoding="utf-8"))
    english = {k: english_prose(re.sub(r"\{[^{}]*\}", "|", v)) for k, v in entries.items()}
    assert not {k: v for k, v in english.items() if v}
    assert sum(bool(english_prose(re.sub(r"\{[^{}]*\}", "|", k))) for k in entries) > 0.8 * len(entries)


# ---- English is unchanged ---------------------------------------------------

# Verbatim from before the texts went through t(): the key is the English text.
ENGLISH = {
    ("resnet50", "layer2.0"): "conv2 has stride 2, so H×W halves from 56×56 to 28×28, while channels grow from 256 "
    "to 512; the shortcut must deliver 512×28×28 too: here conv1x1(256, 512, stride=2) + BatchNorm2d(512) "
    "(132,096 parameters).\n\nconv1x1: Option B (torchvision): a 1x1 convolution with the block's stride, then "
    "BatchNorm, only where the shape changes; identity elsewhere. [He et al. 2016, §3.3 option B; torchvision "
    "BasicBlock/Bottleneck]",
    ("resnet20", "layer2.0"): "conv1 has stride 2, so H×W halves from 32×32 to 16×16, while channels grow from 16 "
    "to 32; the shortcut must deliver 32×16×16 too: here every 2nd pixel is taken (x[:, :, ::2, ::2]) + 8 zero "
    "channels are put before the input's channels and 8 after them, with no parameters.\n\nzero-pad-both: Option A "
    "as the most used CIFAR ResNet code writes it: take every s-th pixel and put half of the zero channels before "
    "the input's channels, half after. Parameter-free; its trained checkpoints need this layout. [He et al. 2016, "
    "§3.3 option A; akamaster/pytorch_resnet_cifar10]",
    ("resnet50", "layer1.1"): "The main branch keeps the shape 256×56×56, so the shortcut can be the input itself "
    "(identity): out += x.\n\nWhere a block changes the shape, this network's shortcut is conv1x1: Option B "
    "(torchvision): a 1x1 convolution with the block's stride, then BatchNorm, only where the shape changes; "
    "identity elsewhere.",
}


@pytest.mark.parametrize(("preset", "block"), list(ENGLISH))
def test_english_is_the_text_it_was(preset, block):
    assert i18n.current_language() == "en"
    assert explain(infer(PRESETS[preset]), block) == ENGLISH[(preset, block)]


def test_english_is_the_same_before_and_after_a_switch_to_chinese_and_back():
    def everything():
        out = []
        for spec in [*PRESETS.values(), EXTRA["overrides"], EXTRA["dilated"]]:
            report = infer(spec)
            out += [format_explain(report, explain_dict(report, b.name)) for b in report.blocks]
        return out

    before = everything()
    assert not any(i18n.is_wide(c) for text in before for c in text)
    i18n.set_language("zh_CN")
    try:
        chinese = everything()
    finally:
        i18n.set_language("en")
    assert everything() == before
    assert all(a != b for a, b in zip(before, chinese, strict=True))


# ---- the Chinese text itself ------------------------------------------------


def test_a_downsampling_block_reads_as_a_student_would_write_it(zh):
    text = explain(infer(PRESETS["resnet50"]), "layer2.0")
    assert text.startswith(
        "conv2 的步幅为 2，所以 H×W 从 56×56 缩小到 28×28，同时通道数从 256 增加到 512；"
        "捷径也必须输出 512×28×28：这里用 conv1x1(256, 512, stride=2) + BatchNorm2d(512)（参数量 132,096）。"
    )
    assert "方案 B（torchvision）" in text


def test_a_failing_add_keeps_pytorchs_error_verbatim_and_names_the_fixes(zh):
    report = infer(EXTRA["overrides"])
    text = explain(report, "layer2.0")
    assert "但 identity 输出的是 256×28×28" in text
    assert "\nRuntimeError: The size of tensor a (14) must match the size of tensor b (28) at non-singleton" in text
    assert "在这里能输出 512×14×14 的捷径：zero-pad, zero-pad-both, conv1x1" in text
    assert explain(report, "layer3.0").startswith("layer3.0 位于一个无法运行的块之后")


def test_chinese_paragraphs_are_wrapped_by_display_width():
    para = "conv2 的步幅为 2，所以 H×W 从 56×56 缩小到 28×28，同时通道数从 256 增加到 512；" * 4
    lines = wrap(para, 100, "  ")
    width = [sum(2 if i18n.is_wide(c) else 1 for c in line) for line in lines]
    assert len(lines) > 1 and max(width) <= 100
    assert "".join(line.strip() for line in lines).replace(" ", "") == para.replace(" ", "")
    assert not any(line.lstrip()[0] in "，。；：" for line in lines)  # punctuation never starts a line
    english = "The main branch keeps the shape 256×56×56, so the shortcut can be the input itself. " * 3
    import textwrap

    assert wrap(english, 100, "  ") == textwrap.wrap(english, 100, initial_indent="  ", subsequent_indent="  ")


# ---- the explain command ----------------------------------------------------


def test_explain_prints_chinese(zh, capsys):
    from resnet_viewer.cli import main

    assert main(["explain", "--preset", "resnet50", "--block", "layer2.0"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "resnet50 的 layer2.0：Bottleneck(inplanes=256, planes=128, stride=2)，捷径 conv1x1"
    assert "CNN 视角：这个块对像素做了什么" in lines
    assert "  读取的输入像素：主分支 100%，捷径 25%（每 4 个取 1 个）" in lines
    assert "Python 视角：Bottleneck.forward 做了什么（每行之后的 N×C×H×W）" in lines
    assert any(
        line.endswith("identity = self.downsample(x)  # 调用 nn.Sequential.forward：依次运行每个模块") for line in lines
    )
    assert not english_prose(out.split("\nPython 视角")[0])


def test_explain_json_and_errors_in_chinese(zh, capsys):
    from resnet_viewer.cli import main

    assert main(["explain", "--preset", "resnet20", "--block", "layer3.0", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["explanation"].startswith("conv1 的步幅为 2，所以 H×W 从 16×16 缩小到 8×8")
    assert d["block"] == "layer3.0" and d["shortcut_coverage"] == 0.25  # data stays data
    assert main(["explain", "--preset", "resnet20", "--block", "layer9.0"]) == 2
    err = capsys.readouterr().err
    assert "--block：'layer9.0' 不是这个网络的块；这个网络的块：layer1.0–layer1.2" in err


def test_the_code_printed_by_explain_stays_english(zh, capsys):
    from resnet_viewer.cli import main

    assert main(["explain", "--preset", "resnet50", "--block", "layer2.0", "--code"]) == 0
    assert not any(i18n.is_wide(c) for c in capsys.readouterr().out)
