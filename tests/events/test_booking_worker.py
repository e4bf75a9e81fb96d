"""Booking mail through the broker: a booking request queues its mail after the commit, a real worker sends it.

The worker sends over SMTP to a test server (the test process keeps mail in memory), so a mail received there, and
the worker's log naming the task, show it was not run eagerly in the request. A mail server that refuses at first
is tried again: the notice is recorded only with the mail that really went out.
"""

import json

import pytest
from django.core import mail

from events.models import Booking, BookingNotice
from tests.events.booking_support import at, make_room

pytestmark = [pytest.mark.slow, pytest.mark.requires_worker, pytest.mark.django_db(transaction=True)]

TASK = "events.tasks.send_booking_notice"


def request_booking(client):
    body = {
        "start": at(3, 9).isoformat(),
        "end": at(3, 10, 30).isoformat(),
        "purpose": "exchange",
        "title": "志愿服务经验交流会",
        "contact_name": "陈晓",
        "contact_phone": "13600001234",
        "contact_email": "chenxiao@example.com",
        "attendees": 30,
    }
    response = client.post("/api/rooms/living-room/bookings", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    return Booking.objects.get()


def test_the_request_mail_is_sent_by_a_worker(client, smtp_server, celery_worker):
    make_room()
    booking = request_booking(client)

    received = smtp_server.wait_for(1)

    assert [(m.recipients, m.subject) for m in received] == [
        (["chenxiao@example.com"], "已收到您的功能室预约申请:志愿服务经验交流会")
    ]
    assert mail.outbox == []  # nothing was sent by this process: the task did not run eagerly
    assert celery_worker.wait_for_log(f"{TASK}[")  # received and run by the worker
    assert celery_worker.wait_for_log("succeeded", timeout=30)
    assert list(BookingNotice.objects.filter(booking=booking).values_list("kind", flat=True)) == ["requested"]


def test_a_mail_server_that_refuses_first_gets_the_mail_on_the_retry(client, smtp_server, celery_worker):
    smtp_server.refuse = 1
    make_room()
    booking = request_booking(client)

    received = smtp_server.wait_for(1, timeout=90)

    assert smtp_server.refused == 1
    assert [m.recipients for m in received] == [["chenxiao@example.com"]]
    assert celery_worker.wait_for_log("Retry in")  # the worker's own retry, after the 421
    assert celery_worker.wait_for_log("succeeded", timeout=30)
    assert BookingNotice.objects.filter(booking=booking).count() == 1
    assert mail.outbox == []
