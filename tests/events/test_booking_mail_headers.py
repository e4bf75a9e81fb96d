"""A booking's title goes into its mail's subject: a title over two lines must not lose the mail or answer 500."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.events.booking_support import at, make_room
from tests.events.test_mail_language import form_data


@pytest.mark.django_db
def test_a_booking_titled_over_two_lines_is_confirmed_by_mail(client, django_capture_on_commit_callbacks):
    room = make_room()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:booking_request", args=[room.slug]),
            form_data(date=at(3, 0).date().isoformat(), title="岗前培训\n第二期\x0b(下午)"),
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "岗前培训 第二期 (下午)" in mail.outbox[0].subject
    assert "\n" not in mail.outbox[0].subject
