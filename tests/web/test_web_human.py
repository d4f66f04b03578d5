"""The pages as people meet them (issue 12): errors are pages in the layout and the visitor's
language, a refused act stays on its bill with the form filled in, every citation chip opens a
page, the language switch survives a form post, words instead of ids, offline API docs, and
jobs that report their progress as they go."""

from __future__ import annotations

import re
import threading
import time
from html import unescape

import pytest
from fastapi.testclient import TestClient

from respublika.app.jobs import Jobs
from respublika.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("human") / "web.db"
    return TestClient(create_app(db_url=f"sqlite:///{db}"), raise_server_exceptions=False)


def _in_layout(html: str) -> bool:
    return "<header>" in html and "<nav" in html and 'class="lang"' in html and "<main" in html


@pytest.mark.parametrize(("path", "status"), [("/no-such-page", 404), ("/bills/NO-SUCH", 404),
                                              ("/cite/NO-SUCH-SOURCE", 404), ("/parliament?start=abc", 422),
                                              ("/power?index=gini", 422), ("/profiles?dated=nope", 422)])
def test_errors_are_pages_in_the_layout_in_the_visitors_language(client, path, status):
    for lang, title in (("en", {404: "Page not found", 422: "Invalid input"}),
                        ("de", {404: "Seite nicht gefunden", 422: "Ungültige Eingabe"})):
        response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        assert response.status_code == status
        assert response.headers["content-type"].startswith("text/html")
        assert _in_layout(response.text) and f'<html lang="{lang}">' in response.text
        assert f"<h1>{title[status]}</h1>" in response.text


def test_the_api_keeps_json_errors(client):
    for path, status in (("/api/no-such", 404), ("/api/matters/NO-SUCH", 404), ("/api/parliament?start=abc", 422)):
        response = client.get(path)
        assert response.status_code == status and "detail" in response.json()


