"""Party colours stay distinct for 20 parties, also for colour-blind readers.

The colour science is computed here, independently of the module: sRGB → linear RGB,
the Machado, Oliveira & Fernandes (2009) matrices (severity 1) for protanopia and
deuteranopia, → CIE XYZ (D65) → CIELAB, and the CIEDE2000 difference (Sharma, Wu & Dalal
2005; checked against their published test pairs below).
"""

from __future__ import annotations

import math

import pytest

from respublika.render.colours import MIN_DELTA_E, OTHER, PARTY_PALETTE, group_colour, party_colour

MACHADO = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
}


def _linear(hex_colour: str) -> list[float]:
    h = hex_colour.lstrip("#")
    values = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in values]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    m = MACHADO[vision]
    return _lab([min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)])


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_big_h / s_h) ** 2 + r_t * (dc / s_c) * (d_big_h / s_h))


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
])
def test_ciede2000_matches_sharma_s_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia"])
def test_twenty_party_colours_and_other_are_pairwise_distinct(vision):
    colours = [party_colour(i) for i in range(20)] + [OTHER]
    assert len(set(c.lower() for c in colours)) == 21
    seen = [_seen(c, vision) for c in colours]
    worst = min(ciede2000(seen[i], seen[j]) for i in range(len(seen)) for j in range(i))
    assert worst >= MIN_DELTA_E, (vision, worst)


def test_the_bound_is_not_trivially_met():
    # a tab10-like palette (the old one) fails it for colour-blind readers
    old = ["#1f4e9c", "#e6a100", "#c0392b", "#2e8b57", "#7d3c98", "#16a085", "#7f8c8d", "#d35400"]
    seen = [_seen(c, "deuteranopia") for c in old]
    assert min(ciede2000(seen[i], seen[j]) for i in range(8) for j in range(i)) < MIN_DELTA_E


def test_party_colours_given_by_data_keep_priority():
    assert group_colour({"kind": "party", "index": 3, "colour": "#123456"}) == "#123456"
    assert group_colour({"kind": "party", "index": 3}) == PARTY_PALETTE[3]
    assert group_colour({"kind": "party", "index": 3, "colour": "red; x"}) == PARTY_PALETTE[3]
    assert group_colour({"filled_by": "nothing known"}) == OTHER
