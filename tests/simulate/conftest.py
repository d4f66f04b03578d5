"""Shared fixtures: short simulations (a few years, few bills) keep the suite fast."""

from __future__ import annotations

import pytest

from respublika.simulate import SimParams


@pytest.fixture
def small() -> SimParams:
    """Few bills, frequent crises that try to dissolve Parliament: every path is exercised."""
    return SimParams(rate=30, crisis_rate=0.6, dissolve_chance=1.0, dissolve_days=5, crisis_days=60)
