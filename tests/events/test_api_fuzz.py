"""Schema-driven fuzzing of the room API (schemathesis against the WSGI app): bad input never gives a 500."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.wsgi import application
from tests.events.booking_support import make_room

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOM_OPERATIONS = [
    ("/api/rooms", "GET"),
    ("/api/rooms/{slug}/availability", "GET"),
    ("/api/rooms/{slug}/bookings", "POST"),
]
DOCUMENTED = {200, 201, 400, 404, 405, 409, 422, 429}


@pytest.fixture
def room_operations(db):
    # Like Django's test client: the end of a WSGI request must not close the test's connection (mid-transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield load_operations()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def load_operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [schema[path][method] for path, method in ROOM_OPERATIONS]


def test_room_api_never_answers_500(room_operations):
    make_room()
    seen: dict[int, int] = {}
    cases = st.sampled_from(room_operations).flatmap(lambda operation: operation.as_strategy())

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=cases, real_room=st.booleans())
    def check(case, real_room):
        if real_room and case.path_parameters:
            case.path_parameters["slug"] = "living-room"  # half the cases reach a room that exists
        response = case.call()
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text[:500])
        assert response.status_code in DOCUMENTED, (case.method, case.formatted_path, response.status_code)

    check()
    assert {200, 422} <= set(seen), seen
