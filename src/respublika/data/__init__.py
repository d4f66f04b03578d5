"""Real election results shipped with the package (with their sources), for examples."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def election(name: str) -> dict[str, Any]:
    """A shipped result file by name, e.g. ``"mazhilis-2021"``."""
    path = resources.files("respublika.data").joinpath(f"{name}.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def published_seats(name: str) -> dict[str, int]:
    """Party -> published seats, for parties that won any."""
    return {p["party"]: p["published_seats"] for p in election(name)["parties"] if p["published_seats"]}
