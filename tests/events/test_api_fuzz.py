"""Schema-driven fuzzing of the whole JSON API (schemathesis against the WSGI app) that reaches the booking rules.

Every response is validated against the OpenAPI schema (status code, content type, body, headers) and none is a 5xx.
The rate limits are lifted for the test (they are settings), so the fuzz does not stop at the 429 of the limiter;
about half the booking requests keep schemathesis' fuzzed body but take a plausible visitor's time, size and contact,
so the run must see the rules' three answers: 201 (held), 409 (taken: the times come from a small set, so they
collide) and 422 (a rule broken), on top of the 422 of bodies the schema refuses.
"""

import json
import sys
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.wsgi import application
from events.models import Booking
from tests.events.booking_support import at, make_room

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
BOOKINGS = "/api/rooms/{slug}/bookings"

# A plausible visitor: one of a few days and starts (08:00, 09:00, 14:00, 15:00, 18:00), one to two hours; so few
# slots that later requests collide with earlier ones.
visitor = st.fixed_dictionaries(
    {
        "day": st.integers(2, 5),
        "half_hour": st.sampled_from([0, 2, 12, 14, 20]),
        "length": st.sampled_from([60, 90, 120]),
        "attendees": st.integers(1, 40),
        "n": st.integers(0, 9),
    }
)


@pytest.fixture
def api_operations(db, settings):
    settings.EVENTS_BOOKING_RATE_PER_IP = "100000/h"
    settings.EVENTS_BOOKING_RATE_PER_CONTACT = "100000/h"
    # Like Django's test client: the end of a WSGI request must not close the test's connection (mid-transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    yield [result.ok() for result in schema.get_all_operations()]
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def as_plausible_visitor(case, person: dict) -> None:
    start = at(person["day"], 8) + timedelta(minutes=30 * person["half_hour"])
    case.body.update(
        start=start.isoformat(),
        end=(start + timedelta(minutes=person["length"])).isoformat(),
        attendees=person["attendees"],
        contact_phone=f"1380013{person['n']:04d}",
        contact_email=f"visitor{person['n']}@example.com",
        team=None,
        equipment=[],
    )


def test_the_whole_api_answers_by_its_schema_and_reaches_the_booking_rules(api_operations, capsys):
    make_room()
    seen: dict[str, Counter] = defaultdict(Counter)
    cases = st.sampled_from(api_operations).flatmap(lambda operation: operation.as_strategy())

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    # sampled_from and one_of lean towards their first choice: a real room and a plausible visitor
    @given(case=cases, real_room=st.sampled_from([True, True, True, False]), person=visitor | st.none())
    def check(case, real_room, person):
        if real_room and "slug" in (case.path_parameters or {}):
            case.path_parameters["slug"] = "living-room"  # three cases in four reach a room that exists
        if case.operation.path == BOOKINGS and person and isinstance(case.body, dict):
            as_plausible_visitor(case, person)
        response = case.call_and_validate(checks=CHECKS)
        seen[f"{case.method} {case.operation.path}"][response.status_code] += 1

    check()
    with capsys.disabled():
        sys.stdout.write(f"\napi fuzz: {json.dumps({k: dict(v) for k, v in sorted(seen.items())})}\n")
    bookings = seen[f"POST {BOOKINGS}"]
    assert {201, 409, 422} <= set(bookings), dict(bookings)  # held, taken, refused by a rule or the schema
    assert Booking.objects.count() == bookings[201]
    assert all(status < 500 for answers in seen.values() for status in answers)
    assert any(200 in answers for path, answers in seen.items() if path.startswith("GET")), dict(seen)
