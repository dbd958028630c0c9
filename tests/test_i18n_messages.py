"""The Qt-free layers speak Simplified Chinese when asked (`--lang zh_CN`, or
LC_ALL / LC_MESSAGES / LANG), name the same fields, blocks, shapes and files as
in English, and stay English otherwise (issue 15)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from resnet_viewer import cli
from resnet_viewer.core import i18n
from resnet_viewer.core.i18n import columns as text_width
from resnet_viewer.core.presets import preset
from resnet_viewer.core.shapes import infer
from resnet_viewer.core.spec import ArchSpec, SpecError
from resnet_viewer.core.summary_text import format_summary

ROOT = Path(__file__).resolve().parent.parent
ZH_HEADINGS = ("部分", "步幅", "捷径", "输入 → 输出", "参数量", "乘加次数", "感受野")
EN_HEADINGS = ("part", "stride", "shortcut", "input → output", "params", "mult-adds", "RF")


@pytest.fixture
def zh():
    """Chinese for the test, then back to whatever was set."""
    before = i18n.current_language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(before)


@pytest.fixture(autouse=True)
def _restore_language():
    before = i18n.current_language()
    yield
    i18n.set_language(before)


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    base["PYTHONPATH"] = str(ROOT) + os.pathsep + base.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "resnet_viewer", *args], capture_output=True, text=True, env=base | env, cwd=ROOT
    )


def test_summary_lang_flag_gives_chinese_headings():
    r = run_cli("summary", "--preset", "resnet18", "--lang", "zh_CN")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("resnet18 · basic 块 2-2-2-2 · 捷径 conv1x1 · 输入 1×3×224×224")
    assert all(h in lines[1] for h in ZH_HEADINGS)
    assert lines[3].startswith("起始层") and lines[-4].startswith("分类头")
    assert "总参数量 11,689,512 · 乘加次数 1.81G · 输出 1×1000" in r.stdout
    assert "一次追踪运行的内存（CPU）：约 " in r.stdout
    # columns line up on a terminal: a CJK character takes two columns
    assert text_width(lines[1]) == len(lines[2])


def test_summary_follows_lang_and_lc_all_precedence():
    r = run_cli("summary", "--preset", "resnet18", LANG="zh_CN.UTF-8")
    assert r.returncode == 0 and all(h in r.stdout for h in ZH_HEADINGS)
    r = run_cli("summary", "--preset", "resnet18", LC_MESSAGES="zh_SG.UTF-8", LANG="en_US.UTF-8")
    assert all(h in r.stdout for h in ZH_HEADINGS)
    english = run_cli("summary", "--preset", "resnet18", LC_ALL="C", LANG="zh_CN.UTF-8")
    assert english.returncode == 0
    assert all(h in english.stdout.splitlines()[1] for h in EN_HEADINGS)
    assert english.stdout == run_cli("summary", "--preset", "resnet18").stdout  # English is unchanged
    flag_wins = run_cli("summary", "--preset", "resnet18", "--lang", "en", LANG="zh_CN.UTF-8")
    assert flag_wins.stdout == english.stdout


@pytest.mark.parametrize(
    ("env", "words"), [({}, "choose one of en, zh_CN"), ({"LANG": "zh_CN.UTF-8"}, "请从 en, zh_CN 中选择")]
)
def test_bad_lang_is_one_sentence_naming_the_allowed_values(env, words):
    r = run_cli("summary", "--lang", "fr", **env)
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert "'fr'" in r.stderr and words in r.stderr


def test_every_subcommand_takes_lang():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= {"gui", "summary", "trace", "explain", "export", "weights"}
    for name, p in sub.choices.items():
        lang = [a for a in p._actions if a.dest == "lang"]
        assert lang and lang[0].option_strings == ["--lang"], name
    args = parser.parse_args(["export", "-o", "x.svg", "--lang", "zh-CN"])
    assert args.lang == "zh_CN"  # what h3's export reads
    assert parser.parse_args(["summary"]).lang is None


def test_gui_gets_the_requested_language_or_none(monkeypatch):
    import resnet_viewer.gui.launch as launch_module

    seen: list[object] = []
    monkeypatch.setattr(launch_module, "launch", lambda *a, **kw: seen.append(kw.get("lang")) or 0)
    assert cli.main(["gui", "--lang", "zh_CN"]) == 0
    assert cli.main(["--preset", "resnet18"]) == 0  # `gui` is the default subcommand
    assert seen == ["zh_CN", None]


def test_spec_errors_in_chinese_name_the_field_and_allowed_values(zh):
    with pytest.raises(SpecError) as e:
        ArchSpec(shortcut="bogus")
    msg = str(e.value)
    assert msg.startswith("shortcut：不允许取值 'bogus'；已知的值：identity, zero-pad")
    with pytest.raises(SpecError, match=r"strides\[1\]：不允许取值 3；步幅必须是 1 或 2"):
        preset("resnet18").with_changes(strides=(1, 3, 2, 2))
    with pytest.raises(SpecError, match=r"stem：不允许取值 'x'；允许的值：imagenet, cifar, deep"):
        ArchSpec(stem="x")
    with pytest.raises(SpecError, match=r"batch：不允许取值 0；必须是 1 到 1024 之间的整数"):
        ArchSpec(batch=0)


def test_cli_spec_error_in_chinese_is_one_line():
    r = run_cli("summary", "--block-stride", "layer9.0=2", "--lang", "zh_CN")
    assert r.returncode == 2
    line = r.stderr.strip()
    assert "\n" not in line and line.startswith("resnet-viewer: block_strides['layer9.0']：不允许取值 'layer9.0'")
    assert "没有这个块；现有的块为 layer1.0–layer1.2" in line


def test_shape_mismatch_in_chinese_names_block_and_both_shapes(zh):
    spec = preset("resnet50").with_changes(block_shortcuts={"layer2.0": "identity"})
    err = infer(spec).first_error
    assert err is not None
    assert err.error == (
        "layer2.0：两个分支无法相加——主分支输出 512×28×28，捷径（identity）输出 256×56×56。"
        "此处适用的捷径：zero-pad, zero-pad-both, conv1x1, conv1x1-all, avgpool-conv1x1, maxpool-conv1x1, conv3x3, avgpool-zero-pad。"
    )
    table = format_summary(infer(spec))
    assert "!! layer2.0" in table and "✗ 主分支" in table and "?（在错误之后）" in table


def test_broken_checkpoint_files_in_chinese(zh, tmp_path):
    from resnet_viewer.live.checkpoint_read import CheckpointReadError, sniff

    text = tmp_path / "notes.pth"
    text.write_text("hello\n")
    with pytest.raises(CheckpointReadError) as e:
        sniff(text)
    assert str(e.value) == f"{text}：这是文本文件，不是检查点（开头为 'hello'）"
    fake = tmp_path / "archive.pth"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("readme.txt", "not torch")
    with pytest.raises(CheckpointReadError, match=r"是 zip 文件，但不是 PyTorch 检查点（里面没有 data\.pkl）"):
        from resnet_viewer.live.checkpoint_read import read_tensors

        read_tensors(fake)


def test_truncated_checkpoint_through_the_cli_in_chinese(tmp_path, torch):
    from resnet_viewer.live.model import build_model

    path = tmp_path / "cut.pth"
    torch.save(build_model(preset("resnet18")).state_dict(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    r = run_cli("summary", "--weights", str(path), "--lang", "zh_CN")
    assert r.returncode == 2 and r.stdout == ""
    line = r.stderr.strip()
    assert "\n" not in line and line.startswith(f"resnet-viewer: {path}：")
    assert "PyTorch 归档已损坏或被截断" in line


def test_offline_download_message_in_chinese(zh, tmp_path, monkeypatch):
    from resnet_viewer.core import catalogue
    from resnet_viewer.live.download import DownloadError, fetch

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    entry = catalogue.find("resnet18")
    with pytest.raises(DownloadError) as e:
        fetch(entry, mirror=f"http://127.0.0.1:{port}")
    msg = str(e.value)
    target = tmp_path / "torch" / "hub" / "checkpoints" / entry.file_name
    assert "\n" not in msg and msg.startswith(f"无法连接 127.0.0.1:{port}（是否离线？")
    assert f"请在别处下载 {entry.url}，并放到 {target}" in msg


def test_english_is_the_source_text():
    i18n.set_language("en")
    with pytest.raises(SpecError, match=r"^shortcut: 'bogus' is not allowed; known: identity"):
        ArchSpec(shortcut="bogus")
    assert "part      stride" in format_summary(infer(preset("resnet18")))


def test_argparse_errors_follow_the_language(capsys):
    i18n.set_language("en")
    assert cli.main(["summary", "--stride-on", "5x5"]) == 2
    assert (
        capsys.readouterr().err
        == "resnet-viewer: argument --stride-on: invalid choice: '5x5' (choose from '3x3', '1x1')\n"
    )
    assert cli.main(["summary", "--stride-on", "5x5", "--lang", "zh_CN"]) == 2
    assert capsys.readouterr().err == "resnet-viewer: 参数 --stride-on：无效的选项：'5x5'（可选：'3x3', '1x1'）\n"
    assert cli.main(["summary", "--bogus", "--lang=zh_CN"]) == 2
    assert capsys.readouterr().err == "resnet-viewer: 无法识别的参数：--bogus\n"


def test_memory_refusal_in_chinese_names_the_estimate_and_what_to_change(zh):
    from resnet_viewer.live.memory_guard import MemoryRefused, check_memory

    with pytest.raises(MemoryRefused) as e:
        check_memory(preset("resnet50").with_changes(batch=64), limit=2**30)
    msg = str(e.value)
    assert msg.startswith("这次运行需要约 ") and "），但 --max-memory 为 1 GB；" in msg
    assert "请把批大小降到 " in msg and msg.endswith("或更小，或提高 --max-memory")


def test_weights_table_in_chinese(tmp_path):
    r = run_cli("weights", "--lang", "zh_CN", TORCH_HOME=str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["名称", "预设", "类别", "大小", "已缓存"]
    assert lines[-2] == f"缓存：{tmp_path / 'hub' / 'checkpoints'}"
    assert lines[-1].startswith("下载一个：resnet-viewer weights --download NAME")
