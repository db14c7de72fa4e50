"""API fuzzing: schemathesis against ``/api/openapi.json`` on a running ``maillage serve`` (loopback, free port).

Every operation of the OpenAPI description gets generated requests (a bounded number per operation); none may
answer 5xx, and every response must match the description (status, content type, body schema, headers).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import schemathesis
from schemathesis import checks
from hypothesis import HealthCheck, given, settings
from web_fixture import template_data

from tests.conftest import MAILLAGE_COMMAND, serving

#: Generated requests per operation: enough to reach every parameter's edge cases, bounded for `make test`.
EXAMPLES = 25


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """``maillage serve`` on the web fixture graph with a built index; yields its base URL."""
    data = tmp_path_factory.mktemp("schemathesis") / "data"
    shutil.copytree(template_data(), data)
    subprocess.run([*MAILLAGE_COMMAND, "--data", str(data), "index"], check=True, capture_output=True, timeout=300)
    with serving(data, env={"MAILLAGE_QUERY_TIMEOUT": "5"}) as url:
        yield url


def operations(url: str) -> list:
    """Every operation of the served OpenAPI description (schemathesis 4's pytest plugin fails under pytest 9,
    so operations are driven here with hypothesis directly)."""
    schema = schemathesis.openapi.from_url(url + "/api/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


#: What issue 8 asks: no 5xx, and responses as described. Schemathesis's stricter "schema-valid request rejected"
#: (positive_data_acceptance) is run by the test below, which says where the description is too loose.
CONFORMANCE = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
               checks.response_schema_conformance, checks.response_headers_conformance]


def fuzz(server_url: str, selected: list) -> dict[str, str]:
    """Run ``selected`` checks on generated requests for every operation; return the failures by operation."""
    failures = {}
    found = operations(server_url)
    assert len(found) >= 5
    for operation in found:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def run(case):
            case.call_and_validate(base_url=server_url, checks=selected)

        try:
            run()
        except Exception as exc:  # collected per operation, reported together
            failures[operation.label] = str(exc)[:1500]
    return failures


def report(failures: dict[str, str]) -> str:
    return "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def test_the_api_answers_every_generated_request_without_5xx_and_as_described(server_url):
    failures = fuzz(server_url, CONFORMANCE)
    assert not failures, report(failures)


@pytest.mark.xfail(reason="/api/search refuses with 400 a theme or goal filter that names nothing known, while its "
                          "description allows any string: the values are data, not an enum", strict=False)
def test_every_request_the_description_allows_is_accepted(server_url):
    failures = fuzz(server_url, [checks.positive_data_acceptance])
    assert not failures, report(failures)
