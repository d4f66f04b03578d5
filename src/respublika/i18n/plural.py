"""Plural forms, dates and numbers in a language: the catalogue's ``Plural-Forms`` and Babel's
locale data (CLDR).

Russian has three plural forms (1, 21 депутат; 2, 22 депутата; 5, 11 депутатов), Kazakh,
German and English two; the rule is the catalogue's ``Plural-Forms`` header, so adding a
language is adding its catalogue, as for :func:`respublika.i18n.translator`::

    ngettext("ru", "{n} deputy", "{n} deputies", 22).format(n=22)   # "22 депутата"
    nformat("kk", "{n} deputy", "{n} deputies", 5)                  # "5 депутат"

English (the source language) has no catalogue: its rule is ``n != 1``. A message without a
plural entry in the catalogue falls back to the English singular or plural.
Dates and numbers come from Babel: ``format_date(date(2010, 3, 1), "ru")`` is
"1 марта 2010 г.", ``format_number(1234567.5, "kk")`` is "1 234 567,5".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from gettext import c2py
from importlib import resources
from numbers import Number
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.pofile import read_po

from respublika.errors import InputError
from respublika.i18n import DOMAIN, SOURCE_LANGUAGE, languages

ENGLISH_RULE = "nplurals=2; plural=(n != 1);"


def _check(lang: str) -> None:
    if lang not in languages():
        raise InputError.of("unknown language {lang!r} (available: {available})", lang=lang,
                            available=", ".join(languages()))


@cache
def _catalogue(lang: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The ``Plural-Forms`` rule and the plural entries (singular msgid -> forms) of ``lang``."""
    if lang == SOURCE_LANGUAGE:
        return ENGLISH_RULE, {}
    path = resources.files("respublika.i18n").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    with path.open("rb") as handle:
        cat = read_po(handle, locale=lang)
    rule = cat.plural_forms or ENGLISH_RULE
    table: dict[str, tuple[str, ...]] = {}
    for message in cat:
        forms = message.string
        if message.pluralizable and not message.fuzzy and isinstance(forms, (tuple, list)) and all(forms):
            table[str(message.id[0])] = tuple(str(s) for s in forms)
    return rule, table


@cache
def _rule(lang: str) -> tuple[int, Callable[[int], int]]:
    header, _ = _catalogue(lang)
    parts = dict(part.strip().split("=", 1) for part in header.split(";") if "=" in part)
    return int(parts["nplurals"]), c2py(parts["plural"])


def plural_index(lang: str, n: int) -> int:
    """Which of the catalogue's forms ``n`` takes (ru: 1 → 0, 2 → 1, 5 → 2, 21 → 0, 22 → 1)."""
    _check(lang)
    count, rule = _rule(lang)
    return min(int(rule(abs(int(n)))), count - 1)


def plural_category(lang: str, n: float) -> str:
    """Babel's (CLDR's) category of ``n``: ``one``, ``few``, ``many`` or ``other``."""
    _check(lang)
    return str(Locale.parse(lang).plural_form(n))


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The form of a plural message for ``n`` (a template, like gettext's ``ngettext``)."""
    _check(lang)
    forms = _catalogue(lang)[1].get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[min(plural_index(lang, n), len(forms) - 1)]


def nformat(lang: str, singular: str, plural: str, n: int, **params: Any) -> str:
    """:func:`ngettext`, formatted with ``n`` (and ``params``)."""
    return ngettext(lang, singular, plural, n).format(n=format_number(n, lang), **params)


def format_date(day: dt.date, lang: str, format: str = "long") -> str:
    """A date in ``lang`` (``format``: ``short``, ``medium``, ``long``, ``full`` or a pattern)."""
    _check(lang)
    return str(babel_dates.format_date(day, format=format, locale=lang))


def format_number(value: Number | int | float, lang: str) -> str:
    """A number with ``lang``'s separators (ru, kk: ``1 234 567,5``)."""
    _check(lang)
    return str(babel_numbers.format_decimal(value, locale=lang))  # type: ignore[arg-type]


def format_percent(value: Number | int | float, lang: str, digits: int = 1) -> str:
    """A share as a percentage in ``lang`` (0.0715 → ``7,2 %`` in ru)."""
    _check(lang)
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return str(babel_numbers.format_percent(value, pattern, locale=lang))  # type: ignore[arg-type]
