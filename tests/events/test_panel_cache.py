"""The events panels are kept in the cache between edits: an edit shows on the next request, time rolls them over."""

from datetime import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.demo.teams import ensure_team_index_page
from events.duty import rota
from events.ical.cache import ACTIVITIES, versions
from events.models import DutyShift
from events.panels import UpcomingActivitiesPanel, seconds_to_midnight
from tests.events.activities_fixtures import add_activity, publish
from tests.factories import TeamFactory


def tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_the_upcoming_activities_are_read_once_then_kept(client, board, home_page):
    add_activity(board, "明天的活动", days=1)
    assert "events_occurrencechange" in tables_read(client, "/")
    assert "events_occurrencechange" not in tables_read(client, "/")
    assert "明天的活动" in client.get("/").content.decode()


def test_an_edited_activity_shows_on_the_next_home_page(client, board, home_page):
    activity = add_activity(board, "明天的活动", days=1)
    assert "明天的活动" in client.get("/").content.decode()

    activity.title = "改名后的活动"
    publish(activity)
    body = client.get("/").content.decode()
    assert "改名后的活动" in body and "明天的活动" not in body

    activity.unpublish()
    assert "改名后的活动" not in client.get("/").content.decode()


def test_a_new_activity_and_a_deleted_one_show_on_the_next_home_page(client, board, home_page):
    first = add_activity(board, "第一个活动", days=1)
    assert "近期暂无活动" not in client.get("/").content.decode()
    add_activity(board, "新加的活动", days=2)
    assert "新加的活动" in client.get("/").content.decode()
    first.delete()
    assert "第一个活动" not in client.get("/").content.decode()


def test_a_changed_shift_shows_on_the_next_home_page(client, home_page):
    teams = [TeamFactory(name="红棉志愿服务队", on_duty_rota=True, duty_order=1), TeamFactory(name="蓝天应急救援队")]
    rota.generate_rota(timezone.localdate(), timezone.localdate())
    assert "红棉志愿服务队" in client.get("/").content.decode()

    shift = DutyShift.objects.get(date=timezone.localdate())
    shift.team = teams[1]
    shift.save()
    assert "蓝天应急救援队" in client.get("/").content.decode()

    teams[1].name = "蓝天救援队"
    teams[1].save()
    assert "蓝天救援队" in client.get("/").content.decode()


def test_each_language_has_its_own_panels(client, board, home_page):
    add_activity(board, "明天的活动", days=1)
    assert "近期活动" in client.get("/").content.decode()
    english = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "Upcoming activities" in english and "近期活动" not in english


def test_the_team_profile_panel_follows_edits(client, board, team, category):
    ensure_team_index_page(board.get_parent().specific)
    activity = add_activity(board, title="敬老院探访", days=2, team=team, category=category)
    assert "敬老院探访" in client.get(f"/teams/{team.slug}/").content.decode()

    activity.title = "社区探访"
    publish(activity)
    assert "社区探访" in client.get(f"/teams/{team.slug}/").content.decode()


def test_the_panel_is_kept_until_the_first_listed_activity_ends(rf, board, home_page):
    hour = timezone.localtime().hour
    add_activity(board, "正在进行的活动", days=0, start=time(max(hour - 1, 0)), end=time(min(hour + 1, 23), 59))
    add_activity(board, "明天的活动", days=1)
    panel = UpcomingActivitiesPanel(rf.get("/"))
    panel.render_html()

    ends = panel.occurrences[0].end
    assert panel.cache_timeout() <= (ends - timezone.now()).total_seconds() + 1
    assert 0 < panel.cache_timeout() <= seconds_to_midnight()


def test_the_activities_version_moves_again_when_the_change_commits(board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_activity(board, "明天的活动", days=1)
        before_commit = versions([ACTIVITIES])
    assert versions([ACTIVITIES]) != before_commit
