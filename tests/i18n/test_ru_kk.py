"""Russian and Kazakh (issue 19): the catalogues are complete against the German one, plural
forms follow each language's rules, every profile label and description has ``ru`` and
``kk``, the CLI and the web speak both, and the fonts cover Kazakh's letters."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from respublika.i18n import catalogue, languages, translator
from respublika.i18n.plural import (
    format_date,
    format_number,
    nformat,
    ngettext,
    plural_category,
    plural_index,
)
from respublika.profile import load_profile
from respublika.profile.loader import shipped_profiles
from respublika.render.labels import has_label

from .test_labels_complete import every_version, visible_ids

LANGS = ("ru", "kk")
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
CYRILLIC = re.compile("[А-Яа-яЁё" + KAZAKH + "]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
LOCALE = Path(__file__).resolve().parents[2] / "src" / "respublika" / "i18n" / "locale"
PROFILES = Path(__file__).resolve().parents[2] / "src" / "respublika" / "profiles"


def _po(lang: str) -> Any:
    with (LOCALE / lang / "LC_MESSAGES" / "respublika.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _key(message: Any) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def _strings(message: Any) -> list[str]:
    return [str(s) for s in message.string] if isinstance(message.string, tuple) else [str(message.string)]


# ---------------------------------------------------------------------------- catalogues

def test_both_languages_are_found_from_their_catalogues():
    assert {"ru", "kk"} <= set(languages())


@pytest.mark.parametrize("lang", LANGS)
def test_every_german_message_has_a_translation(lang):
    have = {_key(m): m for m in _po(lang) if m.id}
    missing = [_key(m) for m in _po("de") if m.id and (_key(m) not in have or not all(_strings(have[_key(m)])))]
    assert missing == [], f"run: python scripts/i18n_missing.py {lang} --po"


@pytest.mark.parametrize("lang", LANGS)
def test_no_entry_is_fuzzy_and_placeholders_are_kept(lang):
    wrong = []
    for m in _po(lang):
        if not m.id:
            continue
        assert not m.fuzzy, f"{_key(m)!r} is fuzzy: catalogue() would skip it (mark drafts '#. machine')"
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set(PLACEHOLDER.findall(str(ids[-1])))
        wrong += [(_key(m), s) for s in _strings(m) if set(PLACEHOLDER.findall(s)) != wanted]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_machine_made_entries_are_marked_and_still_used(lang):
    marked = [m for m in _po(lang) if m.id and "machine" in m.auto_comments]
    assert marked, "the first drafts carry '#. machine' (docs/translating.md)"
    simple = next(m for m in marked if not m.pluralizable)
    assert catalogue(lang)[str(simple.id)] == simple.string
    assert CYRILLIC.search(translator(lang)("Parliament"))


def test_official_names_from_the_glossary():
    ru, kk = translator("ru"), translator("kk")
    assert ru("Bills") == "Законопроекты" and kk("Bills") == "Заң жобалары"
    assert kk("Parliament") == "Парламент" and kk("Republic of Kazakhstan") == "Қазақстан Республикасы"
    seed = load_profile("seed")
    assert seed.labels["kk"].institutions["mazhilis"] == "Мәжіліс"
    assert seed.labels["ru"].institutions["mazhilis"] == "Мажилис"
    assert seed.labels["kk"].institutions["assembly"] == "Қазақстан халқы Ассамблеясы"
    assert seed.labels["ru"].institutions["assembly"] == "Ассамблея народа Казахстана"
    kz = load_profile("kz")
    assert kz.labels["kk"].institutions["constitutional_court"] == "Конституциялық Сот"
    assert kz.labels["ru"].institutions["constitutional_court"] == "Конституционный Суд"
    assert kz.labels["kk"].institutions["kurultai"] == "Құрылтай"
    assert kz.labels["ru"].institutions["kurultai"] == "Курултай"
    for name in ("glossary.ru.md", "glossary.kk.md", "translating.md"):
        assert (PROFILES.parents[2] / "docs" / name).is_file()


# -------------------------------------------------------------------------------- plurals

DEPUTIES = {
    "ru": {1: "1 депутат", 2: "2 депутата", 5: "5 депутатов", 21: "21 депутат", 22: "22 депутата",
           11: "11 депутатов", 12: "12 депутатов", 111: "111 депутатов", 0: "0 депутатов"},
    "kk": {1: "1 депутат", 2: "2 депутат", 5: "5 депутат", 21: "21 депутат", 22: "22 депутат"},
    "de": {1: "1 Abgeordneter", 2: "2 Abgeordnete", 21: "21 Abgeordnete"},
    "en": {1: "1 deputy", 2: "2 deputies", 21: "21 deputies"},
}


@pytest.mark.parametrize("lang", sorted(DEPUTIES))
def test_plural_forms_of_deputies(lang):
    got = {n: nformat(lang, "{n} deputy", "{n} deputies", n) for n in DEPUTIES[lang]}
    assert got == DEPUTIES[lang]


def test_plural_headers_have_three_russian_and_two_kazakh_forms():
    assert _po("ru").num_plurals == 3
    assert _po("kk").num_plurals == 2
    assert [m for m in _po("ru") if m.pluralizable and len(m.string) != 3] == []
    assert [m for m in _po("kk") if m.pluralizable and len(m.string) != 2] == []


def test_the_catalogue_rule_agrees_with_babel():
    order = {"ru": ["one", "few", "many"], "kk": ["one", "other"], "de": ["one", "other"]}
    for lang, categories in order.items():
        for n in range(0, 250):
            assert categories[plural_index(lang, n)] == plural_category(lang, n), (lang, n)
    assert [plural_category("ru", n) for n in (1, 2, 5, 21, 22)] == ["one", "few", "many", "one", "few"]


def test_a_plural_message_the_catalogue_lacks_falls_back_to_english():
    assert ngettext("ru", "{n} apple", "{n} apples", 1) == "{n} apple"
    assert ngettext("ru", "{n} apple", "{n} apples", 3) == "{n} apples"
    assert "{n} deputy" not in catalogue("ru")  # plural entries stay out of the simple table


def test_dates_and_numbers_from_babel():
    from datetime import date

    assert format_date(date(2010, 3, 1), "ru").replace("\u202f", " ") == "1 марта 2010 г."
    assert "наурыз" in format_date(date(2010, 3, 1), "kk")
    assert format_number(1234567, "ru").replace("\xa0", " ") == "1 234 567"
    assert nformat("ru", "{n} seat", "{n} seats", 1234).replace("\xa0", " ") == "1 234 мандата"


# ------------------------------------------------------------------------ profile labels

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", shipped_profiles())
def test_every_visible_id_of_a_shipped_profile_has_a_label(name, lang):
    missing = []
    for version in every_version(name):
        ids = visible_ids(version)
        ids["units"] = set(version.units)
        for kind, found in ids.items():
            missing += [f"{version.version or name}: {kind}.{i}" for i in sorted(found)
                        if not has_label(version, kind, i, lang)]
    assert sorted(set(missing)) == []


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every ``{en = ..., de = ...}`` table of a profile file, with where it is."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()):
            yield path, node
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")


def test_every_seed_description_in_german_is_in_russian_and_kazakh_too():
    data = tomllib.loads((PROFILES / "seed.toml").read_text(encoding="utf-8"))
    texts = list(_texts(data))
    assert len(texts) > 50
    lacking = [path for path, text in texts if "de" in text and not (text.get("ru") and text.get("kk"))]
    assert lacking == []


def test_a_missing_kazakh_label_is_caught():
    bare = load_profile("seed", overrides={"labels.kk.states": {}})
    assert not has_label(bare, "states", "awaiting_government", "kk")


# ------------------------------------------------------------------------------------ CLI

@pytest.mark.parametrize("lang", LANGS)
def test_show_speaks_the_language(respublika, lang):
    ran = respublika("show", "--lang", lang)
    assert ran.code == 0, ran.err
    assert CYRILLIC.search(ran.out)
    if lang == "kk":
        assert set(ran.out) & set(KAZAKH), "Kazakh letters in the Kazakh text"


@pytest.mark.parametrize("lang", LANGS)
def test_cite_speaks_the_language(respublika, lang):
    ran = respublika("cite", "S22", "--lang", lang)
    assert ran.code == 0, ran.err
    assert CYRILLIC.search(ran.out)


# ------------------------------------------------------------------------------------ web
# Every page in ru and kk without ids or untranslated English: test_ru_kk_crawl.py.

@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    db = tmp_path_factory.mktemp("db") / "ru_kk.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}"))


def test_the_switcher_reads_kaz_rus_en_de(client):
    answer = client.get("/", params={"lang": "kk"})
    switcher = answer.text.split('class="lang"', 1)[1].split("</div>", 1)[0]
    labels = re.findall(r'data-lang="([a-z]+)"[^>]*>([^<]+)<', switcher)
    assert labels[:4] == [("kk", "ҚАЗ"), ("ru", "РУС"), ("en", "EN"), ("de", "DE")]
    assert 'class="active" data-lang="kk"' in switcher


# ---------------------------------------------------------------------------------- fonts

def test_the_plot_font_covers_kazakh_and_russian_letters():
    from respublika.render.fonts import FONT_STACK, KAZAKH_LETTERS, RUSSIAN_LETTERS, missing_glyphs

    assert set(KAZAKH_LETTERS) == set(KAZAKH)
    assert missing_glyphs(KAZAKH_LETTERS + RUSSIAN_LETTERS + "äöüÄÖÜß«»„“–—") == []
    assert missing_glyphs("\ue000") == ["\ue000"]  # the check can fail
    assert FONT_STACK.startswith('"DejaVu Sans"') and FONT_STACK.endswith("sans-serif")


def test_every_catalogue_string_can_be_drawn():
    from respublika.render.fonts import missing_glyphs

    for lang in LANGS:
        text = "".join(s for m in _po(lang) if m.id for s in _strings(m))
        assert missing_glyphs(text) == [], lang
    assert resources.files("respublika.render").joinpath("fonts.py").is_file()


# -------------------------------------------------------------------- seed sentences

@pytest.mark.parametrize("lang", LANGS)
def test_every_seed_sentence_is_translated_from_the_german_original(lang):
    from respublika.i18n.sentences import translated, translation

    seed = load_profile("seed")
    sentences = sorted(s for s in seed.sources if re.fullmatch(r"S\d\d", s))
    assert len(sentences) == 27 and translated(lang) == sentences
    for sid in sentences:
        found = translation(lang, sid, seed.sources[sid].text_de)
        assert found is not None and found["translated_from"] == "de" and CYRILLIC.search(found["text"]), sid
    assert translation(lang, "S22", "a rewritten sentence") is None  # no stale translation
    assert translation("en", "S22", seed.sources["S22"].text_de) is None


def _descriptions(profile: Any) -> set[str]:
    """The English of every description a page may show (thresholds, durations, acts and their
    parameters, states, deadlines, rules, game paths)."""
    texts: list[dict[str, str]] = []
    texts += [t.description for t in profile.thresholds.values()]
    texts += [d.description for d in profile.durations.values()]
    for act in profile.procedure.acts.values():
        texts += [act.description, *(p.description for p in act.params.values() if p.description)]
    for matter in profile.procedure.matters.values():
        for state in matter.states.values():
            texts.append(state.description)
            if state.deadline is not None:
                texts.append(state.deadline.description)
        texts += [r.description for r in matter.rules if getattr(r, "description", None)]
    for game in profile.games.values():
        texts += [p.description for p in game.paths if p.description]
    return {t["en"] for t in texts if t and t.get("en") and not (t.get("ru") and t.get("kk"))}


@pytest.mark.parametrize("lang", LANGS)
def test_every_kz_description_reads_in_the_language(lang):
    from respublika.i18n import pick

    english = set().union(*(_descriptions(v) for v in every_version("kz")))
    assert len(english) > 100
    untranslated = sorted(e for e in english if pick({"en": e}, lang) == e)
    assert untranslated == []
    assert pick({"en": "a majority of the total number of deputies"}, lang) != "a majority of the total number of deputies"
    assert pick({"en": "no such text"}, lang) == "no such text"


def test_the_diagrams_name_a_font_that_covers_kazakh():
    from respublika.render.fonts import SVG_FONT_FAMILY
    from respublika.render.structure import structure_svg

    svg = structure_svg(load_profile("seed"), translator("kk"), "kk")
    assert f'font-family="{SVG_FONT_FAMILY}"' in svg and "DejaVu Sans" in SVG_FONT_FAMILY
    assert "Мәжіліс" in svg and set(svg) >= set("әқұң")
