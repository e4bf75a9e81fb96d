"""Activities in the site search: found by any part of their Chinese title, summary or place, on SQLite and
PostgreSQL."""

import pytest

from tests.events.activities_fixtures import add_activity


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


@pytest.fixture
def activities(board):
    visit = add_activity(board, title="罗阳敬老院探访", summary="陪伴长者聊天、剪发。", location="罗阳街道文化广场")
    clean_up = add_activity(board, title="东江河岸清洁", summary="沿河拾捡垃圾,敬请自带手套。", days=2)
    return visit, clean_up


def assert_activities_are_found(client):
    assert result_titles(client, "敬老") == ["罗阳敬老院探访"]
    assert result_titles(client, "敬老院") == ["罗阳敬老院探访"]
    assert result_titles(client, "剪发") == ["罗阳敬老院探访"]
    assert result_titles(client, "文化广场") == ["罗阳敬老院探访"]
    assert result_titles(client, "河岸") == ["东江河岸清洁"]
    # “敬” in both, but “罗阳” only in one; the title match first.
    assert result_titles(client, "敬")[0] in {"罗阳敬老院探访", "东江河岸清洁"}
    assert result_titles(client, "罗阳")[0] == "罗阳敬老院探访"
    assert result_titles(client, "活动资讯") == ["活动资讯"]


@pytest.mark.django_db
def test_an_activity_is_found_by_any_chinese_substring(client, activities, each_database):
    assert_activities_are_found(client)


@pytest.mark.django_db
def test_the_result_shows_the_activitys_summary(client, activities):
    assert "陪伴长者聊天" in client.get("/search/", {"q": "敬老院"}).content.decode()
