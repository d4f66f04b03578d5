"""A command's error line in the reader's language (issue 12): the CLI renders an error raised
with a template (``RespublikaError.of``) through the catalogue of ``--lang``."""

from __future__ import annotations

import pytest

CASES = {
    "de": ("Fehler:", "unbekannte Initiatoren 'x'"),
    "ru": ("ошибка:", "неизвестные инициаторы 'x'"),
    "kk": ("қате:", "белгісіз бастамашылар 'x'"),
    "en": ("error:", "unknown initiator(s) 'x'"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_an_error_line_speaks_the_language_asked_for(respublika, lang):
    head, words = CASES[lang]
    ran = respublika("simulate", "--years", "1", "--lang", lang, "--param", 'initiators={"x": 1}')
    assert ran.code == 2
    assert head in ran.err and words in ran.err, ran.err


def test_an_unknown_language_leaves_the_error_in_english(respublika):
    ran = respublika("simulate", "--years", "1", "--lang=xx", "--param", 'initiators={"x": 1}')
    assert ran.code == 2 and "error:" in ran.err
