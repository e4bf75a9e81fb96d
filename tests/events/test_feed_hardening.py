"""The feeds under hostile input and careless use: control characters, folding, HEAD, and private tokens that die
with their user's account or permission."""

import icalendar
import pytest
from django.contrib.auth.models import Permission
from hypothesis import given
from hypothesis import strategies as st

from events.ical.writer import escape_text, fold, text
from events.models import FeedToken
from tests.events.activities_fixtures import add_activity
from tests.events.factories import FeedTokenFactory
from tests.events.test_feeds import content, feed_urls, parse_with_all  # noqa: F401

PASTED_FROM_WORD = "第一行\x0b第二行\r第三行\r\n第四行\x00\x01\x1b\x7f\t结束"


def test_control_characters_are_dropped_and_a_lone_cr_is_a_line_break():
    assert escape_text(PASTED_FROM_WORD) == "第一行第二行\\n第三行\\n第四行\t结束"
    assert escape_text("C:\\New; a,b") == "C:\\\\New\\; a\\,b"  # a typed \N stays text


def test_every_parser_accepts_a_feed_with_text_pasted_from_word(client, board, category):
    add_activity(board, "敬老\x0b探访\x0c", days=2, category=category, location="北门\r社区\x1f")
    for url in ("/events/feeds/activities.ics", "/events/feeds/activities/zhulao.ics"):
        body = client.get(url).content
        assert not any(chr(c).encode() in body for c in [*range(9), *range(11, 13), *range(14, 32), 127])
        event = parse_with_all(body).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "敬老探访"
        assert str(event["LOCATION"]) == "北门\n社区"


def physical_lines(folded: str) -> list[str]:
    return folded.split("\r\n")


def test_a_fold_never_separates_a_backslash_from_what_it_escapes():
    for prefix in range(1, 80):  # the escape lands on every possible fold position
        line = text("DESCRIPTION", "x" * prefix + ";,\\\n" * 30)
        for part in physical_lines(line)[:-1]:
            run = len(part) - len(part.rstrip("\\"))
            assert run % 2 == 0, (prefix, part)
        assert all(len(part.encode()) <= 75 for part in physical_lines(line))


@given(st.text(alphabet=st.sampled_from(["\\", ";", ",", "\n", "\r", "\x0b", "a", "志", "𠀋", "é", " "]), max_size=300))
def test_folded_text_round_trips_through_icalendar(value):
    line = text("DESCRIPTION", value)
    parts = physical_lines(line)
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    for part in parts[:-1]:
        assert (len(part) - len(part.rstrip("\\"))) % 2 == 0
    assert fold(line.replace("\r\n ", "")) == line
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    expected = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "")
    assert str(event["DESCRIPTION"]) == expected


@pytest.mark.django_db
def test_head_on_every_feed_answers_like_get_without_a_body(client, content):  # noqa: F811
    for url in feed_urls(content):
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == 200, url
        assert head.content == b""
        for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Disposition"):
            assert head.get(header) == get.get(header), (url, header)
        assert int(head["Content-Length"]) == len(get.content)
        assert client.head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
    assert client.head("/events/feeds/rooms/nope.ics").status_code == 404
    assert client.post("/events/feeds/activities.ics").status_code == 405


@pytest.mark.django_db
def test_a_private_feed_dies_with_its_users_account_or_permission(client, content):  # noqa: F811
    token = content["token"]
    url = token.get_absolute_url()
    user = token.user
    assert client.get(url).status_code == 200

    user.is_active = False
    user.save()
    assert client.get(url).status_code == 404
    assert client.head(url).status_code == 404

    user.is_active = True
    user.save()
    user.user_permissions.clear()
    assert client.get(FeedToken.objects.get(pk=token.pk).get_absolute_url()).status_code == 404

    user.user_permissions.add(Permission.objects.get(codename="change_booking", content_type__app_label="events"))
    assert client.get(url).status_code == 200  # an editor of bookings may read them


@pytest.mark.django_db
def test_a_token_without_the_permission_never_opens_the_feed(client, board):
    assert client.get(FeedTokenFactory(sees_bookings=False).get_absolute_url()).status_code == 404
    superuser = FeedTokenFactory(user__is_superuser=True, sees_bookings=False)
    assert client.get(superuser.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_tokens_have_at_least_128_bits_and_wrong_ones_are_refused(client, board):
    token = FeedTokenFactory()
    assert len(token.token) >= 22  # 22 URL-safe base64 characters hold 132 bits
    assert FeedToken.objects.exclude(token=token.token).count() == 0
    for wrong in (token.token[:-1], token.token + "a", token.token.upper(), "x" * 200, "-"):
        assert client.get(f"/events/feeds/private/{wrong}.ics").status_code == 404


@pytest.mark.django_db
def test_a_staff_member_creates_renews_and_revokes_their_own_feed_addresses(client, board):
    mine = FeedTokenFactory(user__username="mine")
    other = FeedTokenFactory(user__username="other")
    user = mine.user
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    page = client.get("/admin/events/my-calendar/")
    assert page.status_code == 200
    html = page.content.decode()
    assert mine.token in html and other.token not in html

    old = mine.token
    assert client.post("/admin/events/my-calendar/", {"action": "renew", "token": mine.pk}).status_code == 302
    mine.refresh_from_db()
    assert mine.token != old and mine.grants_access()
    assert client.get(f"/events/feeds/private/{old}.ics").status_code == 404
    assert client.get(mine.get_absolute_url()).status_code == 200

    client.post("/admin/events/my-calendar/", {"action": "revoke", "token": mine.pk})
    assert client.get(FeedToken.objects.get(pk=mine.pk).get_absolute_url()).status_code == 404
    client.post("/admin/events/my-calendar/", {"action": "create", "label": "手机"})
    assert user.feed_tokens.get(label="手机").grants_access()

    # someone else's token, or nonsense, is not theirs to touch
    assert client.post("/admin/events/my-calendar/", {"action": "revoke", "token": other.pk}).status_code == 404
    assert client.post("/admin/events/my-calendar/", {"action": "renew", "token": "x\x00"}).status_code == 404
    other.refresh_from_db()
    assert other.grants_access()


@pytest.mark.django_db
def test_the_page_is_for_people_who_may_see_bookings_only(client, board):
    token = FeedTokenFactory(sees_bookings=False)
    token.user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(token.user)
    assert client.get("/admin/events/my-calendar/").status_code in (302, 403)
    assert client.post("/admin/events/my-calendar/", {"action": "create"}).status_code in (302, 403)
    assert FeedToken.objects.count() == 1
