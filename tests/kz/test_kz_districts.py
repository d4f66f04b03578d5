"""Issue 16: the whole Mazhilis of 2023 (69 lists + 29 districts) from the shipped data."""

from __future__ import annotations

import json

from respublika.app import elections as elections_app
from respublika.profile import load_profile


def test_the_whole_2023_mazhilis_from_shipped_data(respublika):
    result = respublika("elect", "mazhilis", "--profile", "kz", "--as-of", "2023-03-19", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["whole"]["total"] == 98
    assert data["whole"]["parties"]["Amanat"] == {"lists": 40, "districts": 22, "total": 62}
    assert data["district_tier"]["seats"] == {"Amanat": 22, "independent": 7}
    assert data["seats"]["Amanat"] == 40 and sum(data["seats"].values()) == 69
    assert data["shipped"]["file"] == "kz-mazhilis-2023.json" and data["shipped"]["gaps"]
    text = respublika("elect", "mazhilis", "--profile", "kz", "--as-of", "2023-03-19")
    assert text.code == 0 and "Whole chamber: 98 of 98" in text.out


def test_no_shipped_results_on_another_date(respublika):
    result = respublika("elect", "mazhilis", "--profile", "kz", "--as-of", "2023-03-20")
    assert result.code == 2 and "results file" in result.err


def test_the_2004_file_documents_its_gaps():
    p = load_profile("kz", as_of="2004-09-19")
    assert elections_app.shipped_results(p, "mazhilis") is None  # no list votes: not used by elect
    assert elections_app.district_seats(p, "mazhilis") == ("districts", 67)