def test_a_refused_act_is_shown_on_the_bill_page_with_the_form_filled_in(client):
    app = client.app
    before = app.state.store.last_seq(app.state.world)
    response = client.post("/bills/act?lang=en", data={
        "act": "vote", "matter": "B1", "date": "1990-01-01", "vote_chambers": "x", "v.x.for": "61",
        "v.x.against": "1", "v.x.abstain": "0"})
    assert response.status_code == 422
    html = response.text
    assert _in_layout(html) and re.search(r"<h1>B1 — ", html)
    assert 'id="refusal"' in html and "nothing was written" in html
    assert app.state.store.last_seq(app.state.world) == before
    started = client.post("/bills/act?lang=en", data={"act": "introduce", "matter": "H1", "date": "2012-02-01",
                                                      "p.initiator": "government", "p.title": "On parks"},
                          follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/bills/H1?lang=en"
    page = client.get("/bills/H1?lang=en").text
    form = re.search(r'<form[^>]*data-act="vote".*?</form>', page, re.S)
    assert form, "a bill in its first chamber can be voted on"
    chamber = re.search(r'data-chamber="([^"]+)"', form[0])[1]
    refused = client.post("/bills/act?lang=de", data={
        "act": "vote", "matter": "H1", "date": "2012-01-15", "vote_chambers": chamber,
        f"v.{chamber}.for": "77", f"v.{chamber}.against": "20", f"v.{chamber}.abstain": "0"})
    assert refused.status_code == 422 and '<html lang="de">' in refused.text
    box = re.search(r'<section class="error refusal".*?</section>', refused.text, re.S)[0]
    assert "2012-01-15" in unescape(box)
    again = re.search(r'<form[^>]*class="act refused".*?</form>', refused.text, re.S)[0]
    assert f'name="v.{chamber}.for" required value="77"' in again and 'value="2012-01-15"' in again
    # the language switch of the refusal's page goes to the bill's own address, not the post's
    assert 'href="/bills/H1?lang=en"' in refused.text


def test_the_language_switch_after_any_form_post_goes_to_a_get_address(client):
    posted = client.post("/elections/seats?lang=en", data={"votes": "A,100\nB,50\n"})
    assert posted.status_code == 200
    links = re.findall(r'<a href="([^"]+)" class="[^"]*" data-lang="de"', posted.text)
    assert links and links[0].startswith("/elections?")
    assert client.get(unescape(links[0])).status_code == 200
    scenario = client.post("/bills/scenario?lang=en", data={"text": "nonsense: ["})
    links = re.findall(r'<a href="([^"]+)" class="[^"]*" data-lang="de"', scenario.text)
    assert links and client.get(unescape(links[0])).status_code == 200


def _chips(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<span class="cites">(.*?)</span>', html, re.S)
            for h in re.findall(r'href="([^"]+)"', h)]


@pytest.mark.parametrize("path", ["/", "/parliament", "/power", "/bills/B1", "/elections",
                                  "/profiles?a=seed&b=kz%402012-01-01",
                                  "/profiles?dated=kz&as_of=2000-01-01&a=kz%402026-07-01&b=seed%2Bthresholds.two_thirds.share%3D1/2",
                                  "/?profile=kz", "/parliament?profile=kz%402012-01-01", "/power?profile=majority"])
def test_every_citation_chip_opens_a_page_for_its_source(client, path):
    chips = _chips(client.get(path).text)
    assert chips, f"no citation chips on {path}"
    for href in sorted(set(chips)):
        assert href.startswith("/cite/"), href
        page = client.get(href)
        assert page.status_code == 200, (path, href, page.text[-300:])
        assert page.headers["content-type"].startswith("text/html") and _in_layout(page.text)
        assert "Rules that cite it" in page.text or "Regeln, die es zitieren" in page.text


def test_a_citation_page_says_the_source_and_what_cites_it(client):
    html = client.get("/cite/A1?lang=en").text
    assert "<h1 id=\"cite-id\">A1</h1>" in html and "Two thirds of what?" in html
    assert 'data-path="thresholds.two_thirds"' in html and "--set thresholds.two_thirds.of=members_voting" in html
    article = client.get("/cite/Law%20254-III%20(2007)?profile=kz&lang=de").text
    assert "ipu.org" in article and "Regeln, die es zitieren" in article
    # an id of another profile only: found there, and said so
    elsewhere = client.get("/cite/Law%20254-III%20(2007)?lang=en")
    assert elsewhere.status_code == 200 and "shown from" in elsewhere.text


def test_words_not_ids_on_the_bills_pages(client):
    html = client.get("/bills?lang=en").text
    assert "{'" not in html and "'vars'" not in html  # the Republic: lines of words, not a dict
    buttons = re.findall(r'<button type="submit">([^<]+)</button>', html)
    acts = re.findall(r'<form[^>]*class="act[^"]*" data-act="([^"]+)"', html)
    assert acts and len(buttons) >= len(acts)
    assert not set(acts) & {b.strip() for b in buttons}, "an act button shows the act's id"
    assert all(re.search(r'<p class="who">[^<]+</p>', f) for f in
               re.findall(r'<form[^>]*class="act.*?</form>', html, re.S))


def test_no_table_can_push_a_page_sideways(client):
    for path in ("/", "/parliament", "/elections", "/bills", "/bills/B1", "/power", "/profiles", "/simulations"):
        html = client.get(path).text
        tables = len(re.findall(r"<table\b", html))
        wrapped = len(re.findall(r'<div class="scroll" tabindex="0" role="region" aria-label="[^"]+"><table\b', html))
        assert tables == wrapped, f"{path}: {tables - wrapped} tables outside a scrolling region"
    css = client.get("/static/style.css").text
    assert "@media (max-width: 640px)" in css and ".scroll" in css and "flex-wrap: wrap" in css


def test_the_api_docs_need_no_internet(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        urls = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
        assert urls
        for url in urls:
            assert url.startswith("/") and not url.startswith("//"), url
            assert client.get(url).status_code == 200, url
        assert "cdn." not in html and "fonts.googleapis" not in html
    policy = client.get("/docs").headers["content-security-policy"]
    assert "https:" not in policy and "cdn" not in policy


def test_a_job_reports_its_progress_while_it_runs():
    jobs = Jobs()
    steps = [threading.Event() for _ in range(3)]

    def work(progress):
        for i, gate in enumerate(steps, 1):
            gate.wait(5)
            progress(i)
        return {"ok": True}

    job = jobs.start(3, work)
    seen = []
    for gate in steps:
        gate.set()
        deadline = time.monotonic() + 5
        while job.to_dict()["done"] < len(seen) + 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(job.to_dict()["done"])
    while job.to_dict()["status"] == "running":
        time.sleep(0.01)
    assert seen == [1, 2, 3] and job.to_dict()["status"] == "done"
    assert job.to_dict()["seconds"] is not None


def test_monte_carlo_simulations_report_each_run(client, monkeypatch):
    # every progress report the job makes, as well as what polling sees (runs of 3 years are
    # quick: a poll may see only the start and the end)
    jobs = client.app.state.jobs
    reported: list[int] = []
    start = jobs.start

    def recording_start(total, work):
        def recorded(progress):
            def report(done, total=None):
                reported.append(done)
                return progress(done) if total is None else progress(done, total)
            return work(report)
        return start(total, recorded)

    monkeypatch.setattr(jobs, "start", recording_start)
    job = client.post("/api/montecarlo", json={"runs": 3, "years": 3, "seed": 1})
    assert job.status_code == 200, job.text
    seen = set()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = client.get(f"/api/montecarlo/{job.json()['id']}").json()
        seen.add(state["done"])
        if state["status"] != "running":
            break
        time.sleep(0.05)
    assert state["status"] == "done" and state["total"] == 3, state
    assert set(state["result"]["totals_per_run"]) >= {"introduced", "passed"}
    assert [n for n in reported if n] == [1, 2, 3], f"progress was not reported run by run: {reported}"
    assert seen <= {0, 1, 2, 3} and 3 in seen
    assert client.post("/api/montecarlo", json={"runs": 999}).status_code == 422


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_sentence_in_russian_or_kazakh_is_marked_as_a_translation(client, lang):
    """Issue 19: the seed sentence in the reader's language, marked as a translation of the
    German original, with the original one click away."""
    from respublika.i18n.sentences import translation
    from respublika.profile import load_profile

    original = load_profile("seed").sources["S22"].text_de
    expected = translation(lang, "S22", original)
    assert expected is not None
    page = client.get("/cite/S22", params={"lang": lang}).text
    assert expected["text"] in page and f'lang="{lang}"' in page
    assert original in page and "<details open>" in page
    assert "translation-note" in page
    german = client.get("/cite/S22", params={"lang": "de"}).text
    assert "translation-note" not in german and original in german


@pytest.mark.parametrize(("lang", "article"), [("ru", "ст. 43 (2026)"), ("kk", "43-бап (2026)"),
                                               ("en", "Art. 43 (2026)"), ("de", "Art. 43 (2026)")])
def test_citation_chips_cite_articles_as_the_readers_language_does(client, lang, article):
    page = client.get("/", params={"profile": "kz", "lang": lang}).text
    chips = re.findall(r'<a href="/cite/[^>]*>([^<]*)</a>', page)
    assert article in chips, chips[:10]
    assert 'href="/cite/Art.%2043%20%282026%29' in page  # the link keeps the id


@pytest.mark.parametrize(("lang", "words"), [("ru", ["47 мандатов", "373 мандата", "5 лет"]),
                                             ("en", ["47 seats", "373 seats", "5 years"]),
                                             ("de", ["47 Sitze", "5 Jahre"])])
def test_counts_take_the_plural_form_of_the_language(client, lang, words):
    """Russian has three plural forms (1 мандат, 2 мандата, 5 мандатов): numbers on the pages
    are formatted with the catalogue's plural entries, not glued to one word."""
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(p, params={"lang": lang}).text)
                    for p in ("/", "/parliament"))
    text = re.sub(r"\s+", " ", text)
    for word in words:
        assert word in text, word
