"""`--lang en|zh_CN` on every subcommand, and the language a run speaks.

The language is set before anything is said: `main` reads `--lang` from the raw
arguments first (argparse's own errors come later), falling back to
LC_ALL / LC_MESSAGES / LANG. Stdlib only."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from .core.i18n import LANGUAGES, Language, UnknownLanguage, language_from_env, parse_language, t

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)


def language_arg(text: str) -> Language:
    """argparse `type` for --lang: a bad value is one sentence naming the allowed values."""
    try:
        return parse_language(text)
    except UnknownLanguage:
        raise argparse.ArgumentTypeError(
            t("unknown language {code}: choose one of {allowed}", code=repr(text[:40]), allowed=", ".join(LANGUAGES))
        ) from None


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        type=language_arg,
        default=None,
        metavar="|".join(LANGUAGES),
        help="language of messages and output (default: from LC_ALL, LC_MESSAGES or LANG)",
    )


def add_lang_to_subcommands(sub: argparse._SubParsersAction[Parser]) -> None:
    """Every subcommand gets the same --lang (an alias shares its parser: added once)."""
    seen: set[int] = set()
    for p in sub.choices.values():
        if id(p) not in seen:
            seen.add(id(p))
            add_lang_option(p)


def requested_language(argv: Sequence[str]) -> str | None:
    """The raw value of --lang in `argv` (before argparse runs), None when absent."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def run_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Language:
    """--lang when it is valid, else the environment's (a bad --lang is refused by argparse later)."""
    raw = requested_language(argv)
    if raw is not None:
        try:
            return parse_language(raw)
        except UnknownLanguage:
            pass
    return language_from_env(environ)


def argparse_message(message: str) -> str:
    """argparse's own error (already formatted, in English) in the run's language:
    the few shapes a user meets, the option names and values kept as they are."""
    if m := re.fullmatch(r"argument (\S+): (.*)", message, re.S):
        return t("argument {option}: {problem}", option=m[1], problem=_argument_problem(m[2]))
    if m := re.fullmatch(r"unrecognized arguments: (.*)", message, re.S):
        return t("unrecognized arguments: {arguments}", arguments=m[1])
    if m := re.fullmatch(r"the following arguments are required: (.*)", message, re.S):
        return t("the following arguments are required: {arguments}", arguments=m[1])
    return message


def _argument_problem(problem: str) -> str:
    if m := re.fullmatch(r"invalid choice: (.*) \(choose from (.*)\)", problem, re.S):
        return t("invalid choice: {value} (choose from {choices})", value=m[1], choices=m[2])
    if m := re.fullmatch(r"invalid (\w+) value: (.*)", problem, re.S):
        return t("invalid {kind} value: {value}", kind=m[1], value=m[2])
    if m := re.fullmatch(r"not allowed with argument (.*)", problem, re.S):
        return t("not allowed with argument {option}", option=m[1])
    if problem == "expected one argument":
        return t("expected one argument")
    return problem
