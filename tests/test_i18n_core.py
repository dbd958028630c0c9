"""The core's translation mechanism: language choice from locale names and the
environment, lookup with named fields, fallback to English."""

import pytest

from resnet_viewer.core import i18n


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("zh_TW.UTF-8", "en"),
        ("en_US.UTF-8", "en"),
        ("C", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_locale_names_choose_simplified_chinese_or_english(name, lang):
    assert i18n.language_from_locale(name) == lang


def test_environment_precedence_is_lc_all_then_lc_messages_then_lang():
    assert i18n.language_from_env({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.language_from_env({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.language_from_env({"LC_ALL": "", "LC_MESSAGES": "zh_CN", "LANG": "en_US"}) == "zh_CN"
    assert i18n.language_from_env({}) == "en"


def test_parse_language_accepts_spellings_and_names_allowed_values():
    assert i18n.parse_language("zh-CN") == "zh_CN"
    assert i18n.parse_language("EN") == "en"
    with pytest.raises(i18n.UnknownLanguage, match="en, zh_CN"):
        i18n.parse_language("fr")


def test_unknown_message_falls_back_to_english_with_fields(monkeypatch):
    monkeypatch.setattr(i18n, "_current", "zh_CN")
    assert i18n.t("no such message {x}", x=3) == "no such message 3"


def test_lookup_fills_fields_of_the_translation(monkeypatch):
    monkeypatch.setitem(i18n.catalogue("zh_CN"), "{n} blocks", "{n} 个块")
    assert i18n.t_in("zh_CN", "{n} blocks", n=4) == "4 个块"
    assert i18n.t_in("en", "{n} blocks", n=4) == "4 blocks"
    assert i18n.field_names("{block}: {main} vs {shortcut}") == {"block", "main", "shortcut"}


def test_wide_characters_are_cjk_and_fullwidth_only():
    assert all(i18n.is_wide(c) for c in "下采样，（")
    assert not any(i18n.is_wide(c) for c in "conv1x1 ×→")
