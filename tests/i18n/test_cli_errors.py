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


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_cite_shows_the_sentence_in_the_readers_language_as_a_translation(respublika, lang):
    """Issue 19: ``cite S22 --lang ru|kk`` gives the sentence in that language first, marked as a
    translation of the German original, which follows."""
    from respublika.i18n import translator
    from respublika.i18n.sentences import translation
    from respublika.profile import load_profile

    original = load_profile("seed").sources["S22"].text_de
    expected = translation(lang, "S22", original)
    assert expected is not None
    ran = respublika("cite", "S22", "--lang", lang)
    text = " ".join(ran.out.split())
    assert ran.code == 0 and " ".join(expected["text"].split()) in text
    assert translator(lang)("Translation of the German original") in text
    assert text.index(f"{lang}:") < text.index("de:")
