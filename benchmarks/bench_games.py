"""Benchmarks of the voting-power engine, against the ``powerindex`` package where it applies.

Run: ``python benchmarks/bench_games.py`` (a table) or ``python benchmarks/bench_games.py
--json``. Every timing is the best of several runs, all taken in this one run, of
``respublika.games.analyze`` (the whole report: indices, veto players, dummies, minimal
coalitions) and of ``powerindex``'s ``calc_banzhaf`` / ``calc_shapley_shubik``. The ratio is
powerindex's time over ours. Timings vary by machine; the targets are those of issue 5.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from fractions import Fraction

from respublika.games import Game, analyze, weighted_game

# Electoral votes by the 2020 apportionment (the 2024 and 2028 elections): 50 states and DC,
# 538 in all. Maine and Nebraska split theirs by district; here each state is one bloc.
ELECTORAL_VOTES_2020: dict[str, int] = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 54, "CO": 10, "CT": 7, "DE": 3, "DC": 3,
    "FL": 30, "GA": 16, "HI": 4, "ID": 4, "IL": 19, "IN": 11, "IA": 6, "KS": 6, "KY": 8,
    "LA": 8, "ME": 4, "MD": 10, "MA": 11, "MI": 15, "MN": 10, "MS": 6, "MO": 10, "MT": 4,
    "NE": 5, "NV": 6, "NH": 4, "NJ": 14, "NM": 5, "NY": 28, "NC": 16, "ND": 3, "OH": 17,
    "OK": 7, "OR": 8, "PA": 19, "RI": 4, "SC": 9, "SD": 3, "TN": 11, "TX": 40, "UT": 6,
    "VT": 3, "VA": 13, "WA": 12, "WV": 4, "WI": 10, "WY": 3,
}  # fmt: skip


# EU Council under the Treaty of Nice, EU-27 (2007-2013): the weighted votes of Protocol (No 36)
# on transitional provisions, Article 3(3) (as in the 2005 Act of Accession for Bulgaria and
# Romania), 345 in all. A qualified majority is 255 votes cast by a majority of the members (14
# of 27); the 62 % population check applied only on request and is left out here.
NICE_VOTES: dict[str, int] = {
    "DE": 29, "FR": 29, "IT": 29, "UK": 29, "ES": 27, "PL": 27, "RO": 14, "NL": 13, "BE": 12,
    "CZ": 12, "EL": 12, "HU": 12, "PT": 12, "AT": 10, "BG": 10, "SE": 10, "DK": 7, "IE": 7,
    "LT": 7, "SK": 7, "FI": 7, "CY": 4, "EE": 4, "LV": 4, "LU": 4, "SI": 4, "MT": 3,
}  # fmt: skip

# EU Council under the Treaty of Lisbon (Art. 16(4) TEU, Art. 238(3) TFEU): 55 % of the 27
# members (15) representing 65 % of the population, and a blocking minority needs at least 4
# members (so any 24 pass). Populations: the shares of the Union's 451,028,881 inhabitants on
# 1 January 2024 that the Council approved for 2025 (Agence Europe, 12 December 2024,
# "Updating of EU Member States' population figures for calculating qualified majority
# voting"), turned into thousands of inhabitants: round(share x 451,028.881 / 100).
LISBON_SHARES: dict[str, str] = {
    "DE": "18.49", "FR": "15.17", "IT": "13.23", "ES": "10.78", "PL": "8.33", "RO": "4.23",
    "NL": "4.01", "BE": "2.62", "CZ": "2.42", "PT": "2.36", "SE": "2.34", "EL": "2.31",
    "HU": "2.13", "AT": "2.02", "BG": "1.43", "DK": "1.32", "FI": "1.25", "SK": "1.21",
    "IE": "1.19", "HR": "0.86", "LT": "0.64", "SI": "0.47", "LV": "0.42", "EE": "0.30",
    "CY": "0.21", "LU": "0.15", "MT": "0.12",
}  # fmt: skip

# IMF Board of Governors: the votes of the 190 members (total 5,039,930), from the IMF page
# "IMF Members' Quotas and Voting Power, and IMF Board of Governors" as mirrored on
# 2022-10-20 (github.com/goutham4391/finalfinance, www.imf.org/en/About/executive-board/
# members-quotas.html). Ordinary decisions: a majority of the votes cast (Art. XII, Sec. 5(c)).
IMF_VOTES: dict[str, int] = {
    "Afghanistan, Islamic Republic of": 4697, "Albania": 2852, "Algeria": 21058, "Andorra": 2284,
    "Angola": 8860, "Antigua and Barbuda": 1659, "Argentina": 33332, "Armenia": 2747,
    "Australia": 67183, "Austria": 40779, "Azerbaijan": 5376, "Bahamas, The": 3283,
    "Bahrain": 5409, "Bangladesh": 12125, "Barbados": 2404, "Belarus": 8274, "Belgium": 65566,
    "Belize": 1726, "Benin": 2697, "Bhutan": 1663, "Bolivia": 3860,
    "Bosnia and Herzegovina": 4111, "Botswana": 3431, "Brazil": 111879,
    "Brunei Darussalam": 4472, "Bulgaria": 10422, "Burkina Faso": 2663, "Burundi": 2999,
    "Cabo Verde": 1696, "Cambodia": 3209, "Cameroon": 4219, "Canada": 111698,
    "Central African Republic": 2573, "Chad": 2861, "Chile": 18902, "China": 306288,
    "Colombia": 21904, "Comoros": 1637, "Congo, Democratic Republic of the": 12119,
    "Congo, Republic of": 3079, "Costa Rica": 5153, "C\u00f4te d'Ivoire": 7963, "Croatia": 8633,
    "Cyprus": 4497, "Czech Republic": 23261, "Denmark": 35853, "Djibouti": 1777,
    "Dominica": 1574, "Dominican Republic": 6233, "Ecuador": 8436, "Egypt": 21830,
    "El Salvador": 4331, "Equatorial Guinea": 3034, "Eritrea": 1618, "Estonia": 3895,
    "Eswatini": 2244, "Ethiopia": 4466, "Fiji, Republic of": 2443, "Finland": 25565,
    "France": 203010, "Gabon": 3619, "Gambia, The": 2081, "Georgia": 3563, "Germany": 267803,
    "Ghana": 8839, "Greece": 25748, "Grenada": 1623, "Guatemala": 5745, "Guinea": 3601,
    "Guinea-Bissau": 1743, "Guyana": 3277, "Haiti": 3097, "Honduras": 3957, "Hungary": 20859,
    "Iceland": 4677, "India": 132603, "Indonesia": 47943, "Iran, Islamic Republic of": 37130,
    "Iraq": 18097, "Ireland": 35958, "Israel": 20668, "Italy": 152159, "Jamaica": 5288,
    "Japan": 309664, "Jordan": 4890, "Kazakhstan": 13043, "Kenya": 6887, "Kiribati": 1571,
    "Korea": 87286, "Kosovo": 2285, "Kuwait": 20794, "Kyrgyz Republic": 3235,
    "Lao People's Democratic Republic": 2517, "Latvia": 4782, "Lebanon": 7794, "Lesotho": 2157,
    "Liberia": 4043, "Libya": 17191, "Lithuania": 5875, "Luxembourg": 14677, "Madagascar": 3903,
    "Malawi": 2847, "Malaysia": 37797, "Maldives": 1671, "Mali": 3325, "Malta": 3142,
    "Marshall Islands": 1508, "Mauritania": 2747, "Mauritius": 2881, "Mexico": 90586,
    "Micronesia, Federated States of": 1531, "Moldova": 3184, "Mongolia": 2182,
    "Montenegro": 2064, "Morocco": 10403, "Mozambique": 3731, "Myanmar": 6627, "Namibia": 3370,
    "Nauru": 1487, "Nepal": 3028, "Netherlands": 88824, "New Zealand": 13980, "Nicaragua": 4059,
    "Niger": 2775, "Nigeria": 26004, "North Macedonia": 2862, "Norway": 39006, "Oman": 6903,
    "Pakistan": 21769, "Palau": 1508, "Panama": 5227, "Papua New Guinea": 4091, "Paraguay": 3473,
    "Peru": 14804, "Philippines": 21888, "Poland": 42413, "Portugal": 22060, "Qatar": 8810,
    "Romania": 19573, "Russian Federation": 130496, "Rwanda": 3061, "Samoa": 1621,
    "San Marino": 1951, "S\u00e3o Tom\u00e9 and Pr\u00edncipe": 1607, "Saudi Arabia": 101385,
    "Senegal": 4695, "Serbia": 8007, "Seychelles": 1688, "Sierra Leone": 3533,
    "Singapore": 40378, "Slovak Republic": 11469, "Slovenia": 7324, "Solomon Islands": 1667,
    "Somalia": 3093, "South Africa": 31971, "South Sudan, Republic of": 3919, "Spain": 96814,
    "Sri Lanka": 7247, "St. Kitts and Nevis": 1584, "St. Lucia": 1673,
    "St. Vincent and the Grenadines": 1576, "Sudan": 7761, "Suriname": 2748, "Sweden": 45759,
    "Switzerland": 59170, "Syrian Arab Republic": 4395, "Tajikistan": 3199, "Tanzania": 5437,
    "Thailand": 33578, "Timor-Leste": 1715, "Togo": 2927, "Tonga": 1597,
    "Trinidad and Tobago": 6157, "Tunisia": 6911, "T\u00fcrkiye": 48045, "Turkmenistan": 3845,
    "Tuvalu": 1484, "Uganda": 5069, "Ukraine": 21577, "United Arab Emirates": 24571,
    "United Kingdom": 203010, "United States": 831401, "Uruguay": 5750, "Uzbekistan": 6971,
    "Vanuatu": 1697, "Venezuela, Rep\u00fablica Bolivariana de": 38686, "Vietnam": 12990,
    "Yemen, Republic of": 6329, "Zambia": 11241, "Zimbabwe": 8527,
}  # fmt: skip


def eu_nice() -> dict[str, object]:
    """255 of 345 weighted votes and 14 of 27 members."""
    return {
        "groups": dict.fromkeys(NICE_VOTES, 1),
        "wins": {"all": [{"quota": 255, "weights": NICE_VOTES},
                         {"quota": 14, "weights": dict.fromkeys(NICE_VOTES, 1)}]},
    }  # fmt: skip


def lisbon_population() -> dict[str, int]:
    """Thousands of inhabitants per member (see ``LISBON_SHARES``)."""
    return {
        k: int((Fraction(v) * 451_028_881 / 100 / 1000).__round__()) for k, v in LISBON_SHARES.items()
    }


def eu_lisbon() -> dict[str, object]:
    """15 of 27 members with 65 % of the population, or any 24 members."""
    population = lisbon_population()
    quota = -(-(65 * sum(population.values())) // 100)
    members = dict.fromkeys(population, 1)
    return {
        "groups": members,
        "wins": {"any": [{"all": [{"quota": 15, "weights": members},
                                  {"quota": quota, "weights": population}]},
                         {"quota": 24, "weights": members}]},
    }  # fmt: skip


def imf() -> Game:
    """190 members, a majority of all 5,039,930 votes."""
    return weighted_game(IMF_VOTES, sum(IMF_VOTES.values()) // 2 + 1)


def electoral_college() -> Game:
    """51 blocs, 270 of 538 electoral votes to win."""
    return weighted_game(ELECTORAL_VOTES_2020, 270)


def legislature(
    lower: tuple[str, int],
    upper: tuple[str, int],
    passage: tuple[int, int],
    override: tuple[int, int],
) -> dict[str, object]:
    """Two chambers of individual members and a President: a bill passes with the passage
    majorities of both chambers and the President's assent, or over a veto with the
    override majorities of both chambers."""
    (low, n_low), (up, n_up) = lower, upper

    def chambers(quotas: tuple[int, int]) -> list[dict[str, object]]:
        return [
            {"quota": quotas[0], "weights": {low: 1}},
            {"quota": quotas[1], "weights": {up: 1}},
        ]

    return {
        "groups": {low: n_low, up: n_up, "president": 1},
        "wins": {
            "any": [
                {"all": [*chambers(passage), {"quota": 1, "weights": {"president": 1}}]},
                {"all": chambers(override)},
            ]
        },
    }


def kazakh_legislature(passage: tuple[int, int] = (72, 32)) -> dict[str, object]:
    """107 deputies of the Mazhilis, 47 senators, the President; two thirds to override."""
    return legislature(("mazhilis", 107), ("senate", 47), passage, (72, 32))


def us_congress() -> dict[str, object]:
    """435 representatives, 100 senators (the Vice President's tie-break left out), the
    President: 218 + 51 with the President, or 290 + 67 over a veto."""
    return legislature(("house", 435), ("senate", 100), (218, 51), (290, 67))


def random_weighted(players: int = 200, top: int = 100, seed: int = 2024) -> tuple[list[int], int]:
    """``players`` weights drawn from 1..``top`` (seeded), quota a simple majority of weight."""
    rng = random.Random(seed)
    weights = [rng.randint(1, top) for _ in range(players)]
    return weights, sum(weights) // 2 + 1


def best_time(action: Callable[[], object], *, budget: float = 0.5, most: int = 30) -> float:
    """The best of several runs (at least 3, at most ``most``, about ``budget`` seconds)."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < 3 or (len(times) < most and time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return min(times)


def _powerindex(quota: int, weights: list[int], index: str) -> Callable[[], object] | None:
    try:
        import powerindex
    except ImportError:
        return None

    def run() -> object:
        game = powerindex.Game(quota, weights=list(weights))
        return game.calc_banzhaf() if index == "banzhaf" else game.calc_shapley_shubik()

    return run


def _agrees(ours: dict[str, object], quota: int, weights: list[int], index: str) -> bool:
    import powerindex

    game = powerindex.Game(quota, weights=list(weights))
    key = "banzhaf" if index == "banzhaf" else "shapley_shubik"
    if index == "banzhaf":
        game.calc_banzhaf()
        reference = game.banzhaf
    else:
        game.calc_shapley_shubik()
        reference = game.shapley_shubik
    groups = ours["groups"]
    assert isinstance(groups, dict)
    mine = [float(Fraction(g[key])) for g in groups.values()]
    return all(
        abs(a - b) <= 1e-9 * max(abs(b), 1e-300) for a, b in zip(mine, reference, strict=True)
    )


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []

    def row(case: str, index: str, ours: float, theirs: float | None, target: str, ok: bool,
            agree: bool | None = None) -> None:  # fmt: skip
        rows.append(
            {
                "case": case,
                "index": index,
                "ours_ms": round(ours * 1000, 3),
                "powerindex_ms": None if theirs is None else round(theirs * 1000, 3),
                "speedup": None if theirs is None else round(theirs / ours, 1),
                "target": target,
                "met": ok,
                "agrees_with_powerindex": agree,
            }
        )

    college = electoral_college()
    votes = list(ELECTORAL_VOTES_2020.values())
    for index in ("banzhaf", "shapley-shubik"):
        ours = best_time(lambda index=index: analyze(college, index))
        reference = _powerindex(270, votes, index)
        theirs = best_time(reference, budget=2.0, most=10) if reference else None
        agree = _agrees(analyze(college, index), 270, votes, index) if reference else None
        row("US Electoral College, 51 blocs, quota 270", index, ours, theirs,
            "faster than powerindex", theirs is not None and ours < theirs, agree)  # fmt: skip

    for name, spec, limit in (
        ("Kazakh legislature, 107+47+1 members (2/3, 2/3)", kazakh_legislature(), 0.010),
        ("Kazakh legislature, 107+47+1 members (54+24, 2/3)", kazakh_legislature((54, 24)), 0.010),
        ("US Congress, 435+100+1 members", us_congress(), 0.100),
    ):
        ours = best_time(lambda spec=spec: analyze(spec, "all"))
        row(name, "all", ours, None, f"< {limit * 1000:.0f} ms", ours < limit)

    nice_votes = list(NICE_VOTES.values())
    votes_only = weighted_game(NICE_VOTES, 255)
    for index in ("banzhaf", "shapley-shubik"):
        spec = eu_nice()
        ours = best_time(lambda index=index, spec=spec: analyze(spec, index))
        row("EU Council, Nice (255 of 345 votes and 14 of 27)", index, ours, None, "< 1000 ms",
            ours < 1.0)  # fmt: skip
        # powerindex takes one weighted quota: the votes alone (13 members can muster 257
        # votes, so the member count matters and this is another game).
        ours = best_time(lambda index=index: analyze(votes_only, index))
        reference = _powerindex(255, nice_votes, index)
        theirs = best_time(reference, budget=1.0, most=5) if reference else None
        agree = _agrees(analyze(votes_only, index), 255, nice_votes, index) if reference else None
        row("EU Council, Nice votes alone (255 of 345)", index, ours, theirs,
            "faster than powerindex", theirs is not None and ours < theirs, agree)  # fmt: skip
    lisbon = eu_lisbon()
    for index in ("banzhaf", "shapley-shubik"):
        ours = best_time(lambda index=index: analyze(lisbon, index), budget=0, most=1)
        row("EU Council, Lisbon (15 of 27 + 65 % population, or 24)", index, ours, None,
            "< 10000 ms", ours < 10.0)  # fmt: skip
    imf_game = imf()
    ours = best_time(lambda: analyze(imf_game, "banzhaf"), budget=0, most=1)
    row("IMF Board of Governors, 190 members, majority", "banzhaf", ours, None, "< 60000 ms",
        ours < 60.0)  # fmt: skip

    weights, quota = random_weighted()
    spec = weighted_game({f"p{i}": w for i, w in enumerate(weights)}, quota)
    ours = best_time(lambda: analyze(spec, "banzhaf"), budget=2.0, most=5)
    reference = _powerindex(quota, weights, "banzhaf")
    theirs = best_time(reference, budget=0, most=1) if reference else None
    agree = _agrees(analyze(spec, "banzhaf"), quota, weights, "banzhaf") if reference else None
    row("Weighted game, 200 players, weights 1..100", "banzhaf", ours, theirs, "< 1000 ms",
        ours < 1.0, agree)  # fmt: skip
    return rows


def table(rows: list[dict[str, object]]) -> str:
    head = ["case", "index", "ours ms", "powerindex ms", "speed-up", "target", "met", "agree"]
    body = [
        [
            str(r["case"]),
            str(r["index"]),
            f"{r['ours_ms']:.2f}",
            "-" if r["powerindex_ms"] is None else f"{r['powerindex_ms']:.2f}",
            "-" if r["speedup"] is None else f"{r['speedup']}x",
            str(r["target"]),
            "yes" if r["met"] else "NO",
            {None: "-", True: "yes", False: "NO"}[r["agrees_with_powerindex"]],  # type: ignore[index]
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [head, *body]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = run()
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
