"""The incubator's demo content: every state, real audit entries, no mail, and a second run changes nothing."""

import io

import pytest
from django.core import mail

from cms.models import Team
from incubator.demo.applications import load_demo_content
from incubator.models import Application, ApplicationEvent, Grant, MentoringSession
from incubator.workflow import State

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Application.objects.values_list("organisation_name", "state")),
        ApplicationEvent.objects.count(),
        MentoringSession.objects.count(),
        Grant.objects.count(),
        Team.objects.count(),
    )


def test_demo_applications_cover_every_state_and_load_once(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_content(home_page, io.StringIO())
    first = snapshot()
    assert {state for _, state in first[0]} == set(State.values)
    assert mail.outbox == []

    mature = Application.objects.get(state=State.MATURE)
    assert mature.team is not None and mature.team.live is False
    assert mature.events.filter(kind="transition").count() == 3
    assert Application.objects.get(state=State.REJECTED).events.get(kind="transition").comment
    assert Application.objects.stale(14).exists()  # the dashboard and the digest have something to show

    output = io.StringIO()
    load_demo_content(home_page, output)
    assert snapshot() == first
    assert output.getvalue() == ""
