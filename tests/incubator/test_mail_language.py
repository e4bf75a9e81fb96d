"""Mail speaks its reader's language: applicants the one they applied in, mentors the admin language of their profile.

The worker that sends the mail runs later, in whatever language is active there; each test runs the queued tasks
under the *other* language, so only the language stored with the application (or the mentor's profile) can win.
"""

import re

import pytest
from django.apps import apps
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from incubator import services
from incubator.models import Application
from incubator.workflow import State
from tests.factories import TownshipFactory
from tests.incubator import factories

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")
NAME = "石湾镇“银龄互助”志愿服务队"


@pytest.fixture
def form_data(home_page):
    township = TownshipFactory(name="石湾镇", slug="shiwan")
    return {
        "organisation_name": NAME,
        "founder_name": "张桂芳",
        "contact_phone": "13800138000",
        "contact_email": "zhang@example.com",
        "township": township.pk,
        "field_of_service": "elderly",
        "member_count": "15",
        "introduction": "退休教师发起,关爱独居老人。",
        "planned_projects": "每周上门探访。",
        "support_needed": ["team_building"],
        "agree": "on",
        "website": "",
    }


def run_later(callbacks, language):
    """Run what the request queued after its commit, as a worker whose active language is ``language`` would."""
    with translation.override(language):
        for callback in callbacks:
            callback()


def test_an_application_made_in_english_gets_its_receipt_in_english(
    client, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/incubator/apply/", form_data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    run_later(callbacks, "zh-hans")

    assert Application.objects.get().language == "en"
    [message] = mail.outbox
    assert message.subject == f"Incubation application for “{NAME}” received"
    assert message.body.startswith("Dear 张桂芳,")
    assert "您好" not in message.body and "博罗志愿服务总站已收到" not in message.body


def test_an_application_made_in_chinese_gets_chinese_mail(client, form_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        client.post("/incubator/apply/", form_data, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    run_later(callbacks, "en")

    assert Application.objects.get().language == "zh-hans"
    [message] = mail.outbox
    assert message.subject == f"已收到“{NAME}”的孵化申请"
    assert message.body.startswith("张桂芳,您好:")


def test_later_mail_to_the_applicant_keeps_their_language(coordinator, mentor, django_capture_on_commit_callbacks):
    application = factories.ApplicationFactory(language="en")
    with django_capture_on_commit_callbacks() as callbacks:
        services.add_comment(application, coordinator, "请补充章程", "applicant", notify=True)
    run_later(callbacks, "zh-hans")

    [message] = mail.outbox
    assert message.to == [application.contact_email]
    assert message.body.startswith(f"Dear {application.founder_name},")
    assert "请补充章程" in message.body  # staff's own words stay as written
    assert not HAN.search(message.subject.replace(application.organisation_name, ""))


def test_mentors_get_mail_in_their_admin_language(
    coordinator, mentor, other_mentor, django_capture_on_commit_callbacks
):
    """A mentor who chose English in their profile reads English; one who chose nothing reads the site's Chinese."""
    UserProfile.objects.update_or_create(user=mentor, defaults={"preferred_language": "en"})
    first, second = factories.ApplicationFactory(language="zh-hans"), factories.ApplicationFactory(language="en")
    with django_capture_on_commit_callbacks() as callbacks:
        services.assign_mentor(first, mentor, coordinator)
    run_later(callbacks, "zh-hans")
    with django_capture_on_commit_callbacks() as callbacks:
        services.assign_mentor(second, other_mentor, coordinator)
    run_later(callbacks, "en")

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([mentor.email], f"Please mentor “{first.organisation_name}”"),
        ([other_mentor.email], f"请您辅导“{second.organisation_name}”"),
    ]


def test_status_links_are_sent_in_the_language_they_were_asked_in(
    client, home_page, django_capture_on_commit_callbacks
):
    application = factories.ApplicationFactory(language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/incubator/status/resend/", {"email": application.contact_email}, HTTP_ACCEPT_LANGUAGE="en")

    [message] = mail.outbox
    assert message.subject == "Your incubation application progress links"
    assert application.get_status_url() in message.body


@pytest.mark.skipif(not apps.is_installed("events"), reason="the events plugin is not installed")
def test_the_room_booked_for_a_session_mails_the_applicant_in_their_language(coordinator, mentor, home_page):
    from events.models import Booking
    from tests.events.booking_support import at, make_room

    make_room()
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor, language="en")
    session = factories.SessionFactory(application=application, mentor=mentor, starts_at=at(3, 9))
    services.reserve_function_room(session, coordinator)

    assert Booking.objects.get(pk=session.room_booking_id).language == "en"
