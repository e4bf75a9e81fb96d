"""The events plugin on a team's profile (through the core's team-profile extension point)."""

from datetime import time

from cms.demo.teams import ensure_team_index_page
from tests.events.activities_fixtures import add_activity
from tests.factories import TeamFactory


def test_team_profile_lists_the_teams_coming_activities_and_its_feed(client, board, team, category):
    ensure_team_index_page(board.get_parent().specific)
    add_activity(board, title="敬老院探访", days=2, team=team, category=category)
    add_activity(board, title="取消的巡河", days=3, team=team, category=category, status="cancelled")
    add_activity(board, title="别队的活动", days=2, team=TeamFactory(), category=category, start=time(14), end=time(16))

    response = client.get(f"/teams/{team.slug}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "本队近期活动" in body
    assert "敬老院探访" in body
    assert "取消的巡河" not in body
    assert "别队的活动" not in body
    assert f"webcal://testserver/events/feeds/teams/{team.slug}.ics" in body


def test_team_profile_without_activities_says_so(client, board, team):
    ensure_team_index_page(board.get_parent().specific)
    body = client.get(f"/teams/{team.slug}/").content.decode()
    assert "近期暂无活动。" in body
    assert f"/events/feeds/teams/{team.slug}.ics" in body
