"""The activity board and an activity's page write dates in the reader's language, each shape named once."""

from datetime import timedelta

import pytest

from tests.events.activities_fixtures import add_activity, today

pytestmark = pytest.mark.django_db


def test_the_board_in_english_has_english_dates_and_in_chinese_keeps_its_own(client, board):
    first = today().replace(day=1)
    day = first + timedelta(days=2)
    add_activity(board, "重阳敬老探访", start_date=day)
    url = f"/activities/?month={first:%Y-%m}"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f">{first:%B} {first.year}</h2>" in english  # "November 2026"
    assert f"{day.day} {day:%B} <small>{day:%A}</small>" in english  # "3 November <small>Tuesday</small>"
    assert "年" not in english and f"{day.month}月" not in english and "星期" not in english

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    weekday = "星期" + "一二三四五六日"[day.weekday()]
    assert f">{first.year}年{first.month}月</h2>" in chinese
    assert f"{day.month}月{day.day}日 <small>{weekday}</small>" in chinese


def test_an_activity_page_in_english(client, board):
    day = today() + timedelta(days=10)
    page = add_activity(board, "垃圾分类讲座", start_date=day)
    english = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{day:%A} {day.day} {day:%B} {day.year} 09:00–11:00" in english
    chinese = client.get(page.url).content.decode()
    assert f"{day.year}年{day.month}月{day.day}日 星期{'一二三四五六日'[day.weekday()]} 09:00–11:00" in chinese
