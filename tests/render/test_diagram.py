"""The state machine as SVG and DOT (:mod:`respublika.render.diagram`): a layered graph whose
states, numbers and legend never overlap, legible at 1366 px and on a phone, showing the path
a matter took."""

from __future__ import annotations

from pathlib import Path

import pytest

from respublika.errors import InputError
from respublika.procedure import Engine, load_scenario, run_in_memory
from respublika.profile import load_profile
from respublika.render.diagram import arrows, layers, to_dot, to_svg
from respublika.render.layered import layout, text_width

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

SEED = load_profile("seed")
KZ = load_profile("kz")
ROOT = Path(__file__).resolve().parents[2]
KINDS = [(p, k) for p in (SEED, KZ) for k in p.procedure.matters]


def test_every_state_is_placed_once_and_new_comes_first():
    placed = [s for row in layers(SEED, "bill") for s in row]
    assert placed[0] == "new" and sorted(placed[1:]) == sorted(SEED.procedure.matters["bill"].states)


def test_arrows_carry_citations_and_deadlines_are_marked():
    edges = arrows(SEED, "bill")
    assert all(a.cites for a in edges)
    assert any(a.deadline and a.label.startswith("senate_silence") for a in edges)


def test_svg_highlights_the_current_state_and_is_deterministic():
    svg = to_svg(SEED, "bill", current="in_senate")
    assert svg.startswith("<svg") and svg.count('class="state current') == 1
    assert 'data-state="in_senate"' in svg and "[S22, S24, A1]" in svg
    assert to_svg(SEED, "bill", current="in_senate") == svg


def test_dot_in_the_profile_s_language():
    dot = to_dot(SEED, "bill", "de")
    assert dot.startswith('digraph "bill"') and "style=dashed" in dot
    assert f'label="{SEED.procedure.matters["bill"].name["de"]}"' in dot


def test_an_unknown_kind_is_an_input_error():
    with pytest.raises(InputError, match="unknown matter kind"):
        to_svg(SEED, "treaty")


def _boxes(svg: str):
    root = parse(svg)
    base = float(root.get("font-size", 16))
    nodes = {g.get("data-state"): rect(g.find(f"{NS}rect")) for g in root.iter(f"{NS}g")
             if (g.get("class") or "").startswith("state") and g.find(f"{NS}rect") is not None}
    badges = [rect(r) for g in root.iter(f"{NS}g") if g.get("class") == "arrow-number" for r in g.iter(f"{NS}rect")]
    labels = [text_box(t, base) for g in root.iter(f"{NS}g") if g.get("class") in ("legend-item", "key", "state start")
              for t in g.iter(f"{NS}text")]
    inner = [(g.get("data-state"), text_box(t, base)) for g in root.iter(f"{NS}g")
             if (g.get("class") or "").startswith("state") and g.get("data-state") != "new" for t in g.iter(f"{NS}text")]
    return root, nodes, badges, labels, inner


@pytest.mark.parametrize(("profile", "kind"), KINDS, ids=lambda v: getattr(v, "id", v))
@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_two_states_numbers_or_labels_overlap(profile, kind, lang):
    _root, nodes, badges, labels, inner = _boxes(to_svg(profile, kind, lang))
    assert len(nodes) == len(profile.procedure.matters[kind].states)
    boxes = list(nodes.values())
    for i, a in enumerate(boxes):
        assert not any(overlaps(a, b) for b in boxes[i + 1:]), "two states overlap"
    drawn = badges + labels
    for i, a in enumerate(drawn):
        assert not any(overlaps(a, b) for b in drawn[i + 1:]), f"label {a} overlaps another"
        assert not any(overlaps(a, b) for b in boxes), f"label {a} overlaps a state"
    for state, box in inner:  # a state's words stay inside its box
        x, _y, w, _h = nodes[state]
        assert x - 0.5 <= box[0] and box[0] + box[2] <= x + w + 0.5, (state, box)


@pytest.mark.parametrize(("profile", "kind"), KINDS, ids=lambda v: getattr(v, "id", v))
def test_text_is_at_least_12px_at_1366_and_11px_on_a_phone(profile, kind):
    root = parse(to_svg(profile, kind, "de"))
    assert root.get("width") == "100%" and root.get("viewBox")
    smallest = min(font_sizes(root))
    assert smallest * scale_at(root, PAGE_CONTENT_AT_1366) >= 12
    assert smallest * scale_at(root, 390 - 2 * 16) >= 11


def test_every_arrow_has_a_number_and_a_line_in_the_legend():
    svg = to_svg(SEED, "bill")
    count = len(arrows(SEED, "bill"))
    assert [int(n) for n in __import__("re").findall(r'data-arrow="(\d+)"', svg)] == list(range(1, count + 1))
    assert "A chamber (or Parliament in joint session) votes (" in svg and "Mazhilis): passed [S22, S24, A1]" in svg
    assert "senate_silence" not in svg.split("</defs>", 1)[1].replace('data-', '')


