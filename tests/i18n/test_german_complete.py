"""German complete: every page and the main commands with ``--lang de`` show no id of a profile
as text and no English sentence of the catalogue, and the catalogue has no empty message.

What counts as "an id shown as text": any id of a shipped profile (institutions, seat kinds,
elections, thresholds, durations, acts, parameters, kinds of matter, states, variables, rules,
outcomes, games, at every version) that contains an underscore, found as a whole word in the
text a person reads (outside scripts, styles, code, attributes and URLs), or any id written
``id=value`` or ``id → id``. Single-word ids (``senate``, ``vote``) are English words the
profile's English-only prose may use; the ``id=`` and arrow patterns catch them as ids.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from respublika.i18n import catalogue
from respublika.profile.loader import shipped_profiles

from .test_labels_complete import profile_ids

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "respublika" / "data" / "examples" / "01-law.yaml"
VOTES = Path(__file__).with_name("data") / "mazhilis-votes.csv"  # made-up figures, five lists
LANG = "de"


def all_ids() -> set[str]:
    ids: set[str] = set()
    for name in shipped_profiles():
        for found in profile_ids(name).values():
            ids |= found
    return ids


def alternative_ids() -> set[str]:
    from respublika.profile import load_profile

    return {alt.id for name in shipped_profiles() for a in load_profile(name).assumptions.values()
            for alt in a.alternatives}


IDS = all_ids()
ALTERNATIVES = alternative_ids()
"""Assumption alternatives are still named by their ids (``senate_silence`` is one, and a deadline
event too): excluded here until they get labels."""
UNDERSCORED = {i for i in IDS if "_" in i} - ALTERNATIVES
WORD = re.compile(r"(?<![\w./#?=&-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w/=-])")
ASSIGN = re.compile(r"(?<![\w-])([a-z][a-z0-9_]*)=\S")
ARROW = re.compile(r"\b([a-z][a-z0-9_]*) → ([a-z][a-z0-9_]*)\b")


def english_sentences() -> list[str]:
    """The catalogue's English messages of two words or more that German says otherwise
    (without placeholders: those are filled in)."""
    german = catalogue(LANG)
    return sorted({m for m, t in german.items()
                   if "{" not in m and len(m.split()) >= 2 and t.strip() != m.strip() and re.search(r"[a-z]", m)},
                  key=len, reverse=True)


def english_fragments() -> list[str]:
    """The fixed words of the catalogue's templates (``Threshold base = {listed} list votes.``:
    "list votes."), three words or more, that the German template does not contain: a template
    shown untranslated leaves them in the text."""
    german = catalogue(LANG)
    found: set[str] = set()
    for message, translated in german.items():
        if "{" not in message or translated.strip() == message.strip():
            continue
        for piece in re.split(r"\{[^}]*\}", message):
            piece = piece.strip(" .,:;()[]")
            if len(piece.split()) >= 3 and re.search(r"[a-z]", piece) and piece not in translated:
                found.add(piece)
    return sorted(found, key=len, reverse=True)


ENGLISH = sorted({*english_sentences(), *english_fragments()}, key=len, reverse=True)

PROSE_KEYS = {"text_en", "en", "description", "question", "default", "reason", "note", "title", "summary", "asks",
              "name", "message", "form", "responsibilities", "act"}


def english_prose(translated: bool = True) -> list[str]:
    """The profiles' own English texts (sentences, assumptions, descriptions that have no German):
    shown as they are, they are content to translate in the profile, not catalogue messages.
    ``translated=False`` leaves out the assumptions' texts that have their German (``words.de``):
    the commands and the pages show those in German (see CLI_PROSE)."""
    from respublika.profile import load_raw

    found: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            if "de" in node and "en" in node and key == "description":
                return  # translated: its German is shown
            german = (node.get("words") or {}).get(LANG) if isinstance(node.get("words"), dict) else None
            for k, v in node.items():
                if k == "words" and german is not None:
                    continue  # the German itself
                if german and not translated and k in german:
                    continue  # an assumption's text with its German (words.de): shown in German
                if german and not translated and k == "alternatives" and isinstance(v, list):
                    v = [alt for alt in v if not (isinstance(alt, dict) and alt.get("id") in german.get("alternatives", {}))]
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in PROSE_KEYS and len(node) > 3:
            found.add(" ".join(node.split()))

    for name in shipped_profiles():
        walk(load_raw(name))
    return sorted(found)


PROSE = english_prose()
CLI_PROSE = english_prose(translated=False)
TRANSLATED = sorted(p for p in set(PROSE) - set(CLI_PROSE) if len(p) >= 20)
"""The commands (``cite``, ``show``) put an assumption's question, default, reason, note and
alternatives in German where the profile has them, and so do the pages /profiles and /cite."""


LONG_PROSE = [p for p in PROSE if len(p) >= 12]


def without_prose(line: str, prose: list[str] | None = None) -> str:
    """``line`` without the profile's English texts it quotes (a title in the footer)."""
    text = " ".join(line.split())
    for p in (LONG_PROSE if prose is None else [p for p in prose if len(p) >= 12]):
        if p in text:
            text = text.replace(p, " ")
    return text


def is_prose(line: str, prose: list[str] | None = None) -> bool:
    text = " ".join(line.split())
    for head in ("en: ", "de: "):
        text = text.removeprefix(head)
    return len(text) > 3 and any(text in p for p in (PROSE if prose is None else prose))


