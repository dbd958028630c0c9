"""Translation of the words the Qt-free layers show: explanations, diagnoses,
CLI errors, summary headings, figure labels.

One mechanism per layer (docs/architecture.md): the GUI uses Qt's own
(`self.tr`, `.ts`/`.qm`); everything below it uses this module. A message is
written once, in English, with named fields, and passed through `t()`:

    t("{block}: the main branch gives {main} but the shortcut gives {shortcut}",
      block=name, main=a, shortcut=b)

The English text is the key. The catalogue of a language is every JSON file in
`assets/i18n/<lang>/core/` (one object `{"English": "译文"}` per file, split by
topic so that translators and developers do not edit the same file), merged.
A message missing from the catalogue falls back to English, never to an error;
`tests/test_i18n_catalogue.py` keeps the catalogues complete and free of
obsolete entries. Technical tokens (`conv1x1`, `BatchNorm2d`, `512×28×28`,
`layer2.0`, code) stay as they are in every language.

The language is process-wide (a CLI run has one; the GUI switches it with
View → Language and redraws). Stdlib only."""

from __future__ import annotations

import json
import os
import string
from collections.abc import Mapping
from functools import cache
from typing import Final, Literal, get_args

Language = Literal["en", "zh_CN"]
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
SOURCE_LANGUAGE: Final[Language] = "en"
LANGUAGE_NAMES: Final[dict[Language, str]] = {"en": "English", "zh_CN": "简体中文"}

# Locale names that mean Simplified Chinese; anything else is English.
_SIMPLIFIED_CHINESE = ("zh_cn", "zh_sg", "zh_hans", "zh-cn", "zh-sg", "zh-hans")

# The environment variables that name the locale, in POSIX precedence.
LOCALE_VARIABLES: Final = ("LC_ALL", "LC_MESSAGES", "LANG")

_current: Language = SOURCE_LANGUAGE


class UnknownLanguage(ValueError):
    """A language code outside LANGUAGES."""


def parse_language(code: str) -> Language:
    """'en', 'zh_CN' (also 'zh-CN', 'zh_cn', 'zh') to a Language; anything else
    raises UnknownLanguage naming the allowed values."""
    norm = code.strip().replace("-", "_")
    for lang in LANGUAGES:
        if norm.lower() == lang.lower():
            return lang
    if norm.lower() in ("zh", "zh_hans", "zh_sg"):
        return "zh_CN"
    raise UnknownLanguage(f"unknown language {code!r}: choose one of {', '.join(LANGUAGES)}")


def language_from_locale(name: str | None) -> Language:
    """A POSIX or Qt locale name ('zh_CN.UTF-8', 'zh_Hans_CN', 'en_US') to the
    language shown: Simplified Chinese for zh_CN, zh_SG and zh_Hans, else English."""
    low = (name or "").lower().split(".")[0].split("@")[0]
    return "zh_CN" if low.startswith(_SIMPLIFIED_CHINESE) else "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> Language:
    """The language the environment asks for, by POSIX precedence:
    LC_ALL, then LC_MESSAGES, then LANG (the first one that is set and not empty)."""
    env = os.environ if environ is None else environ
    for var in LOCALE_VARIABLES:
        if env.get(var):
            return language_from_locale(env[var])
    return SOURCE_LANGUAGE


def set_language(lang: Language) -> None:
    global _current
    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> Language:
    return _current


@cache
def catalogue(lang: Language) -> dict[str, str]:
    """Every message of `lang`, merged from assets/i18n/<lang>/core/*.json
    (empty for English, the source language)."""
    if lang == SOURCE_LANGUAGE:
        return {}
    from resnet_viewer.bundled import assets_dir

    merged: dict[str, str] = {}
    folder = assets_dir() / "i18n" / lang / "core"
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(message: str, /, **fields: object) -> str:
    """`message` in the current language, with its `{fields}` filled in."""
    text = catalogue(_current).get(message, message) if _current != SOURCE_LANGUAGE else message
    return text.format(**fields) if fields else text


def t_in(lang: Language, message: str, /, **fields: object) -> str:
    """`message` in `lang`, whatever the current language (tests, side-by-side output)."""
    text = catalogue(lang).get(message, message) if lang != SOURCE_LANGUAGE else message
    return text.format(**fields) if fields else text


def field_names(message: str) -> set[str]:
    """The `{names}` a message template uses (the catalogue test compares them)."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def is_wide(ch: str) -> bool:
    """True for characters drawn about one em wide: CJK ideographs, kana, hangul,
    and full-width punctuation (layout's text-width estimate uses this)."""
    o = ord(ch)
    return (
        0x1100 <= o <= 0x115F
        or 0x2E80 <= o <= 0xA4CF
        or 0xAC00 <= o <= 0xD7A3
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFF60
        or 0xFFE0 <= o <= 0xFFE6
    )


def columns(text: str) -> int:
    """Columns a terminal gives `text`: a wide character takes two (tables, wrapping)."""
    return sum(2 if is_wide(ch) else 1 for ch in text)
