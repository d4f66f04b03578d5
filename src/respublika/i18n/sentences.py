"""The specification's sentences (S01-S27) in the reader's language, marked as translations of
the German original.

The original is German (``seed.de.txt``); a profile's ``[sources.Sxx]`` keeps it as
``text_de`` beside an English rendering. Other languages translate the German sentence in
``locale/<lang>/sentences.toml``; each entry names the ``original`` it translates, and a
translation is given only while the profile's ``text_de`` is still that original (a derived
profile that rewrites a sentence gets none, rather than a stale one)::

    translation("kk", "S22", profile.sources["S22"].text_de)
    # {"id": "S22", "lang": "kk", "text": "Заң жобалары алдымен ...", "translated_from": "de",
    #  "original": "Gesetzesvorschläge werden ...", "machine": True}
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from respublika.i18n import SOURCE_LANGUAGE


@cache
def _table(lang: str) -> dict[str, Any]:
    if lang == SOURCE_LANGUAGE:
        return {}
    path = resources.files("respublika.i18n").joinpath(f"locale/{lang}/sentences.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def translation(lang: str, source_id: str, original: str) -> dict[str, Any] | None:
    """The sentence ``source_id`` in ``lang``, if that language translates this ``original``."""
    table = _table(lang)
    entry = table.get(source_id)
    if not isinstance(entry, dict) or entry.get("original") != original or not entry.get("text"):
        return None
    return {"id": source_id, "lang": lang, "text": str(entry["text"]),
            "translated_from": str(table.get("translated_from", "de")), "original": original,
            "machine": bool(entry.get("machine", False))}


def translated(lang: str) -> list[str]:
    """The sentence ids ``lang`` translates."""
    return sorted(k for k, v in _table(lang).items() if isinstance(v, dict))