def problems_in(lines: list[str], where: str, prose: list[str] | None = None) -> list[str]:
    """The ids and English catalogue sentences found in ``lines`` of visible text."""
    found = []
    for line in lines:
        if "--set " in line or line.lstrip().startswith("respublika "):
            continue  # a command to paste, with the profile's paths
        found += [f"{where}: id {w!r} in {line[:90]!r}" for w in WORD.findall(line) if w in UNDERSCORED]
        found += [f"{where}: {w}=… in {line[:90]!r}" for w in ASSIGN.findall(line) if w in IDS]
        found += [f"{where}: {a} → {b} in {line[:90]!r}" for a, b in ARROW.findall(line) if a in IDS or b in IDS]
        if is_prose(line, prose):
            continue
        line = without_prose(line, prose)
        for sentence in ENGLISH:
            if re.search(r"(?<![\w])" + re.escape(sentence) + r"(?![\w])", line):
                found.append(f"{where}: English {sentence!r} in {line[:90]!r}")
    return found


# ------------------------------------------------------------------------------- catalogue


def test_the_german_catalogue_has_no_empty_or_fuzzy_message():
    path = resources.files("respublika.i18n").joinpath("locale/de/LC_MESSAGES/respublika.po")
    with path.open("rb") as handle:
        cat = read_po(handle, locale="de")
    empty = [str(m.id) for m in cat if m.id and not m.string]
    fuzzy = [str(m.id) for m in cat if m.id and m.fuzzy]
    assert empty == [] and fuzzy == []


def test_the_checks_can_fail():
    assert problems_in(["introduce B2 (initiator=deputies): new → awaiting_government"], "x")
    assert problems_in(["erwartet: expect met"], "x")
    assert problems_in(["• Integer parts of votes / quota: A 10 / quota = 1.0 -> 1. 1 seats allocated, 0 left."], "x")
    assert not problems_in(["1. März 2010 — Mazhilis hat B1 angenommen [S22, A1]. Jetzt: im Senat."], "x")


# ------------------------------------------------------------------------------------- CLI


def _run(respublika: Any, *args: str) -> list[str]:
    ran = respublika(*args, "--lang", LANG)
    assert ran.code in (0, 1), (args, ran.err)
    return ran.out.splitlines()


@pytest.mark.parametrize("args", [
    ("show",), ("show", "--profile", "kz"), ("cite", "S22"), ("cite", "S23"), ("cite", "A4"),
    ("scenario", "run", str(EXAMPLE)), ("power",), ("power", "--profile", "kz"),
    ("elect", "--list"), ("elect", "mazhilis", str(VOTES)), ("simulate", "--years", "2", "--seed", "1"),
    ("forecast", "--shares", "A=0.5,B=0.2,C=0.1", "--draws", "200", "--seed", "1"),
], ids=lambda a: " ".join(a[:2]))
def test_commands_speak_german(respublika, args):
    lines = _run(respublika, *args)
    assert problems_in(lines, " ".join(args), CLI_PROSE) == []
    shown = " ".join(" ".join(lines).split())
    assert [p for p in TRANSLATED if p in shown] == []  # an assumption's English where its German exists


# ------------------------------------------------------------------------------------- web


class _Text(HTMLParser):
    """The text a person reads: outside scripts, styles and code (attributes are not text)."""

    HIDDEN = ("script", "style", "code", "pre", "textarea")

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


PAGES = ["/", "/parliament", "/elections", "/bills", "/bills/B1", "/bills/G1", "/power", "/profiles", "/simulations",
         "/cite/S22", "/cite/A4", "/no-such-page", "/bills/NO-SUCH-BILL", "/power?profile=kz", "/?profile=kz"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from respublika.web.app import create_app

    db = tmp_path_factory.mktemp("db") / "german.db"
    web = TestClient(create_app(db_url=f"sqlite:///{db}"))
    answer = web.post("/bills/act", data={"act": "introduce", "matter": "G1", "date": "2030-02-01",
                                          "p.initiator": "deputies", "p.title": "Bibliotheken"},
                      follow_redirects=False)
    assert answer.status_code in (200, 303), answer.text[:500]
    return web


@pytest.mark.parametrize("path", PAGES)
def test_every_page_speaks_german(client, path):
    answer = client.get(path, params={"lang": LANG})
    assert answer.status_code in (200, 404, 422), (path, answer.status_code)
    assert '<html lang="de"' in answer.text
    lines = visible_text(answer.text)
    assert problems_in(lines, path, CLI_PROSE) == []
    shown = " ".join(" ".join(line.split()) for line in lines)
    assert [p for p in TRANSLATED if p in shown] == []  # an assumption's English where its German exists


def test_a_scenario_run_and_a_refused_act_speak_german(client):
    scenario = client.post("/bills/scenario", params={"lang": LANG}, data={"text": EXAMPLE.read_text("utf-8")})
    assert scenario.status_code == 200
    refused = client.post("/bills/act", params={"lang": LANG},
                          data={"act": "sign", "matter": "G1", "date": "2030-02-02"})
    assert refused.status_code == 422
    problems = problems_in(visible_text(scenario.text), "scenario") + problems_in(visible_text(refused.text), "refused")
    assert problems == []


def test_the_simulation_report_speaks_german(respublika, tmp_path):
    ran = respublika("simulate", "--years", "2", "--seed", "1", "--out", str(tmp_path), "--lang", LANG)
    assert ran.code == 0, ran.err
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    lines = [line for line in visible_text(page) if not line.startswith("respublika ")]
    assert problems_in(lines, "report.html", CLI_PROSE) == []
