"""Message catalogues (gettext ``.po`` files read with Babel) for the CLI and the web app.

``translator("de")`` returns a function mapping an English message to German; English is
the source language, so ``translator("en")`` is the identity. Adding a language is adding
``locale/<lang>/LC_MESSAGES/respublika.po``; no code branches on the language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from babel.messages.pofile import read_po

from respublika.errors import InputError

DOMAIN = "respublika"
SOURCE_LANGUAGE = "en"


def languages() -> list[str]:
    """The source language and every language with a catalogue."""
    root = resources.files("respublika.i18n").joinpath("locale")
    found = sorted(entry.name for entry in root.iterdir() if entry.is_dir())
    return [SOURCE_LANGUAGE, *found]


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr for ``lang`` (empty for the source language)."""
    if lang == SOURCE_LANGUAGE:
        return {}
    if lang not in languages():
        raise InputError(f"unknown language {lang!r} (available: {', '.join(languages())})")
    path = resources.files("respublika.i18n").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    with path.open("rb") as handle:
        cat = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in cat
            if m.id and m.string and not m.fuzzy and not m.pluralizable}  # plurals: i18n.plural


def translator(lang: str) -> Callable[[str], str]:
    """A gettext-like function for ``lang``; unknown messages fall back to English."""
    table = catalogue(lang)

    def gettext(message: str) -> str:
        return table.get(message, message)

    return gettext


def pick(text: dict[str, str], lang: str) -> str:
    """Choose a language from a profile's ``{en: ..., de: ...}`` text; a text without ``lang``
    falls back to the catalogue's translation of its English (a profile file that gives only
    English, such as ``kz``, can be read in any language the catalogues speak), then to English."""
    if text.get(lang):
        return text[lang]
    english = text.get(SOURCE_LANGUAGE)
    if english:
        return translator(lang)(english) if lang in languages() else english
    return next(iter(text.values()), "")


BABEL_LOCALES = {"en": "en_GB"}
"""The Babel locale whose formats a language uses, where it is not the language itself
(English dates read ``1 March 2010``)."""


def babel_locale(lang: str) -> str:
    """The Babel locale for ``lang`` (``en`` → ``en_GB``; any other language is its own)."""
    return BABEL_LOCALES.get(lang, lang)


def format_day(day: Any, lang: str) -> str:
    """A date in ``lang``'s long form (``1 March 2010``, ``1. März 2010``); ISO text is read."""
    from datetime import date

    from babel.dates import format_date

    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return str(day)
    return str(format_date(day, "long", locale=babel_locale(lang)))


def format_number(value: Any, lang: str) -> str:
    """An integer with ``lang``'s digit grouping (``1,234,567``, ``1.234.567``)."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=babel_locale(lang))) if isinstance(value, int) else str(value)
