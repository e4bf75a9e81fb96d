"""The events plugin and the page cache: bookings, duty shifts, activities and categories show on the next
anonymous request; the board, the roster and the room week are cached; pages roll over when an activity starts or
ends, or a booking request expires, without any edit."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from cms import page_cache
from events.bookings import rules as service
from events.models import Booking, BookingStatus
from tests.events.activities_fixtures import add_activity
from tests.events.booking_support import at, booking_request, make_room
from tests.events.factories import DutyShiftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    return settings


def html(client, path, **query):
    return client.get(path, query).content.decode()


def test_the_board_roster_and_room_week_are_cached(client, page_cache_on, board):
    room = make_room()
    client.get("/")  # the very first render creates the site's settings rows: itself a change
    for path in (board.url, "/events/duty/", room.get_absolute_url()):
        client.get(path)
        assert client.get(path)[page_cache.HIT_HEADER] == "hit", path


def test_a_duty_shift_shows_on_the_home_page_at_once(client, page_cache_on, home_page, team):
    client.get("/")
    assert team.name not in html(client, "/")
    DutyShiftFactory(team=team, date=timezone.localdate())
    assert team.name in html(client, "/")
    assert team.name in html(client, "/events/duty/")


def test_a_booking_shows_on_the_room_week_at_once(client, page_cache_on):
    room = make_room()
    day = at(3, 0).date().isoformat()
    assert "博罗义工联" not in html(client, room.get_absolute_url(), day=day)
    service.request_booking(booking_request(room, at(3, 9), at(3, 11), organiser_name="博罗义工联"))
    assert "博罗义工联" in html(client, room.get_absolute_url(), day=day)
    Booking.objects.filter(room=room).delete()
    assert "博罗义工联" not in html(client, room.get_absolute_url(), day=day)


def test_an_expired_request_frees_its_slot_at_once(client, page_cache_on):
    room = make_room()
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 11), organiser_name="博罗义工联"))
    day = at(3, 0).date().isoformat()
    assert "博罗义工联" in html(client, room.get_absolute_url(), day=day)
    Booking.objects.filter(pk=booking.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert service.expire_stale_requests() == 1  # a bulk update: no signal, the rules announce it
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.EXPIRED
    assert "博罗义工联" not in html(client, room.get_absolute_url(), day=day)


def test_a_published_activity_and_a_renamed_category_show_at_once(client, page_cache_on, board, category):
    client.get("/")
    client.get(board.url)
    activity = add_activity(board, title="河堤清洁行动", days=2, category=category)
    assert "河堤清洁行动" in html(client, "/")
    assert "河堤清洁行动" in html(client, board.url)
    category.name = "生态环保"
    category.save()
    assert "生态环保" in html(client, board.url)
    activity.unpublish()
    assert "河堤清洁行动" not in html(client, board.url)


def test_pages_roll_over_when_an_activity_starts_and_ends(page_cache_on, board):
    page_cache_on.PAGE_CACHE_TIMEOUT = 86400  # midnight and the activity bound the entries, not the timeout
    now = timezone.now().replace(microsecond=0)
    start = timezone.localtime(now + timedelta(minutes=30)).replace(second=0)
    if start.date() != timezone.localdate(now) or start.hour >= 23:
        pytest.skip("the activity would start after midnight, which bounds every entry anyway")
    add_activity(board, days=0, start=time(start.hour, start.minute), end=time(23, 30))
    assert page_cache.expires_at(now) == start
    during = start + timedelta(minutes=5)
    end = start.replace(hour=23, minute=30)
    assert page_cache.expires_at(during) == end


def test_pages_roll_over_when_a_request_expires(page_cache_on):
    page_cache_on.PAGE_CACHE_TIMEOUT = 86400
    room = make_room()
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 11)))
    now = timezone.now().replace(microsecond=0)
    soon = now + timedelta(minutes=20)
    Booking.objects.filter(pk=booking.pk).update(expires_at=soon)
    page_cache.content_changed()  # as any edit would; the bound is remembered per content version
    if timezone.localtime(soon).date() != timezone.localdate(now):
        pytest.skip("the request would expire after midnight, which bounds every entry anyway")
    assert page_cache.expires_at(now) == soon
