"""Property-based tests of the JSON API against its own OpenAPI schema (schemathesis):
whatever the schema allows, the server answers without a 5xx error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from respublika.web.app import create_app

_DB = Path(tempfile.mkdtemp(prefix="respublika-schema-")) / "api.db"
app = create_app(db_url=f"sqlite:///{_DB}")
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:500]}"
