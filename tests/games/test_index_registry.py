"""The power-index registry: an index is one decorated function, and every report lists it.

A toy index registered here appears in ``analyze`` (for ``"all"`` and by its own name), in
``analyze_legislature``'s sums per chamber, and on ``GroupPower``; unregistered, the output
is what it was before.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest

from respublika.errors import InputError
from respublika.exact import format_fraction
from respublika.games import analyze, power, weighted_game
from respublika.games.indices import (
    Counts,
    Measures,
    get_index,
    index_names,
    index_pattern,
    indices,
    power_index,
    unregister_index,
)
from respublika.games.legislature import analyze_legislature, build
from respublika.profile import load_profile

NEW = ("coleman-prevent", "coleman-initiate", "deegan-packel", "public-good", "johnston", "owen",
       "banzhaf-owen")

SPEC = {
    "groups": {"A": 1, "B": 1, "C": 1, "D": 1},
    "wins": {"quota": 6, "weights": {"A": 4, "B": 3, "C": 2, "D": 1}},
}


def _share_of_most(counts: Counts) -> Measures:
    """A member's swings over the most swings of any member (a toy)."""
    most = max(counts.swings) or 1
    return [{"toy_share": Fraction(s, most)} for s in counts.swings]


def _alone(counts: Counts) -> Measures:
    """Swings with the empty coalition of others (wins alone), and with one other player."""
    assert counts.by_size is not None
    return [{"toy_alone": c[0], "toy_pairs": Fraction(c[1])} for c in counts.by_size]


@pytest.fixture
def toy() -> Iterator[None]:
    power_index("toy-share", title="Toy share")(_share_of_most)
    try:
        yield
    finally:
        unregister_index("toy-share")
    assert "toy-share" not in index_names()


def test_the_built_in_indices_and_their_spellings():
    assert index_names() == ("all", "banzhaf", "shapley-shubik", *NEW)
    assert [(ix.name, ix.key, ix.by_size) for ix in indices()] == [
        ("banzhaf", "banzhaf", False),
        ("shapley-shubik", "shapley_shubik", True),
        *((name, name.replace("-", "_"), False) for name in NEW),
    ]
    assert get_index("Shapley_Shubik").name == "shapley-shubik"
    assert get_index("shapley_shubik").title == "Shapley-Shubik"
    assert index_pattern() == "^(" + "|".join(("all", "banzhaf", "shapley-shubik", *NEW)) + ")$"


def test_a_registered_index_appears_in_analyze(toy):
    before = analyze(SPEC, "banzhaf")
    data = analyze(SPEC)
    a = data["groups"]["A"]
    swings = {name: g["swings"] for name, g in data["groups"].items()}
    most = max(swings.values())
    assert a["toy_share"] == format_fraction(Fraction(swings["A"], most))
    assert a["toy_share_float"] == float(Fraction(swings["A"], most))
    assert a["toy_share_total"] == a["toy_share"]  # groups of one member
    assert list(a)[-3:] == ["toy_share_total", "veto", "blocking_minority"]
    assert data["toy_share_sum"] == format_fraction(Fraction(sum(swings.values()), most))
    assert list(data)[-7:] == ["banzhaf_swings_total", "shapley_shubik_sum", "game",
                               "deegan_packel_sum", "public_good_sum", "johnston_sum",
                               "toy_share_sum"]
    alone = analyze(SPEC, "toy-share")
    assert alone["index"] == "toy-share"
    assert set(alone["groups"]["A"]) == {"size", "toy_share", "toy_share_float", "toy_share_total",
                                          "veto", "blocking_minority"}
    assert "banzhaf_swings_total" not in alone and "shapley_shubik_sum" not in alone
    assert analyze(SPEC, "banzhaf") == before  # the other indices are untouched


def test_a_registered_index_is_on_group_power_and_in_the_legislature(toy):
    report = power(weighted_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6), "toy-share")
    assert report.groups["A"].toy_share == Fraction(report.groups["A"].values["toy_share"])
    assert report.groups["A"].shapley_shubik is None and report.indices == ("toy-share",)
    with pytest.raises(AttributeError):
        _ = report.groups["A"].no_such_measure
    data = analyze_legislature(build(load_profile("seed")))
    chambers = data["chambers"]
    keys = ["banzhaf", "shapley_shubik", "toy_share",
            *(n.replace("-", "_") for n in NEW if "owen" not in n and "coleman" not in n)]
    # no unions: no Owen values; Coleman's are not shares, so a chamber does not sum them
    assert set(chambers["senate"]) == {*keys, *(f"{k}_float" for k in keys)}


def test_an_index_counted_by_size_gets_the_swings_by_size():
    power_index("toy-alone", measures=("toy_alone", "toy_pairs"), key="toy_alone", by_size=True)(_alone)
    try:
        data = analyze({"groups": {"A": 1, "B": 1, "C": 1},
                        "wins": {"quota": 3, "weights": {"A": 3, "B": 2, "C": 1}}}, "toy-alone")
        a, b = data["groups"]["A"], data["groups"]["B"]
        assert a["toy_alone"] == 1 and a["toy_pairs"] == "2/1" and a["toy_pairs_float"] == 2.0
        assert b["toy_alone"] == 0 and b["toy_pairs"] == "1/1"  # only {C} needs B
        assert a["toy_alone_total"] == "1/1" and data["toy_alone_sum"] == "1/1"
    finally:
        unregister_index("toy-alone")


def test_registration_is_checked():
    with pytest.raises(InputError, match="already registered"):
        power_index("banzhaf")(_share_of_most)
    with pytest.raises(InputError, match="already registered"):
        power_index("other", key="shapley_shubik")(_share_of_most)
    with pytest.raises(InputError, match="taken by 'banzhaf'"):
        power_index("other", key="other", measures=("other", "swings"))(_share_of_most)
    with pytest.raises(InputError, match="lower case words"):
        power_index("Toy Index")(_share_of_most)
    with pytest.raises(InputError, match="lower case words"):
        power_index("all")(_share_of_most)
    with pytest.raises(InputError, match="must be one of its measures"):
        power_index("other", measures=("x",))(_share_of_most)
    with pytest.raises(InputError, match="the report's own keys"):
        power_index("other", measures=("other", "veto"))(_share_of_most)
    with pytest.raises(InputError, match="needs is one of"):
        power_index("other", needs="everything")(_share_of_most)
    assert index_names() == ("all", "banzhaf", "shapley-shubik", *NEW)


def test_an_index_that_breaks_its_declaration_is_an_error():
    power_index("toy-broken", measures=("toy_broken", "toy_more"), key="toy_broken")(_share_of_most)
    try:
        with pytest.raises(ValueError, match="gave the measures"):
            analyze(SPEC, "toy-broken")
    finally:
        unregister_index("toy-broken")


def test_unknown_indices_list_the_known_names():
    with pytest.raises(InputError, match="unknown index 'coleman'; expected one of all, banzhaf, shapley-shubik"):
        analyze(SPEC, "coleman")
    with pytest.raises(InputError, match="unknown index"):
        unregister_index("coleman")
