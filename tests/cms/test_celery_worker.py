"""A real Celery worker process, fed through Redis, does the core's scheduled publishing against the real database."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.tasks import publish_scheduled_pages

pytestmark = [pytest.mark.slow, pytest.mark.requires_worker]


@pytest.mark.django_db(transaction=True)
def test_worker_publishes_a_scheduled_page(home_page, celery_worker):
    page = home_page.add_child(instance=Page(title="定时发布的页面", slug="scheduled", live=False))
    page.title = "定时发布的页面(已上线)"
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    assert not Page.objects.get(pk=page.pk).live

    result = publish_scheduled_pages.delay()

    assert result.__class__.__name__ == "AsyncResult"  # sent to the broker, not run here (EagerResult)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not Page.objects.get(pk=page.pk).live:
        time.sleep(0.5)
    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert page.title == "定时发布的页面(已上线)"
    # the worker's own log names the task it ran: the page was published by that process
    assert celery_worker.wait_for_log(f"cms.tasks.publish_scheduled_pages[{result.id}] succeeded")
