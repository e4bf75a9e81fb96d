"""Booking mail speaks the language the booking was made in, whichever language the sending worker runs in."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events.bookings import rules as service
from events.bookings.mail import send_notice
from events.models import Booking, BookingNotice
from tests.events.booking_support import at, booking_request, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


def form_data(**overrides):
    return {
        "date": at(3, 0).date().isoformat(),
        "start_time": "09:00",
        "end_time": "10:30",
        "purpose": "training",
        "title": "新志愿者岗前培训",
        "organiser_name": "罗阳街道志愿服务队",
        "contact_name": "王磊",
        "contact_phone": "13900001111",
        "contact_email": "wanglei@example.com",
        "attendees": "25",
        "equipment": [],
        "notes": "",
        "website": "",
    } | overrides


def run_later(callbacks, language):
    """Run what the request queued after its commit, as a worker whose active language is ``language`` would."""
    with translation.override(language):
        for callback in callbacks:
            callback()


def english_date(moment) -> str:
    """How the mail writes a booking's start in English, e.g. "Sunday 29 November 2026 09:00"."""
    return f"{moment:%A} {moment.day} {moment:%B} {moment.year} {moment:%H:%M}"


def test_a_booking_made_in_english_gets_english_mail(client, room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("events:booking_request", args=[room.slug]), form_data(), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 302
    run_later(callbacks, "zh-hans")

    booking = Booking.objects.get()
    assert booking.language == "en"
    [message] = mail.outbox
    assert message.subject == "We have received your function room booking request: 新志愿者岗前培训"
    assert message.body.startswith("Dear 王磊,")
    assert f"{english_date(at(3, 9))}–10:30" in message.body
    assert "您好" not in message.body and "星期" not in message.body and "月" not in message.body

    # Staff decide in Chinese; the requester still reads English.
    with translation.override("zh-hans"), django_capture_on_commit_callbacks() as callbacks:
        service.confirm_booking(booking)
    run_later(callbacks, "zh-hans")
    assert mail.outbox[-1].subject == "Your function room booking is confirmed: 新志愿者岗前培训"


def test_a_booking_made_in_chinese_gets_chinese_mail(client, room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("events:booking_request", args=[room.slug]), form_data(), HTTP_ACCEPT_LANGUAGE="zh-CN")
    run_later(callbacks, "en")

    assert Booking.objects.get().language == "zh-hans"
    [message] = mail.outbox
    assert message.subject == "已收到您的功能室预约申请:新志愿者岗前培训"
    assert message.body.startswith("王磊,您好:")
    start = at(3, 9)
    weekday = "一二三四五六日"[start.weekday()]
    assert f"{start.year}年{start.month}月{start.day}日 星期{weekday} 09:00–10:30" in message.body


def test_the_api_keeps_the_language_of_the_request(client, room):
    body = {
        "start": at(3, 9).isoformat(),
        "end": at(3, 10).isoformat(),
        "purpose": "exchange",
        "title": "志愿服务经验交流会",
        "contact_name": "陈晓",
        "contact_phone": "13600001234",
        "contact_email": "chenxiao@example.com",
        "attendees": 30,
    }
    url = f"/api/rooms/{room.slug}/bookings"
    response = client.post(url, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201
    assert Booking.objects.get().language == "en"


def test_bookings_made_by_other_code_are_in_the_sites_language(room):
    """Imports, the admin and other plugins that pass no language write to the requester in the site's language."""
    with translation.override("en"):
        booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), notify=False)
        assert send_notice(booking.pk, BookingNotice.Kind.REQUESTED)
    assert booking.language == "zh-hans"
    assert mail.outbox[0].subject == "已收到您的功能室预约申请:新志愿者培训"
