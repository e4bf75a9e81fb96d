"""News: the paginated index with a tag filter, scheduled publishing by Celery beat, moderation workflow."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState

from cms.demo.showroom import ensure_news_workflow
from cms.tasks import publish_scheduled_pages

from .showroom import heading_levels, make_news, make_news_index, skipped_levels

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return make_news_index(home_page)


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_index_lists_newest_first_twelve_a_page(client, news_index):
    for n in range(14):
        make_news(news_index, n)
    first = client.get("/news/")
    assert titles(first)[:2] == ["新闻13", "新闻12"] and len(titles(first)) == 12
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert titles(client.get("/news/?page=2")) == ["新闻1", "新闻0"]
    assert titles(client.get("/news/?page=99")) == ["新闻1", "新闻0"]  # past the end: the last page


def test_news_cards_follow_the_outline_of_the_index_and_of_the_home_page(client, news_index):
    """On /news/ the cards sit right under the page's h1 (h2); on the home page under its news section's h2 (h3)."""
    make_news(news_index, 1, title="总站开放日")
    index_levels = heading_levels(client.get("/news/").content.decode())
    assert index_levels.count(2) >= 1 and 3 not in index_levels
    assert skipped_levels(index_levels) == []
    home = client.get("/").content.decode()
    assert "总站开放日</a></h3>" in home
    assert skipped_levels(heading_levels(home)) == []


def test_tag_filter_keeps_the_tag_in_pagination_links(client, news_index):
    for n in range(13):
        make_news(news_index, n, tags=["公益项目"] if n % 2 == 0 else ["总站"])
    response = client.get("/news/", {"tag": "公益项目"})
    assert len(titles(response)) == 7
    assert all(int(title.removeprefix("新闻")) % 2 == 0 for title in titles(response))
    assert client.get("/news/", {"tag": "不存在"}).context["articles"].paginator.count == 0


def test_drafts_and_private_pages_are_not_listed(client, news_index):
    make_news(news_index, 1, title="已发布")
    make_news(news_index, 2, title="草稿").unpublish()
    assert titles(client.get("/news/")) == ["已发布"]


def test_scheduled_article_is_published_by_the_beat_task(client, news_index):
    article = make_news(news_index, 1, title="定时发布的新闻")
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save_revision().publish()  # with a future go-live time this only schedules it
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.url_path.removeprefix("/station")).status_code == 404

    publish_scheduled_pages.delay()
    article.refresh_from_db()
    assert not article.live  # not yet time

    in_two_hours = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=in_two_hours):  # time is the edge of the world
        publish_scheduled_pages.delay()
        publish_scheduled_pages.delay()  # running twice is harmless
    article.refresh_from_db()
    assert article.live
    assert titles(client.get("/news/")) == ["定时发布的新闻"]


def test_news_goes_through_the_moderation_workflow(news_index, admin_user):
    workflow = ensure_news_workflow(news_index)
    assert ensure_news_workflow(news_index) == workflow  # idempotent
    assert Workflow.objects.filter(name="新闻审核").count() == 1
    article = make_news(news_index, 1)
    assert article.get_workflow() == workflow

    article.title = "待审核的修改"
    article.save_revision(user=admin_user)
    state = workflow.start(article, admin_user)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "宣传负责人审核"
    assert state.current_task_state.task.specific.groups.filter(name="Moderators").exists()
    article.refresh_from_db()
    assert article.live and article.title == "新闻1"  # the live version waits for approval
