"""Hypothesis over the events plugin's public side: the booking request form, the booking and feed token URLs.

The form gets valid requests with a few fields spoiled: some must hold a slot (a redirect to the booking's page), some
be refused (422 with the errors, 409 with free slots), none may give a 500. The rate limits are lifted (settings).
"""

from collections import Counter, defaultdict
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Booking
from tests.events.booking_support import at, make_room
from tests.events.factories import BookingFactory, FeedTokenFactory
from tests.form_fuzz import report, spoiled

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture
def room(settings, home_page):
    settings.EVENTS_BOOKING_RATE_PER_IP = "100000/h"
    settings.EVENTS_BOOKING_RATE_PER_CONTACT = "100000/h"
    return make_room()


def test_the_booking_form_holds_refuses_and_never_fails(client, room, capsys):
    seen: dict[str, Counter] = defaultdict(Counter)
    valid = {
        "purpose": "training",
        "title": "新志愿者岗前培训",
        "organiser_name": "罗阳街道志愿服务队",
        "contact_name": "王磊",
        "contact_phone": "13900001111",
        "contact_email": "wanglei@example.com",
        "attendees": "25",
    }
    # the times come from a small set, so requests collide (409) as well as succeed; the last three break the hours
    hours = [("08:00", "09:30"), ("09:00", "10:00"), ("10:30", "11:30"), ("14:00", "16:00"), ("19:30", "21:00")]
    hours += [("07:00", "09:00"), ("11:00", "14:30"), ("20:00", "21:30")]
    times = st.tuples(st.integers(3, 10), st.sampled_from(hours)).map(
        lambda pick: {"date": at(pick[0], 0).date().isoformat(), "start_time": pick[1][0], "end_time": pick[1][1]}
    )

    @FUZZ
    @given(data=spoiled(valid), when=times)
    def submit(data, when):
        before = Booking.objects.count()
        response = client.post(f"/events/room/{room.slug}/book/", when | data)
        assert response.status_code in {302, 409, 422}, (response.status_code, when | data)
        assert (Booking.objects.count() - before == 1) == (response.status_code == 302)
        seen["booking request"][response.status_code] += 1

    submit()
    report(capsys, "booking form fuzz", seen)
    answers = seen["booking request"]
    assert answers[302] >= 3 and answers[409] >= 1 and answers[422] >= 3, answers


def test_token_urls_answer_the_right_token_and_nothing_else(client, room, capsys):
    booking = BookingFactory(room=room, start=at(3, 9), end=at(3, 10))
    feed = FeedTokenFactory()
    seen: dict[str, Counter] = defaultdict(Counter)
    urls = {
        "booking manage": ("/events/booking/{}/", booking.manage_token),
        "booking .ics": ("/events/booking/{}/booking.ics", booking.manage_token),
        "private feed": ("/events/feeds/private/{}.ics", feed.token),
        "room feed": ("/events/feeds/rooms/{}.ics", room.slug),
    }

    @FUZZ
    @given(name=st.sampled_from(sorted(urls)), real=st.booleans(), junk=st.text(min_size=1, max_size=40))
    def visit(name, real, junk):
        pattern, token = urls[name]
        response = client.get(pattern.format(quote(token if real else junk, safe="")))
        expected = {200} if real else {404}
        assert response.status_code in expected, (name, real, junk, response.status_code)
        seen[name][response.status_code] += 1

    visit()
    report(capsys, "token url fuzz", seen)
    assert all(answers[200] and answers[404] for answers in seen.values()) and len(seen) == len(urls), seen
