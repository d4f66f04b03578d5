"""Database URLs for the store tests: a SQLite file always; PostgreSQL when
``RESPUBLIKA_TEST_PG_URL`` is set (tests marked ``postgres``)."""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("RESPUBLIKA_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'log.db'}"
    if not PG_URL:
        pytest.skip("RESPUBLIKA_TEST_PG_URL is not set")
    return PG_URL


@pytest.fixture
def world_name():
    """Unique per test, so tests can share a PostgreSQL database."""
    return f"w-{uuid.uuid4().hex[:12]}"
