"""Staff side of the bookings in the Wagtail admin: requests first, approve/decline, create, move, calendar, export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from events.bookings import rules as service
from events.models import Booking, BookingStatus
from tests.events.booking_support import at, booking_request, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def book(room, start, end, **kw):
    return service.request_booking(booking_request(room, start, end, **kw))


def test_requests_waiting_come_first(staff, room):
    confirmed = service.request_booking(booking_request(room, at(3, 9), at(3, 10), title="早场已确认"), confirm=True)
    waiting = book(room, at(5, 9), at(5, 10), title="后面的待审核")
    html = staff.get(reverse("events_booking:index")).content.decode()
    assert html.index(waiting.title) < html.index(confirmed.title)
    assert reverse("events_booking:approve", args=[waiting.pk]) in html
    assert reverse("events_booking:approve", args=[confirmed.pk]) not in html


def test_index_query_count_does_not_grow(staff, room, django_assert_max_num_queries):
    book(room, at(3, 9), at(3, 10), title="培训第3天")
    staff.get(reverse("events_booking:index"))
    with django_assert_max_num_queries(40) as few:
        html = staff.get(reverse("events_booking:index")).content.decode()
    assert "培训第3天" in html
    for day in range(4, 14):
        book(room, at(day, 9), at(day, 10), title=f"培训第{day}天")
    with django_assert_max_num_queries(len(few)):
        response = staff.get(reverse("events_booking:index"))
    assert response.status_code == 200
    assert all(f"培训第{day}天" in response.content.decode() for day in range(3, 14))  # every row is rendered


def test_filters_and_search(staff, room):
    waiting = book(room, at(3, 9), at(3, 10), title="孵化辅导", purpose="incubation")
    service.request_booking(booking_request(room, at(4, 9), at(4, 10), title="岗前培训"), confirm=True)
    html = staff.get(reverse("events_booking:index"), {"status": "requested"}).content.decode()
    assert waiting.title in html and "岗前培训" not in html
    html = staff.get(reverse("events_booking:index"), {"purpose": "training"}).content.decode()
    assert "岗前培训" in html and waiting.title not in html
    html = staff.get(reverse("events_booking:index"), {"q": "孵化"}).content.decode()
    assert waiting.title in html


def test_approve_with_a_message(staff, room, admin_user, django_capture_on_commit_callbacks):
    booking = book(room, at(3, 9), at(3, 10))
    url = reverse("events_booking:approve", args=[booking.pk])
    assert "批准预约申请" in staff.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"message": "请提前十分钟到场布置"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.decided_by, booking.decision_message) == (
        "confirmed",
        admin_user,
        "请提前十分钟到场布置",
    )
    assert "请提前十分钟到场布置" in mail.outbox[-1].body
    staff.post(url, {"message": "again"})  # a second approval is refused by the service, not applied twice
    booking.refresh_from_db()
    assert booking.decision_message == "请提前十分钟到场布置"


def test_decline_with_a_message_releases_the_slot(staff, room, django_capture_on_commit_callbacks):
    booking = book(room, at(3, 9), at(3, 10))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("events_booking:decline", args=[booking.pk]), {"message": "当天县里有会议"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED
    assert "当天县里有会议" in mail.outbox[-1].body
    assert book(room, at(3, 9), at(3, 10)).pk


def test_staff_can_create_a_confirmed_booking_through_the_rules(staff, room, admin_user):
    data = {
        "room": room.pk,
        "start_0": at(3, 14).date().isoformat(),
        "start_1": "14:00",
        "start": at(3, 14).strftime("%Y-%m-%d %H:%M"),
        "end": at(3, 16).strftime("%Y-%m-%d %H:%M"),
        "purpose": "exchange",
        "title": "县志愿服务联合会座谈",
        "organiser_name": "博罗县志愿服务联合会",
        "contact_name": "张华",
        "contact_phone": "0752-6123456",
        "contact_email": "federation@example.com",
        "attendees": "20",
        "confirm_now": "on",
    }
    response = staff.post(reverse("events_booking:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    booking = Booking.objects.get()
    assert (booking.status, booking.created_by, booking.blocked_end) == ("confirmed", admin_user, at(3, 16, 15))
    response = staff.post(reverse("events_booking:add"), data | {"title": "重复"})
    assert response.status_code == 200 and "已被预约" in response.content.decode()
    response = staff.post(reverse("events_booking:add"), data | {"start": at(3, 12).strftime("%Y-%m-%d %H:%M")})
    assert "开放时间" in response.content.decode()
    assert Booking.objects.count() == 1


def test_staff_move_a_booking_under_the_rules(staff, room):
    booking = book(room, at(3, 9), at(3, 10))
    book(room, at(3, 15), at(3, 16))
    data = {
        "start": at(3, 10).strftime("%Y-%m-%d %H:%M"),
        "end": at(3, 11).strftime("%Y-%m-%d %H:%M"),
        "title": "改期后的培训",
        "organiser_name": booking.organiser_name,
        "contact_name": booking.contact_name,
        "contact_phone": booking.contact_phone,
        "contact_email": booking.contact_email,
    }
    assert staff.post(reverse("events_booking:edit", args=[booking.pk]), data).status_code == 302
    booking.refresh_from_db()
    assert (booking.start, booking.title, booking.blocked_end) == (at(3, 10), "改期后的培训", at(3, 11, 15))
    clash = data | {"start": at(3, 15, 30).strftime("%Y-%m-%d %H:%M"), "end": at(3, 16, 30).strftime("%Y-%m-%d %H:%M")}
    response = staff.post(reverse("events_booking:edit", args=[booking.pk]), clash)
    assert "已被预约" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(3, 10)


def test_week_calendar_and_export(staff, room):
    book(room, at(3, 9), at(3, 10), title="日历里的培训")
    html = staff.get(reverse("events_booking:calendar"), {"week": at(3, 0).date().isoformat()}).content.decode()
    assert "日历里的培训" in html and "待审核" in html
    assert staff.get(reverse("events_booking:calendar"), {"week": "nonsense"}).status_code == 200
    response = staff.get(reverse("events_booking:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "日历里的培训" in body and "lifang@example.com" in body


def test_the_export_opens_in_excel_and_runs_no_formula_from_the_public(staff, room):
    """A booking request's fields are typed by anyone: in the CSV they stay text (issue 11)."""
    book(room, at(3, 9), at(3, 10), title='=HYPERLINK("http://evil.example","点我")', contact_name="@李芳")
    response = staff.get(reverse("events_booking:index"), {"export": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel on Chinese Windows reads UTF-8 only with its mark
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert '\'=HYPERLINK("http://evil.example","点我")' in rows[1]
    assert "'@李芳" in rows[1]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in rows[1])


def test_room_admin_edits_rules(staff, room):
    url = reverse("events_room:edit", args=[room.pk])
    html = staff.get(url).content.decode()
    assert "开放时间" in html and "闭馆时段" in html and "投影仪" in html


def test_editors_without_booking_permissions_cannot_decide(client, room, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    group = Group.objects.create(name="宣传")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    booking = book(room, at(3, 9), at(3, 10))
    assert client.post(reverse("events_booking:approve", args=[booking.pk])).status_code in (302, 403)
    assert client.get(reverse("events_booking:calendar")).status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_dashboard_lists_waiting_requests(staff, room):
    book(room, at(3, 9), at(3, 10), title="待审核的交流会")
    html = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "待审核的功能室预约" in html and "待审核的交流会" in html


def test_staff_cancel_a_confirmed_booking(staff, room, django_capture_on_commit_callbacks):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), confirm=True)
    html = staff.get(reverse("events_booking:index")).content.decode()
    assert reverse("events_booking:cancel", args=[booking.pk]) in html
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("events_booking:cancel", args=[booking.pk]), {"message": "功能室临时检修"})
    booking.refresh_from_db()
    assert (booking.status, booking.decision_message) == (BookingStatus.CANCELLED, "功能室临时检修")
    assert "功能室临时检修" in mail.outbox[-1].body
