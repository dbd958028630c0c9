"""The GUI's language: which one, and switching it while the window is open.

Qt's own mechanism (docs/architecture.md): every .qm file in
`assets/i18n/<lang>/` (one per part of the GUI, built from the .ts files by
docs/update_translations.py) plus Qt's `qtbase_<lang>.qm`, so standard dialogs
follow, each installed as a QTranslator. Installing or removing a translator
sends every widget a LanguageChange event; each widget class answers it in its
`retranslate_ui()`. The core's messages follow `core.i18n.set_language`, set here too.

The language is, in this order: the one asked for on the command line
(`--lang`), the one chosen in View → Language (remembered in the settings),
the system's (LC_ALL / LC_MESSAGES / LANG, else Qt's system locale), English."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ..core.i18n import (
    LANGUAGES,
    LOCALE_VARIABLES,
    SOURCE_LANGUAGE,
    Language,
    current_language,
    language_from_env,
    language_from_locale,
    set_language,
)

SETTINGS_KEY = "language"

_installed: list[QTranslator] = []  # kept alive: a collected QTranslator stops translating


def system_language() -> Language:
    """The environment's choice where it makes one (POSIX precedence), else Qt's system locale."""
    if any(os.environ.get(v) for v in LOCALE_VARIABLES):
        return language_from_env()
    return language_from_locale(QLocale.system().name())


def remembered_language(settings: QSettings) -> Language | None:
    value = settings.value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def startup_language(settings: QSettings, requested: Language | None = None) -> Language:
    """`requested` (the command line), else the remembered choice, else the system's."""
    return requested or remembered_language(settings) or system_language()


def translation_files(lang: Language) -> list[Path]:
    """The app's .qm files for `lang` (none for English, the source language)."""
    from ..bundled import assets_dir

    if lang == SOURCE_LANGUAGE:
        return []
    return sorted((assets_dir() / "i18n" / lang).glob("*.qm"))


def _qt_translator(lang: Language) -> QTranslator | None:
    """Qt's own strings (standard buttons, file dialogs): qtbase_<lang>.qm, which
    PySide6's wheels ship (qt_<lang>.qm is only a list of other files there)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{lang}", f"qt_{lang}"):
        tr = QTranslator()
        if tr.load(name, folder) and not tr.isEmpty():
            return tr
    return None


def install_language(lang: Language) -> list[Path]:
    """Make `lang` the language of the app and of the core; returns the .qm files loaded.
    Open widgets relabel themselves (LanguageChange → retranslate_ui)."""
    app = QCoreApplication.instance()
    set_language(lang)  # first: widgets re-fetch core texts when the event arrives
    if app is None:
        return []
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    loaded = []
    for path in translation_files(lang):
        tr = QTranslator()
        if tr.load(str(path)):
            _installed.append(tr)
            loaded.append(path)
    qt = _qt_translator(lang) if lang != SOURCE_LANGUAGE else None
    if qt is not None:
        _installed.append(qt)
    for tr in _installed:  # each install (and each removal above) sends LanguageChange
        app.installTranslator(tr)
    return loaded


def choose_language(settings: QSettings, lang: Language) -> None:
    """The user's choice in View → Language: switch now and remember it."""
    settings.setValue(SETTINGS_KEY, lang)
    if lang != current_language():  # the same one again: nothing to relabel, no re-run
        install_language(lang)
