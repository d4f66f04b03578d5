"""The official Russian wording beside the English (issue 16, "Sources"): where an article was
read in the Russian text, the profile carries it (`text_ru`), `respublika cite` prints it (first
for a Russian reader) with the links to the official Russian and Kazakh texts, and the
`/cite` page shows it: in Russian as the text itself, in other languages one click away."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from respublika.cli.main import app as cli
from respublika.profile import load_profile
from respublika.web.app import create_app

READ_IN_RUSSIAN = ("Art. 44(20)", "Art. 53(4)-(5)", "Art. 55(2)", "Art. 46(21) (2026)", "Security Council law (2018)")


def test_the_articles_read_in_russian_carry_their_wording():
    profile = load_profile("kz")
    for sid in READ_IN_RUSSIAN:
        source = profile.sources[sid]
        assert re.search("[а-яА-Я]{4}", source.text_ru), sid
        assert source.url_ru.startswith("https://adilet.zan.kz/rus/"), sid
        assert "[T]" in source.asks or "[S2]" in source.asks, sid


def test_cite_prints_the_russian_text_first_for_a_russian_reader():
    ru = CliRunner().invoke(cli, ["cite", "Art. 55(2)", "--profile", "kz", "--lang", "ru"])
    assert ru.exit_code == 0, ru.output
    lines = [line.strip() for line in ru.output.splitlines()]
    first_ru = next(i for i, line in enumerate(lines) if line.startswith("ru:"))
    first_en = next(i for i, line in enumerate(lines) if line.startswith("en:"))
    assert first_ru < first_en and "дача согласия" in lines[first_ru]
    assert "официальный текст на русском языке" in ru.output
    assert "https://adilet.zan.kz/rus/docs/K950001000_" in ru.output
    en = CliRunner().invoke(cli, ["cite", "Art. 55(2)", "--profile", "kz"])
    assert en.exit_code == 0 and "the official Russian text" in en.output
    lines = [line.strip() for line in en.output.splitlines()]
    assert next(i for i, x in enumerate(lines) if x.startswith("en:")) < next(
        i for i, x in enumerate(lines) if x.startswith("ru:"))
    assert "Official Kazakh text: https://adilet.zan.kz/kaz/docs/K950001000_" in en.output


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "cite.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}"))


def test_the_cite_page_shows_the_official_russian_text(client):
    ru = client.get("/cite/Art. 53(4)-(5)", params={"profile": "kz", "lang": "ru"})
    assert ru.status_code == 200
    assert re.search(r'<blockquote class="source official-ru" lang="ru">[^<]*решает вопросы войны и мира', ru.text)
    assert 'hreflang="ru"' in ru.text and 'hreflang="kk"' in ru.text
    en = client.get("/cite/Art. 53(4)-(5)", params={"profile": "kz", "lang": "en"})
    assert en.status_code == 200
    assert '<blockquote class="source" lang="en">Parliament at a joint session' in en.text
    assert 'class="official-ru"' in en.text and "the official Russian text" in en.text
    data = client.get("/api/cite/Art. 53(4)-(5)", params={"profile": "kz"}).json()
    assert "войны и мира" in data["text_ru"] and data["url_kk"].startswith("https://adilet.zan.kz/kaz/")
