"""Incubator mail through the broker: a transition queues the applicant's mail after the commit, a worker sends it.

The worker mails over SMTP to a test server (the test process keeps mail in memory); a refusing server is tried
again, and the audit entry is marked notified only once the mail went out.
"""

import pytest
from django.core import mail

from incubator.models import ApplicationEvent
from incubator.workflow import perform_transition
from tests.incubator import factories

pytestmark = [pytest.mark.slow, pytest.mark.requires_worker, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("refuse", [0, 1], ids=["server-up", "server-refuses-once"])
def test_the_applicant_is_mailed_by_a_worker(smtp_server, celery_worker, refuse):
    smtp_server.refuse = refuse
    coordinator = factories.UserFactory(username="worker-coordinator", is_superuser=True)
    application = factories.ApplicationFactory(
        mentor=factories.UserFactory(username="worker-mentor"), contact_email="founder@example.com"
    )

    event = perform_transition(application, "start_mentoring", coordinator)

    received = smtp_server.wait_for(1, timeout=90)
    assert smtp_server.refused == refuse
    assert [m.recipients for m in received] == [["founder@example.com"]]
    assert application.organisation_name in received[0].subject
    assert mail.outbox == []  # not sent by this process: the task ran in the worker
    assert celery_worker.wait_for_log("incubator.tasks.notify_state_change[")
    if refuse:
        assert celery_worker.wait_for_log("Retry in")
    assert celery_worker.wait_for_log("succeeded", timeout=30)
    event = ApplicationEvent.objects.get(pk=event.pk)
    assert event.notified_at is not None
