"""The dispatch queue and a team's own needs in the admin: suggestions, scoping and privacy, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from needs import services
from needs.admin import views
from needs.models import Need
from needs.workflow import State, perform_transition
from tests.needs import factories

pytestmark = pytest.mark.django_db


def test_suggestions_rank_speciality_then_distance_then_load(dispatcher):
    here = factories.TownshipFactory(slug="here", latitude="23.17", longitude="114.28")
    far = factories.TownshipFactory(slug="far", latitude="23.60", longitude="114.60")
    near_other = factories.TeamFactory(name="近处环保队", speciality="环保", township=here)
    far_match = factories.TeamFactory(name="远处助老队", speciality="助老", township=far)
    busy_match = factories.TeamFactory(name="近处忙碌助老队", speciality="助老", township=here)
    idle_match = factories.TeamFactory(name="近处空闲助老队", speciality="助老", township=here)
    busy = factories.NeedFactory(township=here)
    perform_transition(busy, "dispatch", dispatcher, team=busy_match, notify=False)
    perform_transition(busy, "accept", dispatcher, notify=False)
    need = factories.NeedFactory(township=here, category="助老")
    ranked = [s.team for s in services.suggest_teams([need])[need.pk]]
    assert ranked == [idle_match, busy_match, far_match, near_other]


def test_suggestions_take_two_queries_for_any_number_of_needs(dispatcher):
    factories.TeamFactory.create_batch(3)
    few = factories.NeedFactory.create_batch(2)
    many = factories.NeedFactory.create_batch(20)
    with CaptureQueriesContext(connection) as first:
        services.suggest_teams(Need.objects.filter(pk__in=[n.pk for n in few]).select_related("township"))
    with CaptureQueriesContext(connection) as second:
        services.suggest_teams(Need.objects.filter(pk__in=[n.pk for n in many]).select_related("township"))
    assert len(first) == len(second) == 3  # the needs, the teams, the loads


def test_the_dispatcher_dispatches_from_the_queue(client, dispatcher, team, leader):
    need = factories.NeedFactory(category="助老")
    client.force_login(dispatcher)
    queue = client.get(reverse("needs_admin:index"))
    assert queue.status_code == 200
    assert team.name in queue.content.decode()  # suggested
    page = client.get(reverse("needs_admin:detail", args=[need.pk])).content.decode()
    assert need.contact_phone in page
    client.post(
        reverse("needs_admin:transition", args=[need.pk, "dispatch"]),
        {"dispatch-team": team.pk, "dispatch-comment": "请周末前联系"},
    )
    need.refresh_from_db()
    assert (need.state, need.team) == (State.DISPATCHED, team)


def test_a_leader_sees_the_phone_only_after_accepting_and_completes(client, dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    client.force_login(leader)
    assert str(need) in client.get(reverse("needs_admin:index")).content.decode()
    page = client.get(reverse("needs_admin:detail", args=[need.pk])).content.decode()
    assert need.contact_phone not in page and need.address not in page
    client.post(reverse("needs_admin:transition", args=[need.pk, "accept"]), {})
    page = client.get(reverse("needs_admin:detail", args=[need.pk])).content.decode()
    assert need.contact_phone in page and need.address in page
    client.post(
        reverse("needs_admin:transition", args=[need.pk, "complete"]),
        {
            "complete-served_on": timezone.localdate().isoformat(),
            "complete-volunteers_served": "3",
            "complete-hours": "4.5",
        },
    )
    need.refresh_from_db()
    assert (need.state, need.volunteers_served, str(need.hours)) == (State.DONE, 3, "4.5")


def test_a_leader_never_reaches_another_teams_need(client, dispatcher, team, other_leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    client.force_login(other_leader)
    assert str(need) not in client.get(reverse("needs_admin:index")).content.decode()
    assert client.get(reverse("needs_admin:detail", args=[need.pk])).status_code == 404
    assert client.post(reverse("needs_admin:transition", args=[need.pk, "accept"]), {}).status_code == 404
    assert Need.objects.get(pk=need.pk).state == State.DISPATCHED


def test_a_user_without_a_role_is_refused(client):
    client.force_login(factories.UserFactory(username="editor", is_staff=True))
    assert client.get(reverse("needs_admin:index")).status_code in (302, 403)


def _add_needs(count, township, **fields):
    Need.objects.bulk_create(factories.NeedFactory.build_batch(count, township=township, **fields))


@pytest.mark.parametrize("state", ["", State.ACCEPTED, "all"])
def test_the_queue_makes_the_same_queries_for_10_and_1000_needs(client, dispatcher, team, state):
    factories.TeamFactory.create_batch(3)
    township = factories.TownshipFactory()
    client.force_login(dispatcher)
    url = reverse("needs_admin:index")
    params = {"state": state} if state else {}
    _add_needs(5, township)
    _add_needs(5, township, state=State.ACCEPTED, team=team)
    client.get(url, params)  # the admin's own per-process lookups are cached now
    with CaptureQueriesContext(connection) as ten:
        client.get(url, params)
    _add_needs(495, township)
    _add_needs(495, township, state=State.ACCEPTED, team=team)
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(url, params)
    assert len(response.context["rows"]) == views.QUEUE_SIZE
    assert len(ten) == len(thousand)


def test_a_leaders_queue_makes_the_same_queries_for_10_and_1000_needs(client, team, leader):
    township = factories.TownshipFactory()
    client.force_login(leader)
    url = reverse("needs_admin:index")
    _add_needs(10, township, state=State.DISPATCHED, team=team)
    client.get(url)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    _add_needs(990, township, state=State.DISPATCHED, team=team)
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(url)
    assert len(response.context["rows"]) == views.QUEUE_SIZE
    assert len(ten) == len(thousand)


def test_the_dashboard_shows_dispatchers_what_waits_and_what_is_overdue(client, dispatcher, team, leader):
    factories.NeedFactory()
    late = factories.NeedFactory(wanted_on=timezone.localdate() - timezone.timedelta(days=2))
    perform_transition(late, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(late, "accept", leader, notify=False)
    client.force_login(dispatcher)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-testid="waiting">1<' in body
    assert 'data-testid="overdue">1<' in body
    client.force_login(leader)
    assert 'id="needs-dashboard' not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_selected_state_is_marked_and_every_state_can_be_listed(client, dispatcher, team):
    new = factories.NeedFactory(category="助老")
    dispatched = factories.NeedFactory(category="助残")
    perform_transition(dispatched, "dispatch", dispatcher, team=team, notify=False)
    client.force_login(dispatcher)
    body = client.get(reverse("needs_admin:index"), {"state": State.DISPATCHED}).content.decode()
    assert f'href="?state={State.DISPATCHED}" aria-current="true"' in body
    assert f'href="?state={State.SUBMITTED}" aria-current' not in body
    assert reverse("needs_admin:detail", args=[dispatched.pk]) in body
    assert reverse("needs_admin:detail", args=[new.pk]) not in body
    body = client.get(reverse("needs_admin:index"), {"state": "all"}).content.decode()
    assert 'href="?state=all" aria-current="true"' in body
    assert all(reverse("needs_admin:detail", args=[n.pk]) in body for n in (new, dispatched))


def test_staff_search_the_queue_by_requester_and_words(client, dispatcher):
    wanted = factories.NeedFactory(description="帮忙修理轮椅", contact_phone="13911112222")
    other = factories.NeedFactory(description="打扫卫生")
    client.force_login(dispatcher)
    for query in ("轮椅", "1111222", "修理 轮椅"):
        body = client.get(reverse("needs_admin:index"), {"q": query}).content.decode()
        assert reverse("needs_admin:detail", args=[wanted.pk]) in body, query
        assert reverse("needs_admin:detail", args=[other.pk]) not in body, query
    body = client.get(reverse("needs_admin:index"), {"q": "没有这样的点单"}).content.decode()
    assert "没有符合条件的点单" in body


def test_a_leader_cannot_find_a_need_by_its_requesters_phone_nor_export(client, dispatcher, team, leader):
    need = factories.NeedFactory(description="帮忙修理轮椅", contact_phone="13911112222")
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    client.force_login(leader)
    url = reverse("needs_admin:detail", args=[need.pk])
    assert url in client.get(reverse("needs_admin:index"), {"q": "轮椅"}).content.decode()
    assert url not in client.get(reverse("needs_admin:index"), {"q": "13911112222"}).content.decode()
    assert 'data-testid="export-csv"' not in client.get(reverse("needs_admin:index")).content.decode()
    refused = client.get(reverse("needs_admin:index"), {"export": "csv"})
    assert refused.status_code in (302, 403) and "Content-Disposition" not in refused


def test_staff_export_the_filtered_needs_as_csv_and_xlsx(client, dispatcher, team):
    done = factories.NeedFactory(description="帮忙修理轮椅", contact_phone="13911112222")
    perform_transition(done, "dispatch", dispatcher, team=team, notify=False)
    factories.NeedFactory(description="打扫卫生")
    client.force_login(dispatcher)
    body = client.get(reverse("needs_admin:index"), {"state": "all", "q": "轮椅"}).content.decode()
    assert 'data-testid="export-xlsx"' in body
    response = client.get(reverse("needs_admin:index"), {"state": "all", "q": "轮椅", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="needs.csv"')
    lines = b"".join(response.streaming_content).decode("utf-8").strip().splitlines()
    assert len(lines) == 2  # the headings and the one matching need
    assert "状态" in lines[0] and "联系电话" in lines[0] and "接单队伍" in lines[0]
    assert "13911112222" in lines[1] and "已派单" in lines[1] and team.name in lines[1]
    xlsx = client.get(reverse("needs_admin:index"), {"state": "all", "export": "xlsx"})
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content).startswith(b"PK")
