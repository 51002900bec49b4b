"""No input gets a 500: every route, as every role, with fuzzed addresses, query strings
and form posts. Bad input is refused with a 4xx and a message; it never breaks a page.

Each case is one request in its own savepoint, rolled back after it, so every case meets
the same world (a POST that leaves a community or deletes a thread changes nothing for
the next one). The seed is fixed: a run finds what the last one found.
"""

import functools
import time
from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import strategies
from tests.fuzz.conftest import CASES_PER_RUN, RUNS
from tests.fuzz.report import TALLY
from tests.fuzz.routes import admin_routes, site_routes

pytestmark = pytest.mark.fuzz


@functools.cache
def _targets(role: str) -> st.SearchStrategy[tuple]:
    routes = admin_routes() if role == "staff_admin" else site_routes()
    return st.sampled_from([(route, m) for route in routes for m in sorted(route.methods)])


class Stopwatch:
    def __init__(self):
        self.started = time.monotonic()

    def stop(self) -> None:
        TALLY.seconds += time.monotonic() - self.started


def _post(client, target: str, data: dict, multipart: bool):
    if multipart or any(hasattr(value, "read") for value in data.values()):
        return client.post(target, data)  # as a browser sends a form with files
    body = urlencode(data, doseq=True)
    return client.post(target, body, content_type="application/x-www-form-urlencoded")


# Each example shares the role's world and client: the function-scoped fixtures are made
# once for all of a test's examples on purpose, and every request rolls its writes back.
@pytest.mark.parametrize("visitor", RUNS, indirect=True)
@settings(
    max_examples=CASES_PER_RUN,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_no_input_gets_a_500(fuzz_world, visitor, data):
    role, client, seen = visitor
    stopwatch = Stopwatch()
    route, method = data.draw(_targets(role), label="route")
    path = data.draw(strategies.paths(route, fuzz_world, seen), label="path")
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)  # signing out in a case signs out that case only
    status = asked = None
    try:
        with transaction.atomic():
            if method == "GET":
                query = data.draw(strategies.query_strings(route, fuzz_world, seen))
                asked = target = f"{path}?{query}" if query else path
                response = client.get(target)
            else:
                form = data.draw(strategies.forms_for(route, seen, path))
                target = data.draw(st.sampled_from([form.path, path]))
                fields = data.draw(strategies.form_data(form, fuzz_world, seen))
                multipart = data.draw(st.booleans())
                asked = target
                response = _post(client, target, fields, multipart)
            status = response.status_code
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        if asked:  # not when Hypothesis stopped the case while drawing it
            TALLY.note(role, method, route.name, status)
        stopwatch.stop()
    assert status < 500, f"{method} {target} answered {status} to {role}"
