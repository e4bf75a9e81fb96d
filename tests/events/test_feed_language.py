"""Feeds are translated, so each language has its own cached copy (a first English visitor must not set it for all)."""

from django.urls import reverse


def test_each_language_gets_its_own_cached_feed(client, board):
    url = reverse("events:feed_activities")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "X-WR-CALNAME:Boluo Volunteer Service Station" in english
    assert "X-WR-CALNAME:博罗志愿服务总站 · 活动资讯" in chinese
    assert client.get(url).content.decode() == chinese  # calendar apps send no language: Chinese, the default
