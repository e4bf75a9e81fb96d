"""The staff listing of applications keeps its speed on the last page and when searching (issue 10): a page reads
its ids from the listing's index, then only its own rows; on PostgreSQL the search is served by trigram indexes."""

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.listing import DeferredJoinPaginator
from incubator.models import Application
from tests.factories import TownshipFactory
from tests.incubator import factories

pytestmark = pytest.mark.django_db
INDEX = "/admin/incubator/applications/"


def many_applications(count: int) -> None:
    """``count`` applications stored straight as rows, a minute apart (a few sharing a submission time)."""
    township = TownshipFactory(name="石湾镇", slug="shiwan")
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            organisation_name=f"石湾镇同心志愿服务队{n}",
            founder_name="王小明",
            contact_phone=f"138{n:08d}",
            contact_email=f"founder{n}@example.com",
            township=township,
            field_of_service="elderly",
            member_count=12,
            introduction="关爱独居老人",
            planned_projects="每周探访",
            status_token=f"bench-token-{n}",
            submitted_at=now - timedelta(minutes=n // 3),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("orphans", [0, 4])
def test_every_page_holds_what_offset_pagination_holds_in_the_same_order(orphans):
    many_applications(95)
    listing = Application.objects.select_related("township", "mentor").order_by("-submitted_at", "-pk")
    expected, deferred = Paginator(listing, 30, orphans=orphans), DeferredJoinPaginator(listing, 30, orphans=orphans)
    assert deferred.num_pages == expected.num_pages
    for number in expected.page_range:
        assert list(deferred.page(number)) == list(expected.page(number))
        assert deferred.page(number).has_next() == expected.page(number).has_next()


def test_an_empty_listing_has_one_empty_page():
    page = DeferredJoinPaginator(Application.objects.order_by("-submitted_at", "-pk"), 30).page(1)
    assert list(page) == []


def test_a_page_reads_its_rows_with_their_joins_in_two_queries(django_assert_num_queries):
    many_applications(40)
    listing = Application.objects.select_related("township", "mentor").order_by("-submitted_at", "-pk")
    paginator = DeferredJoinPaginator(listing, 30)
    assert paginator.count == 40
    with django_assert_num_queries(2):
        names = [application.township.name for application in paginator.page(2)]
    assert names == ["石湾镇"] * 10


def test_the_admin_listing_shows_the_last_page_and_searches(client, home_page):
    many_applications(65)
    client.force_login(factories.coordinator())
    response = client.get(INDEX, {"p": 3})
    assert response.status_code == 200
    oldest_five = list(Application.objects.order_by("-submitted_at", "-pk"))[60:]
    assert list(response.context["object_list"]) == oldest_five
    response = client.get(INDEX, {"q": "服务队64"})
    assert [application.organisation_name for application in response.context["object_list"]] == [
        "石湾镇同心志愿服务队64"
    ]
    response = client.get(INDEX, {"p": "999"})  # past the end: the last page, as Wagtail's own paginator does
    assert response.status_code == 200
    assert list(response.context["object_list"]) == oldest_five


def plan_without_scans(sql: str, params, scans=("seqscan",)) -> str:
    """The plan PostgreSQL makes when these plan nodes are not an option: whether an index serves the query at all."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE incubator_application")
        for scan in scans:
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        for scan in scans:
            cursor.execute(f"SET LOCAL enable_{scan} = on")
    return plan


@pytest.mark.requires_postgresql
def test_on_postgresql_the_search_and_the_page_ids_use_the_indexes(client, home_page):
    many_applications(200)
    client.force_login(factories.coordinator())
    with CaptureQueriesContext(connection) as listing:
        client.get(INDEX, {"q": "同心志愿", "p": 2})
    count = next(q["sql"] for q in listing.captured_queries if "LIKE" in q["sql"] and "COUNT" in q["sql"])
    plan = plan_without_scans(count, None, scans=("seqscan", "indexscan"))
    assert "incubator_app_organisation_name_trgm" in plan and "incubator_app_contact_email_trgm" in plan, plan

    ids = Application.objects.order_by("-submitted_at", "-pk").values_list("pk", flat=True)[150:180]
    plan = plan_without_scans(*ids.query.sql_with_params(), scans=("seqscan", "sort", "incremental_sort"))
    assert "incubator_app_listing_idx" in plan, plan
    assert "Sort" not in plan, plan
