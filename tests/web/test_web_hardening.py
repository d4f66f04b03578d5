"""Issue 13: nothing a visitor sends breaks a world, a job or the server. Each finding is
reproduced here and answered with a 4xx and a clear message; nothing is stored."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from respublika.store import Store
from respublika.web.app import create_app


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture()
def client(db):
    return TestClient(create_app(db_url=db))


def act(client, **body):
    return client.post("/api/acts", json=body)


# ------------------------------------------------------------------ 1. dates within sense


def test_a_far_future_date_is_refused_and_the_world_lives_on(client, db):
    before = Store(db).steps("web")
    far = act(client, date="9999-12-31", act="introduce", matter="FAR", params={"initiator": "deputies"})
    assert far.status_code == 422 and "latest date allowed" in far.json()["detail"]
    form = client.post("/bills/act", data={"act": "introduce", "matter": "FAR", "date": "9999-12-31",
                                            "p.initiator": "deputies", "vote_chambers": ""})
    assert form.status_code == 422 and "latest date allowed" in form.text
    assert Store(db).steps("web") == before
    assert client.get("/bills/FAR").status_code == 404
    ok = act(client, date="2012-03-01", act="introduce", matter="B10", params={"initiator": "deputies"})
    assert ok.status_code == 200, ok.text
    assert client.get("/bills/B10").status_code == 200


def test_the_latest_allowed_date_breaks_no_page(client):
    last = "2110-02-01"  # the examples start on 2010-02-01: the horizon ends 100 years later
    ok = act(client, date=last, act="introduce", matter="LATE", params={"initiator": "deputies"})
    assert ok.status_code == 200, ok.text
    assert client.get("/bills/LATE").status_code == 200
    assert client.get("/bills").status_code == 200
    vote = act(client, date=last, act="vote", matter="LATE", params={"chamber": "mazhilis", "for": 80, "against": 27})
    assert vote.status_code == 200, vote.text
    assert client.get("/api/matters/LATE").status_code == 200


def test_the_horizon_is_the_operators(db):
    client = TestClient(create_app(db_url=db, horizon=1))
    far = act(client, date="2014-01-01", act="introduce", matter="B10", params={"initiator": "deputies"})
    assert far.status_code == 422 and "more than 1 years" in far.json()["detail"]


def test_a_scenario_with_a_far_date_is_refused(client):
    text = "profile: seed\nsteps:\n  - {date: 2012-01-01, act: introduce, bill: B1, initiator: deputies}\n" \
           "  - {date: 9999-12-31, act: introduce, bill: B2, initiator: deputies}\n"
    response = client.post("/api/scenarios/run", json={"scenario": text})
    assert response.status_code == 422 and "more than 100 years" in response.json()["detail"]


# ------------------------------------------------------------------ 2. worlds can be recovered


def test_fork_through_the_api_needs_the_token_and_recovers_a_world(db):
    client = TestClient(create_app(db_url=db, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    steps = len(Store(db).steps("web"))
    assert client.post("/api/worlds/fork", json={"new": "web2", "at": 1}).status_code == 403
    bad = client.post("/api/worlds/fork", json={"new": "web2", "at": steps + 1}, headers=auth)
    assert bad.status_code == 422 and f"no step {steps + 1}" in bad.json()["detail"]
    assert client.post("/api/worlds/fork", json={"new": "a/b", "at": 1}, headers=auth).status_code == 422
    unknown = client.post("/api/worlds/fork", json={"world": "nope", "new": "x", "at": 0}, headers=auth)
    assert unknown.status_code == 404
    done = client.post("/api/worlds/fork", json={"new": "web2", "at": 1, "switch": True}, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["steps"] == 1 and done.json()["serving"] == "web2"
    assert len(client.get("/api/matters").json()["matters"]) == 1
    assert client.get("/api/worlds").json()["serving"] == "web2"
    assert len(Store(db).steps("web")) == steps


def test_fork_on_the_bill_page(client, db):
    page = client.get("/bills/B1").text
    assert 'action="/bills/fork?lang=en"' in page
    steps = len(Store(db).steps("web"))
    done = client.post("/bills/fork", data={"new": "before", "at": "2", "switch": "on", "matter": "B1"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/bills/B1"
    assert len(Store(db).steps("before")) == 2 and len(Store(db).steps("web")) == steps
    assert client.get("/bills/PM1").status_code == 404  # not in the fork's first two steps
    bad = client.post("/bills/fork", data={"new": "before", "at": "1"})
    assert bad.status_code == 422 and "exists already" in bad.text


# ------------------------------------------------------------------ 3. jobs, validated first


@pytest.mark.parametrize("form, message", [
    ({"draws": "abc"}, "draws: expected a whole number"),
    ({"draws": "1e3"}, "draws: expected a whole number"),
    ({"seed": "-1"}, "seed"),
    ({"draws": "9" * 5000}, "draws: expected a whole number"),
    ({"concentration": "nan"}, "concentration"),
])
def test_the_forecast_form_without_javascript_refuses_bad_numbers(client, form, message):
    response = client.post("/elections/forecast", data={"shares": "A=0.5,B=0.3", "draws": "100", **form})
    assert response.status_code == 422 and message in response.text


def test_a_forecast_with_a_bad_seed_is_refused_before_it_starts(client):
    response = client.post("/api/forecasts", json={"shares": "A=0.5", "draws": 100, "seed": -1})
    assert response.status_code == 422
    jobs = client.app.state.jobs
    assert len(jobs) == 0


# ------------------------------------------------------------------ 4. limits


def test_a_body_over_the_limit_is_refused_with_413(db):
    client = TestClient(create_app(db_url=db, max_body=10_000))
    big = {"date": "2012-03-01", "act": "introduce", "matter": "B10", "params": {"title": "x" * 20_000}}
    response = client.post("/api/acts", json=big)
    assert response.status_code == 413 and "larger than 10,000 bytes" in response.json()["detail"]
    chunked = client.post("/api/acts", content=iter([b"{" + b" " * 6000, b" " * 6000 + b"}"]),
                          headers={"content-type": "application/json"})
    assert chunked.status_code == 413
    page = client.post("/bills/act", data={"p.title": "x" * 20_000})
    assert page.status_code == 413 and "larger than" in page.text
    assert TestClient(create_app(db_url=db)).app.state.max_body == 1_000_000


def test_a_long_title_is_refused_and_nothing_stored(client, db):
    before = Store(db).steps("web")
    response = act(client, date="2012-03-01", act="introduce", matter="B10",
                   params={"initiator": "deputies", "title": "x" * 301})
    assert response.status_code == 422 and "at most 300 characters" in response.json()["detail"]
    form = client.post("/bills/act", data={"act": "introduce", "matter": "B10", "date": "2012-03-01",
                                            "p.initiator": "deputies", "p.title": "y" * 301, "vote_chambers": ""})
    assert form.status_code == 422 and "at most 300 characters" in form.text
    assert Store(db).steps("web") == before
    ok = act(client, date="2012-03-01", act="introduce", matter="B10", params={"initiator": "deputies", "title": "x" * 300})
    assert ok.status_code == 200


@pytest.mark.parametrize("bad", ["x/y z", "../../etc/passwd", "B\u202e1", "a" * 41, "a" * 5000, "-B"])
def test_bill_ids_are_checked_on_the_server(client, db, bad):
    before = Store(db).steps("web")
    response = act(client, date="2012-03-01", act="introduce", matter=bad, params={"initiator": "deputies"})
    assert response.status_code == 422
    form = client.post("/bills/act", data={"act": "introduce", "matter": bad, "date": "2012-03-01",
                                            "p.initiator": "deputies", "vote_chambers": ""})
    assert form.status_code == 422 and "is not an id" in form.text
    assert Store(db).steps("web") == before


def test_the_id_fields_pattern_is_a_valid_regex(client):
    import re

    html = client.get("/bills").text
    pattern = re.search(r'name="matter" required pattern="([^"]+)"', html).group(1)
    compiled = re.compile(f"^(?:{pattern})$")
    assert compiled.match("B10") and compiled.match("law-2012.3")
    assert not compiled.match("x/y z") and not compiled.match("a" * 41)


@pytest.mark.parametrize("votes", ["A," + "9" * 5000 + "\nB,1\n", '{"A": ' + "9" * 5000 + ', "B": 1}'])
def test_seats_with_a_count_too_long_is_refused(client, votes):
    response = client.post("/api/seats", json={"votes": votes})
    assert response.status_code == 422 and "more than 18 digits" in response.json()["detail"]
    page = client.post("/elections/seats", data={"votes": votes})
    assert page.status_code == 422 and "more than 18 digits" in page.text


def test_seats_with_a_threshold_too_long_is_refused(client):
    response = client.post("/api/seats", json={"votes": {"A": 10, "B": 5}, "threshold": "9" * 5000})
    assert response.status_code == 422
    page = client.post("/elections/seats", data={"votes": "A,10\nB,5\n", "threshold": "1/" + "9" * 5000})
    assert page.status_code == 422 and "too long" in page.text
    huge = client.post("/api/seats", json={"votes": {"A": 10**16, "B": 5}})
    assert huge.status_code == 422


# ------------------------------------------------------------------ 5. CSRF and security headers

INTRODUCE = {"act": "introduce", "matter": "X1", "date": "2012-03-01", "p.initiator": "deputies",
             "vote_chambers": ""}


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page.html"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://testserver.evil.example"},
])
@pytest.mark.parametrize("token", [None, "s3cret"])
def test_a_form_from_another_site_changes_nothing(db, headers, token):
    client = TestClient(create_app(db_url=db, token=token))
    before = Store(db).steps("web")
    form = {**INTRODUCE, **({"token": token} if token else {})}
    response = client.post("/bills/act", data=form, headers=headers, follow_redirects=False)
    assert response.status_code == 403 and "refused" in response.text
    fork = client.post("/bills/fork", data={"new": "evil", "at": "1"}, headers=headers)
    assert fork.status_code == 403
    api = client.post("/api/acts", json={"date": "2012-03-01", "act": "introduce", "matter": "X1",
                                         "params": {"initiator": "deputies"}},
                      headers={**headers, **({"Authorization": f"Bearer {token}"} if token else {})})
    assert api.status_code == 403 and "refused" in api.json()["detail"]
    assert Store(db).steps("web") == before


def test_a_form_from_this_site_is_accepted(client):
    same = {"Origin": "http://testserver", "Referer": "http://testserver/bills", "Sec-Fetch-Site": "same-origin"}
    response = client.post("/bills/act", data=INTRODUCE, headers=same, follow_redirects=False)
    assert response.status_code == 303
    response = client.post("/bills/act", data={**INTRODUCE, "matter": "X2"},
                           headers={"Referer": "http://testserver/bills"}, follow_redirects=False)
    assert response.status_code == 303


def test_an_operator_may_allow_a_proxys_origin(db):
    client = TestClient(create_app(db_url=db, origins=["https://school.example"]))
    response = client.post("/bills/act", data=INTRODUCE, headers={"Origin": "https://school.example"},
                           follow_redirects=False)
    assert response.status_code == 303


@pytest.mark.parametrize("path", ["/", "/bills", "/bills/B1", "/elections", "/api/matters", "/static/style.css",
                                  "/openapi.json", "/nope", "/bills/NOPE"])
def test_security_headers_on_every_answer(client, path):
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp.split(";")[1]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


def test_the_docs_page_allows_only_its_own_inline_script(client):
    response = client.get("/docs")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and response.headers["x-content-type-options"] == "nosniff"


def test_no_template_has_an_inline_script_or_handler():
    import re
    from pathlib import Path

    import respublika.web

    for path in Path(respublika.web.__file__).parent.glob("templates/*.html"):
        text = path.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
        assert "javascript:" not in text, path.name


# ------------------------------------------------------------------ 7. cached reads with ETags


def test_answers_carry_etags_and_a_match_is_304(client):
    first = client.get("/api/profile")
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get("/api/profile", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and again.content == b""
    other = client.get("/api/profile", params={"profile": "majority"})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert client.get("/", headers={"If-None-Match": client.get("/").headers["etag"]}).status_code == 304


def test_a_write_moves_the_cached_world(client):
    before = client.get("/api/matters").json()
    page = client.get("/bills")
    ok = act(client, date="2012-03-01", act="introduce", matter="C1", params={"initiator": "deputies"})
    assert ok.status_code == 200
    after = client.get("/api/matters").json()
    assert len(after["matters"]) == len(before["matters"]) + 1
    fresh = client.get("/bills", headers={"If-None-Match": page.headers["etag"]})
    assert fresh.status_code == 200 and "C1" in fresh.text


def test_the_language_is_part_of_the_key(client):
    client.cookies.set("lang", "de")
    german = client.get("/parliament").text
    client.cookies.set("lang", "en")
    english = client.get("/parliament").text
    assert german != english and 'lang="de"' in german and 'lang="en"' in english


def test_errors_are_not_cached(client):
    assert client.get("/bills/C9").status_code == 404
    assert act(client, date="2012-03-01", act="introduce", matter="C9", params={"initiator": "deputies"}).status_code == 200
    assert client.get("/bills/C9").status_code == 200


def test_a_profile_name_never_reaches_a_file(tmp_path, monkeypatch):
    """A directory named ``seed@`` in the server's working directory does not open a way to
    read files: the name before the last ``@`` must be a shipped profile's."""
    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    (tmp_path / "seed@").mkdir()
    monkeypatch.chdir(tmp_path)
    client = TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'w.db'}", examples=False))
    for ref in ("seed@/../../../../etc/passwd@2012-01-01", "seed@/../../../../etc/passwd", "/etc/passwd",
                "../seed.toml"):
        for route, params in (("/api/profiles", {"a": ref, "b": "seed"}), ("/api/profile", {"profile": ref}),
                              ("/api/power", {"profile": ref})):
            response = client.get(route, params=params)
            assert response.status_code in (404, 422), (route, ref, response.status_code)
            assert "root:" not in response.text


def test_twenty_first_visits_at_once_on_a_fresh_database(tmp_path):
    """The schema is made when the app starts, so concurrent first visits find it there
    (14 of 20 answered 500, 'database is locked', when tables were made inside requests)."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    client = TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'fresh.db'}", examples=False))
    paths = ["/simulations", "/api/simulations", "/bills", "/api/matters"] * 5
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert statuses == [200] * 20
