"""The needs' figures on the statistics pages: per month and per category, flat queries, nothing personal."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from needs.figures import needs_figures
from needs.models import Need
from needs.workflow import State
from tests.needs import factories

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def _in_chinese():
    with translation.override("zh-hans"):
        yield


def _add(count, township, **fields):
    Need.objects.bulk_create(factories.NeedFactory.build_batch(count, township=township, **fields))


def test_needs_per_month_and_per_category(team):
    township = factories.TownshipFactory()
    today = timezone.localdate()
    month_start = datetime.combine(today.replace(day=1), time(0, 30), TZ)
    last_month = month_start - timedelta(days=1)
    _add(3, township, category="助老", submitted_at=month_start)
    _add(2, township, category="助老", submitted_at=last_month, state=State.DONE, team=team, done_at=month_start)
    _add(
        1,
        township,
        category="环保",
        submitted_at=last_month,
        state=State.RATED,
        team=team,
        done_at=last_month,
        rating=4,
    )
    _add(1, township, category="环保", submitted_at=month_start, state=State.CANCELLED)
    _add(1, township, category="助老", submitted_at=month_start - timedelta(days=400))
    by_month, by_category = needs_figures(None)
    rows = dict(by_month.rows)
    assert rows[f"{today:%Y-%m}"] == (4, 2)
    assert rows[f"{last_month:%Y-%m}"] == (3, 1)
    assert len(by_month.rows) == 12 and by_month.public
    assert by_month.key_figures[0].value == 3
    assert dict(by_category.rows) == {"助老": (6, 2, None), "环保": (1, 1, 4.0)}


def test_the_figures_make_the_same_queries_for_10_and_1000_needs(team):
    township = factories.TownshipFactory()
    _add(5, township)
    _add(5, township, state=State.RATED, team=team, done_at=timezone.now(), rating=5)
    with CaptureQueriesContext(connection) as ten:
        needs_figures(None)
    _add(495, township)
    _add(495, township, state=State.RATED, team=team, done_at=timezone.now(), rating=3, category="环保")
    with CaptureQueriesContext(connection) as thousand:
        by_month, _by_category = needs_figures(None)
    assert len(ten) == len(thousand) == 3
    assert by_month.rows[-1][1] == (1000, 500)


def test_no_needs_yet_gives_empty_figures():
    by_month, by_category = needs_figures(None)
    assert all(values == (0, 0) for _label, values in by_month.rows)
    assert by_category.rows == ()


def test_the_public_data_page_shows_the_needs_figures_and_nothing_personal(client, team):
    need = factories.NeedFactory(contact_phone="13911112222", contact_name="黄阿姨", address="幸福路 99 号")
    html = client.get("/data/").content.decode()
    assert "每月点单与完成" in html and "各服务类别的点单" in html
    assert need.contact_phone not in html and need.contact_name not in html and need.address not in html
