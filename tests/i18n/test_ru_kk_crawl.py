"""The German crawl (``test_german_complete``) in Russian and Kazakh: every page and the main
commands with ``--lang ru`` / ``--lang kk`` show no id of a profile as text and no English
sentence that the language's catalogue translates (issue 19). The checks are the German test's
(ids, ``id=value``, ``id → id``, the profile's own English prose excepted); only the list of
English sentences is the language's."""

from __future__ import annotations

import re
from typing import Any

import pytest

from respublika.i18n import catalogue

from . import test_german_complete as german

LANGS = ("ru", "kk")
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def english_sentences(lang: str) -> list[str]:
    """The catalogue's English messages of two words or more that ``lang`` says otherwise."""
    table = catalogue(lang)
    return sorted({m for m, t in table.items()
                   if "{" not in m and len(m.split()) >= 2 and t.strip() != m.strip() and re.search(r"[a-z]", m)},
                  key=len, reverse=True)


ENGLISH = {lang: english_sentences(lang) for lang in LANGS}


def problems_in(lines: list[str], where: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(german, "ENGLISH", ENGLISH[lang])
    return german.problems_in(lines, where)


def test_the_checks_can_fail(monkeypatch):
    assert problems_in(["introduce B2 (initiator=deputies): new → awaiting_government"], "x", "kk", monkeypatch)
    assert problems_in(["күтілгені: Bills and other matters"], "x", "kk", monkeypatch)
    assert not problems_in(["2010 ж. 1 наурыз — Мәжіліс қабылдады [S22, A1]."], "x", "kk", monkeypatch)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", [
    ("show",), ("show", "--profile", "kz"), ("cite", "S22"), ("cite", "A4"), ("scenario", "run", str(german.EXAMPLE)),
], ids=lambda a: " ".join(a[:2]))
def test_commands_speak_the_language(respublika, monkeypatch, args, lang):
    ran = respublika(*args, "--lang", lang)
    assert ran.code in (0, 1), (args, ran.err)
    assert CYRILLIC.search(ran.out), args
    assert problems_in(ran.out.splitlines(), " ".join(args), lang, monkeypatch) == []


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    db = tmp_path_factory.mktemp("db") / "ru_kk_crawl.db"
    web = TestClient(create_app(db_url=f"sqlite:///{db}"))
    answer = web.post("/bills/act", data={"act": "introduce", "matter": "G1", "date": "2030-02-01",
                                          "p.initiator": "deputies", "p.title": "Кітапханалар"},
                      follow_redirects=False)
    assert answer.status_code in (200, 303), answer.text[:500]
    return web


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", german.PAGES)
def test_every_page_speaks_the_language(client, monkeypatch, path, lang):
    answer = client.get(path, params={"lang": lang})
    assert answer.status_code in (200, 404, 422), (path, answer.status_code)
    assert f'<html lang="{lang}"' in answer.text
    text = german.visible_text(answer.text)
    assert any(CYRILLIC.search(t) for t in text), path
    assert problems_in(text, path, lang, monkeypatch) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_scenario_run_and_a_refused_act_speak_the_language(client, monkeypatch, lang):
    scenario = client.post("/bills/scenario", params={"lang": lang}, data={"text": german.EXAMPLE.read_text("utf-8")})
    assert scenario.status_code == 200
    refused = client.post("/bills/act", params={"lang": lang},
                          data={"act": "sign", "matter": "G1", "date": "2030-02-02"})
    assert refused.status_code == 422
    problems = (problems_in(german.visible_text(scenario.text), "scenario", lang, monkeypatch)
                + problems_in(german.visible_text(refused.text), "refused", lang, monkeypatch))
    assert problems == []
