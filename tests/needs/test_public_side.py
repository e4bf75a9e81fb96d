"""The public side of the needs: the wall, the API, the home and team-profile panels; nothing personal anywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.demo.teams import ensure_team_index_page
from needs.models import Need
from needs.panels import NeedsHomePanel
from needs.workflow import Requester, State, perform_transition
from tests.needs import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated_need(dispatcher, team, leader):
    need = factories.NeedFactory(
        contact_phone="13911112222", address="幸福路 99 号", contact_email="secret@example.net"
    )
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(need, "accept", leader, notify=False)
    perform_transition(
        need, "complete", leader, served_on=timezone.localdate(), volunteers_served=2, hours=3, notify=False
    )
    perform_transition(need, "rate", Requester(need.pk), rating=4, comment="谢谢", notify=False)
    return need


def test_the_wall_shows_category_township_state_and_team_only(client, rated_need, team):
    rejected = factories.NeedFactory(category="助学")
    perform_transition(rejected, "reject", factories.dispatcher(username="d2"), comment="重复", notify=False)
    body = client.get(reverse("needs:wall")).content.decode()
    assert rated_need.category in body and rated_need.township.name in body and team.name in body
    assert "已评价" in body
    for private in (
        "13911112222",
        "幸福路 99 号",
        "secret@example.net",
        rated_need.contact_name,
        rated_need.description,
    ):
        assert private not in body
    assert "助学" not in body.split('data-testid="wall"')[1]  # rejected needs are not on the wall


def test_the_wall_filters(client, rated_need):
    factories.NeedFactory(category="环保")
    body = client.get(reverse("needs:wall"), {"category": "环保"}).content.decode()
    wall = body.split('data-testid="wall"')[1]
    assert "环保" in wall and "助老" not in wall
    assert client.get(reverse("needs:wall"), {"state": "nonsense", "township": "x" * 500}).status_code == 200


def test_the_wall_queries_are_flat_at_10_and_1000_needs(client):
    township = factories.TownshipFactory()
    Need.objects.bulk_create(factories.NeedFactory.build_batch(10, township=township))
    client.get(reverse("needs:wall"))  # the site's own per-process lookups (root page, settings) are cached now
    with CaptureQueriesContext(connection) as ten:
        client.get(reverse("needs:wall"))
    Need.objects.bulk_create(factories.NeedFactory.build_batch(990, township=township))
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(reverse("needs:wall"))
    assert response.context["figures"]["this_month"] == 1000
    assert len(ten) == len(thousand)


def test_the_api_lists_public_fields_only_with_constant_queries(client, rated_need):
    response = client.get("/api/needs")
    assert response.status_code == 200
    (row,) = response.json()
    assert set(row) == {"id", "category", "township", "state", "team", "submitted_at", "wanted_on", "served_on"}
    assert row["state"] == State.RATED
    township = factories.TownshipFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/api/needs?limit=100")
    Need.objects.bulk_create(factories.NeedFactory.build_batch(200, township=township))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/needs?limit=100").json()) == 100
    assert len(few) == len(many)
    assert "/api/needs" in client.get("/api/openapi.json").json()["paths"]


@pytest.mark.parametrize("field", ["category", "township", "state"])
def test_the_api_refuses_control_characters_and_huge_offsets_with_422(client, db, field):
    """PostgreSQL refuses a NUL in a query and an integer beyond 64 bits: the fuzz found both as 500s."""
    assert client.get("/api/needs", {field: "助老\x00x"}).status_code == 422
    assert client.get("/api/needs", {field: "助老\x0bx"}).status_code == 422
    assert client.get("/api/needs", {"offset": 6166669262294469312512}).status_code == 422
    assert client.get("/api/needs", {field: "助老"}).status_code == 200


def test_the_api_makes_the_same_queries_for_10_and_1000_needs(client, team):
    township = factories.TownshipFactory()
    Need.objects.bulk_create(factories.NeedFactory.build_batch(5, township=township))
    Need.objects.bulk_create(factories.NeedFactory.build_batch(5, township=township, state=State.DONE, team=team))
    client.get("/api/needs?limit=100")
    with CaptureQueriesContext(connection) as ten:
        assert len(client.get("/api/needs?limit=100").json()) == 10
    Need.objects.bulk_create(factories.NeedFactory.build_batch(495, township=township))
    Need.objects.bulk_create(factories.NeedFactory.build_batch(495, township=township, state=State.DONE, team=team))
    with CaptureQueriesContext(connection) as thousand:
        rows = client.get("/api/needs?limit=100&offset=400").json()
    assert len(rows) == 100 and {row["team"] for row in rows} <= {team.name, None}
    assert len(ten) == len(thousand)


def test_the_home_panel_adds_at_most_three_queries(rf, rated_need):
    panel = NeedsHomePanel(rf.get("/"))
    with CaptureQueriesContext(connection) as queries:
        html = panel.render_html({})
    assert len(queries) <= 3
    assert rated_need.category in html and rated_need.contact_phone not in html


def test_the_team_profile_shows_completed_needs_and_the_average_rating(client, home_page, rated_need, team):
    ensure_team_index_page(home_page)
    body = client.get(f"/teams/{team.slug}/").content.decode()
    assert "已完成群众点单 1 件" in body
    assert "平均评分 4.0 / 5" in body
