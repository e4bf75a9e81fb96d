"""With Redis stopped a booking request still succeeds, and its mail waits in the outbox until Redis is back."""

import pytest
from django.core import mail
from django.urls import reverse

from cms.models import OutboxEntry
from events.models import Booking, BookingNotice
from tests.events.booking_support import make_room
from tests.events.test_mail_language import form_data
from tests.outbox_support import broker_back_and_sweep

pytestmark = pytest.mark.django_db


def test_a_booking_request_made_while_redis_is_away_is_mailed_once_it_is_back(
    client, redis_away, django_capture_on_commit_callbacks
):
    room = make_room()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:booking_request", args=[room.slug]), form_data())
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert mail.outbox == []
    assert OutboxEntry.objects.filter(done_at__isnull=True).count() == 1

    assert broker_back_and_sweep() == 1
    assert [message.to for message in mail.outbox] == [[booking.contact_email]]
    assert BookingNotice.objects.filter(booking=booking, kind=BookingNotice.Kind.REQUESTED).count() == 1
    broker_back_and_sweep()
    assert len(mail.outbox) == 1  # never twice
