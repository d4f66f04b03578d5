"""The structure picture (:mod:`respublika.render.structure`): every arrow is a fact of the
profile (who elects whom, who appoints whom), every such fact has its arrow, arrows end at
their body, boxes hold their names, nothing overlaps, text is legible."""

from __future__ import annotations

import re

import pytest

from respublika.i18n import translator
from respublika.profile import load_profile
from respublika.render.structure import structure_svg

from .svg_geometry import (
    NS,
    PAGE_CONTENT_AT_1366,
    font_sizes,
    overlaps,
    parse,
    rect,
    scale_at,
    text_box,
)

REFS = ["seed", "kz", "kz@1996-01-01", "kz@2008-01-01", "kz@2023-01-01", "kz@2026-07-01", "majority"]


def facts(profile) -> set[tuple[str, str, str]]:
    """Who fills whom, read from the profile here (not with the module's code)."""
    out = set()
    for iid, inst in profile.institutions.items():
        if inst.elected_by:
            out.add((inst.elected_by, iid, "elects"))
        if inst.appointed_by:
            out.add((inst.appointed_by, iid, "appoints"))
        for seat in inst.seats.values():
            if seat.filled_by == "membership":
                continue  # the body's own members: no arrow
            who = seat.electors or seat.by
            if who in profile.institutions or who == "people":
                out.add((who, iid, "appoints" if seat.filled_by == "appointment" else "elects"))
    return {f for f in out if f[0] != f[1]}


def drawn(svg: str):
    root = parse(svg)
    boxes = {g.get("data-id"): rect(g.find(f"{NS}rect")) for g in root.iter(f"{NS}g") if g.get("class") == "institution"}
    arrows = [(p.get("data-from"), p.get("data-to"), p.get("data-verb"), p) for p in root.iter(f"{NS}path")
              if p.get("class") == "relation"]
    return root, boxes, arrows


@pytest.mark.parametrize("ref", REFS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_arrow_is_a_fact_of_the_profile_and_every_fact_is_drawn(ref, lang):
    profile = load_profile(ref)
    _root, boxes, arrows = drawn(structure_svg(profile, translator(lang), lang))
    assert {(s, t, v) for s, t, v, _ in arrows} == facts(profile)
    assert len(arrows) == len(facts(profile))
    for source, target, verb, _ in arrows:
        if source == "people":  # the people elect; they appoint no one
            inst = profile.institutions[target]
            assert verb == "elects"
            assert inst.elected_by == "people" or any(
                s.by == "people" and s.filled_by not in ("appointment", "membership") for s in inst.seats.values())
    assert set(boxes) == {"people", *profile.institutions}


@pytest.mark.parametrize("ref", REFS)
def test_arrows_end_at_their_body(ref):
    profile = load_profile(ref)
    _, boxes, arrows = drawn(structure_svg(profile, translator("en"), "en"))
    for source, target, _verb, path in arrows:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        first, last = (numbers[0], numbers[1]), (numbers[-2], numbers[-1])
        head, tail = (first, last) if path.get("marker-start") else (last, first)
        for point, body in ((head, target), (tail, source)):
            x, y, w, h = boxes[body]
            assert x <= point[0] <= x + w and point[1] in (pytest.approx(y, abs=0.2), pytest.approx(y + h, abs=0.2)), \
                (source, target, body, point)


def test_the_people_do_not_elect_the_constitutional_council():
    for ref in ("seed", "kz@2008-01-01"):
        _, _, arrows = drawn(structure_svg(load_profile(ref), translator("en"), "en"))
        assert not [a for a in arrows if a[0] == "people" and a[1] == "constitutional_council"]
        assert ("people", "mazhilis", "elects") in {a[:3] for a in arrows}


@pytest.mark.parametrize("ref", REFS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_boxes_hold_their_names_and_nothing_overlaps(ref, lang):
    profile = load_profile(ref)
    root, boxes, _ = drawn(structure_svg(profile, translator(lang), lang))
    listed = list(boxes.items())
    for i, (a, box) in enumerate(listed):
        for b, other in listed[i + 1:]:
            assert not overlaps(box, other), (a, b)
    texts = []
    for g in root.iter(f"{NS}g"):
        for t in g.iter(f"{NS}text"):
            box = text_box(t, 16)
            texts.append(box)
            if g.get("class") == "institution":
                x, y, w, h = boxes[g.get("data-id")]
                assert x <= box[0] and box[0] + box[2] <= x + w and y <= box[1] and box[1] + box[3] <= y + h, \
                    ("".join(t.itertext()), box, (x, y, w, h))
    for i, a in enumerate(texts):
        assert not any(overlaps(a, b) for b in texts[i + 1:])


def test_a_long_name_is_wrapped_into_lines():
    svg = structure_svg(load_profile("seed"), translator("en"), "en")
    group = re.search(r'<g class="institution" data-id="assembly">.*?</g>', svg).group(0)
    lines = re.findall(r'font-weight="bold">([^<]+)<', group)
    assert len(lines) >= 2 and " ".join(lines) == "Assembly of the People of Kazakhstan"


@pytest.mark.parametrize("ref", ["seed", "kz"])
def test_text_is_legible_and_the_legend_names_both_verbs(ref):
    svg = structure_svg(load_profile(ref), translator("de"), "de")
    root = parse(svg)
    assert root.get("width") == "100%"
    assert min(font_sizes(root)) * scale_at(root, PAGE_CONTENT_AT_1366) >= 12
    assert 'data-key="verb:elects"' in svg and 'data-key="verb:appoints"' in svg
    assert ">wählt<" in svg and ">ernennt<" in svg and "Das Volk" in svg
