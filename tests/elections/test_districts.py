"""The single-member district tier and the whole chamber (generic; kz's 2023 data in tests/kz)."""

from __future__ import annotations

import json

import pytest

from respublika.app import elections as elections_app
from respublika.elections.districts import INDEPENDENT, district_tier, whole_chamber
from respublika.errors import InputError
from respublika.profile import load_profile


def test_each_district_goes_to_its_plurality_winner():
    results = {"D1": {"Ann": 500, "Bob": 400}, "D2": {"Cid": 300, "Dee": 301}, "D3": "Blue"}
    tier = district_tier(results, 3, affiliation={"Ann": "Red", "Bob": "Blue", "Cid": "Red"})
    assert tier.seats == {"Red": 1, INDEPENDENT: 1, "Blue": 1}
    assert [d.winner for d in tier.districts] == ["Ann", "Dee", None]


def test_a_tie_goes_by_order_or_lot():
    tier = district_tier({"D1": {"Ann": 5, "Bob": 5}}, 1, affiliation={"Ann": "Red", "Bob": "Blue"})
    assert tier.seats == {"Red": 1} and any("tie" in line.lower() for line in tier.explain)
    lot = district_tier({"D1": {"Ann": 5, "Bob": 5}}, 1, ties="lot", seed=3,
                        affiliation={"Ann": "Red", "Bob": "Blue"})
    assert sum(lot.seats.values()) == 1


def test_totals_and_the_count_is_checked():
    assert district_tier({"totals": {"Red": 2, "independent": 1}}, 3).seats == {"Red": 2, "independent": 1}
    with pytest.raises(InputError, match="3 districts"):
        district_tier({"totals": {"Red": 2}}, 3)
    with pytest.raises(InputError):
        district_tier({"D1": {"Ann": -1}}, 1)


def test_the_whole_chamber_adds_the_tiers():
    tier = district_tier({"totals": {"Red": 2, "independent": 1}}, 3)
    whole = whole_chamber({"Red": 4, "Blue": 3, "Green": 0}, tier, {"appointed": 2}, 12)
    assert whole["seats"] == {"Red": 6, "Blue": 3, "independent": 1}
    assert whole["parties"]["Red"] == {"lists": 4, "districts": 2, "total": 6}
    assert whole["total"] == 12
    with pytest.raises(InputError, match="13"):
        whole_chamber({"Red": 4, "Blue": 3}, tier, {"appointed": 2}, 13)


def test_elect_gives_the_whole_chamber_on_a_non_kz_profile():
    # the seed's Mazhilis (98 lists + 9) with its nine other seats made single-member districts
    seed = load_profile("seed", overrides={"institutions.mazhilis.seats.assembly.filled_by": "direct",
                                           "institutions.mazhilis.seats.assembly.by": "people"})
    votes = json.dumps({"A": 600, "B": 300, "C": 100})
    districts = {f"D{i}": {"x": 10, "y": 9} for i in range(1, 10)}
    districts["affiliation"] = {"x": "A", "y": "B"}  # type: ignore[assignment]
    data = elections_app.elect(seed, "mazhilis", votes, fmt="json", districts=json.dumps(districts))
    assert data["district_tier"]["seats"] == {"A": 9}
    assert data["whole"]["total"] == 107 and data["whole"]["seats"]["A"] == sum(
        n for p, n in data["seats"].items() if p == "A") + 9
    assert "seats" in data and "composition" in data  # the existing keys stay


def test_no_district_tier_refuses_district_results():
    seed = load_profile("seed")
    with pytest.raises(InputError, match="no single-member district tier"):
        elections_app.elect(seed, "mazhilis", json.dumps({"A": 1}), fmt="json", districts='{"totals": {"A": 9}}')
