"""The core catalogues (assets/i18n/<lang>/core/*.json) match the code: every
message the Qt-free layers pass to `t()` is translated, with the same `{fields}`,
and no catalogue keeps a message the code no longer says."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from resnet_viewer.core import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "resnet_viewer"
CATALOGUES = ROOT / "assets" / "i18n"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE]


def _calls_to_t(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name == "t" and node.args:
                yield node, node.args[0]
            elif name == "t_in" and len(node.args) > 1:
                yield node, node.args[1]


def _messages() -> tuple[dict[str, str], list[str]]:
    """{message: where} for every literal passed to t()/t_in() outside gui/ (which
    uses Qt's tr), and the places that pass something else."""
    found: dict[str, str] = {}
    not_literal: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[1] == "gui" or path.name == "i18n.py":
            continue
        for call, arg in _calls_to_t(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{rel}:{call.lineno}")
            else:
                not_literal.append(f"{rel}:{call.lineno}")
    return found, not_literal


def _files(lang: str) -> dict[Path, dict[str, str]]:
    return {p: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CATALOGUES / lang / "core").glob("*.json"))}


def test_every_message_is_a_literal():
    _, not_literal = _messages()
    assert not not_literal, f"t() needs a literal message (the catalogue is keyed by it): {not_literal}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_the_same_fields(lang):
    messages, _ = _messages()
    merged = i18n.catalogue(lang)
    missing = {m: where for m, where in messages.items() if m not in merged}
    assert not missing, f"{len(missing)} messages have no {lang} translation: {missing}"
    wrong = {m: sorted(i18n.field_names(m) ^ i18n.field_names(merged[m])) for m in messages}
    wrong = {m: d for m, d in wrong.items() if d}
    assert not wrong, f"translations whose {{fields}} differ from the English: {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_obsolete_or_conflicting_entries(lang):
    messages, _ = _messages()
    seen: dict[str, tuple[Path, str]] = {}
    for path, entries in _files(lang).items():
        assert all(isinstance(v, str) and v.strip() for v in entries.values()), f"{path.name}: an empty translation"
        for key, value in entries.items():
            assert key in messages, f"{path.name}: {key!r} is no longer said by the code (obsolete)"
            if key in seen:
                assert seen[key][1] == value, (
                    f"{key!r} is translated differently in {seen[key][0].name} and {path.name}"
                )
            seen[key] = (path, value)
