"""Background mail: the coordinators' weekly digest of stale applications, and its place in beat's schedule."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.celery import app
from incubator.models import Application
from incubator.tasks import send_stale_digest
from incubator.workflow import State
from tests.incubator import factories

pytestmark = pytest.mark.django_db


def test_the_weekly_digest_is_in_beats_schedule():
    entry = app.conf.beat_schedule["incubator-stale-digest"]
    assert entry["task"] == "incubator.tasks.send_stale_digest"
    assert entry["task"] in app.tasks


def test_the_digest_lists_stale_open_applications_to_coordinators(coordinator, mentor, criteria, home_page):
    criteria.stale_days = 10
    criteria.save()
    stale = factories.ApplicationFactory(organisation_name="等了很久的志愿队", state=State.MENTORED, mentor=mentor)
    fresh = factories.ApplicationFactory(organisation_name="刚提交的志愿队")
    closed = factories.ApplicationFactory(organisation_name="已撤回的志愿队", state=State.WITHDRAWN)
    long_ago = timezone.now() - timedelta(days=11)
    Application.objects.filter(pk__in=[stale.pk, closed.pk]).update(state_changed_at=long_ago)

    assert send_stale_digest() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]  # mentors are not coordinators
    assert "等了很久的志愿队" in message.body
    assert fresh.organisation_name not in message.body
    assert closed.organisation_name not in message.body


def test_no_digest_when_nothing_is_stale(coordinator, home_page):
    factories.ApplicationFactory()
    assert send_stale_digest() == 0
    assert mail.outbox == []


def test_the_readme_shows_the_workflow_as_the_code_defines_it():
    from pathlib import Path

    from incubator import diagram

    readme = (Path(__file__).parents[2] / "incubator" / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{diagram.mermaid()}\n```" in readme


def test_plain_text_mail_shows_names_as_typed_not_html_escaped(home_page, django_capture_on_commit_callbacks):
    from incubator import services

    application = factories.ApplicationFactory.build(
        organisation_name="“A&B” <互助> 队", founder_name='O\'Brien <"张">', township=factories.TownshipFactory()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application)
    [message] = mail.outbox
    assert 'O\'Brien <"张">' in message.body
    assert "“A&B” <互助> 队" in message.body and "“A&B” <互助> 队" in message.subject
    assert "&lt;" not in message.body + message.subject and "&amp;" not in message.body + message.subject
    assert "&quot;" not in message.body and "&#x27;" not in message.body