def test_the_words_are_the_reader_s():
    svg = to_svg(SEED, "bill", "de")
    assert ">Im Senat<" in svg and "Beginn" in svg and "angenommen" in svg
    assert "Im Senat, der sechzig Tage Zeit hat" in svg  # the state's description, in its tooltip
    assert ">in_senate<" not in svg


def _walk(path: str, matter: str):
    scenario = load_scenario(ROOT / "tests" / "scenarios" / path)
    engine = Engine(load_profile(scenario.profile_ref()))
    world = run_in_memory(scenario, engine).world
    trail = [e.to_dict() for e in world.trail(matter)]
    return engine.profile, world.matter(matter).state, trail


def test_the_path_of_a_walked_bill_is_highlighted():
    profile, state, trail = _walk("second-reading.yaml", "B1")
    assert state == "law"
    svg = to_svg(profile, "bill", current=state, path=trail)
    root = parse(svg)
    visited = {(p.get("data-from"), p.get("data-to")) for p in root.iter(f"{NS}path")
               if "visited" in (p.get("class") or "").split()}
    assert visited == {("new", "in_mazhilis"), ("in_mazhilis", "in_senate"), ("in_senate", "mazhilis_second_reading"),
                       ("mazhilis_second_reading", "in_senate"), ("in_senate", "with_president"),
                       ("with_president", "law")}
    states = {g.get("data-state") for g in root.iter(f"{NS}g") if "visited" in (g.get("class") or "").split()}
    assert states >= {"in_mazhilis", "in_senate", "mazhilis_second_reading", "with_president", "law"}
    assert "failed" not in states and 'data-key="path"' in svg
    assert svg.count('class="state current') == 1 and 'data-state="law"' in svg
    # the deadline arrow between the same states is not lit by a vote
    assert not any("deadline" in (p.get("class") or "") and "visited" in (p.get("class") or "")
                   for p in root.iter(f"{NS}path"))
    # without a path, nothing is lit
    assert " visited" not in to_svg(profile, "bill", current=state)


def test_a_path_may_be_pairs_and_a_deadline_lights_its_own_arrow():
    svg = to_svg(SEED, "bill", current="with_president",
                 path=[("new", "in_mazhilis"), ("in_mazhilis", "in_senate"), ("in_senate", "with_president",
                                                                             "senate_silence")])
    lit = [line for line in svg.splitlines() if "arrow visited" in line and 'data-to="with_president"' in line]
    assert len(lit) == 1 and "deadline" in lit[0]


def test_back_edges_are_drawn_apart():
    svg = to_svg(SEED, "bill")
    assert 'class="arrow back" data-from="mazhilis_second_reading" data-to="in_senate"' in svg
    assert 'data-key="back"' in svg


def test_the_layout_puts_every_edge_between_adjacent_layers_with_dummies():
    nodes = ["a", "b", "c", "d"]
    graph = layout(nodes, [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("d", "b")],
                   {n: (60.0, 30.0) for n in nodes})
    assert [row for row in graph.layers] == [["a"], ["b"], ["c"], ["d"]]
    long_edge = next(e for e in graph.edges if (e.source, e.target) == ("a", "d"))
    assert len(long_edge.dummies) == 2
    back = next(e for e in graph.edges if (e.source, e.target) == ("d", "b"))
    assert back.back and len(back.dummies) == 1
    # the dummies keep clear of the nodes of their layers
    for e in graph.edges:
        for x, y0, y1 in e.dummies:
            for bx, by, bw, bh in graph.nodes.values():
                assert not (bx < x < bx + bw and by < (y0 + y1) / 2 < by + bh)


def test_barycentre_ordering_removes_avoidable_crossings():
    nodes = ["r", "a", "b", "x", "y"]
    graph = layout(nodes, [("r", "a"), ("r", "b"), ("a", "y"), ("b", "x")], {n: (40.0, 20.0) for n in nodes})
    xs = {n: graph.nodes[n][0] for n in nodes}
    assert (xs["a"] < xs["b"]) == (xs["y"] < xs["x"])


@pytest.mark.parametrize("bold", [False, True])
def test_text_width_is_conservative_against_dejavu_sans(bold):
    """Every line the diagrams draw is measured wider than DejaVu Sans (matplotlib's font, the
    widest common sans-serif) draws it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", size=14, weight="bold" if bold else "normal")
    measure = TextToPath()
    lines = {"".join(t.itertext()) for p, k in KINDS for lang in ("en", "de")
             for t in parse(to_svg(p, k, lang)).iter(f"{NS}text")}
    assert len(lines) > 100
    for line in lines:
        real = measure.get_text_width_height_descent(line, font, ismath=False)[0]
        assert text_width(line, 14, bold) >= real * 0.99, line


def test_a_non_kz_profile_draws_too():
    profile = load_profile("majority")
    for kind in profile.procedure.matters:
        assert to_svg(profile, kind).startswith("<svg")
