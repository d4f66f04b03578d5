"""Property-based tests of the JSON API against its own OpenAPI schema (schemathesis), with
every check on: no server error, every status and every body as the schema declares
(errors included), schema-violating requests refused, schema-valid ones answered.

One setting is the project's: a request of the right shape may still be refused by the
engine or the profile (an act not legal now, a profile that does not exist, a date out of
range): that is a 400 or 422 with its message, which the schema cannot promise away. The
examples are few per operation and derandomized, so that the run is bounded in time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from respublika.web.app import create_app

_DB = Path(tempfile.mkdtemp(prefix="respublika-schema-")) / "api.db"
app = create_app(db_url=f"sqlite:///{_DB}")
config = schemathesis.Config.from_dict({"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "400", "403", "404", "409", "422"]}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config).exclude(
    path="/api/montecarlo", method="POST")  # each example would start minutes of simulation (test_web_human runs it)
EVERY_CHECK = list(CHECKS.get_all())


def test_every_check_is_on():
    names = {check.__name__ for check in EVERY_CHECK}
    assert {"not_a_server_error", "status_code_conformance", "response_schema_conformance",
            "content_type_conformance", "negative_data_rejection", "positive_data_acceptance"} <= names


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_declared(case):
    case.call_and_validate(checks=EVERY_CHECK)
