"""The team leaders' screen: staff appoint and dismiss leaders; the leaders' group follows; clear refusals."""

import pytest
from django.urls import reverse

from needs.models import TeamLeader
from needs.workflow import LEADERS_GROUP
from tests.needs import factories

pytestmark = pytest.mark.django_db


def _groups(user):
    return set(user.groups.values_list("name", flat=True))


def test_staff_appoint_a_leader_who_then_answers_for_the_team(client, dispatcher, team):
    user = factories.UserFactory(username="wang", first_name="王队长")
    client.force_login(dispatcher)
    assert client.get(reverse("needs_team_leaders:add")).status_code == 200
    response = client.post(reverse("needs_team_leaders:add"), {"user": user.pk, "team": team.pk})
    assert response.status_code == 302
    assert TeamLeader.objects.filter(user=user, team=team).exists()
    assert LEADERS_GROUP in _groups(user)
    listing = client.get(reverse("needs_team_leaders:index")).content.decode()
    assert team.name in listing and "wang" in listing
    client.force_login(user)
    assert client.get(reverse("needs_admin:index")).status_code == 200


def test_appointing_the_same_leader_twice_is_refused_with_a_clear_message(client, dispatcher, team, leader):
    client.force_login(dispatcher)
    response = client.post(reverse("needs_team_leaders:add"), {"user": leader.pk, "team": team.pk})
    assert response.status_code == 200
    assert "已经是" in response.content.decode() and team.name in response.content.decode()
    assert TeamLeader.objects.filter(user=leader).count() == 1


def test_an_inactive_account_or_an_unpublished_team_cannot_be_chosen(client, dispatcher, team):
    gone = factories.UserFactory(username="gone", is_active=False)
    draft = factories.TeamFactory(name="草稿队伍", live=False)
    client.force_login(dispatcher)
    response = client.post(reverse("needs_team_leaders:add"), {"user": gone.pk, "team": team.pk})
    assert response.status_code == 200 and not TeamLeader.objects.exists()
    response = client.post(reverse("needs_team_leaders:add"), {"user": dispatcher.pk, "team": draft.pk})
    assert response.status_code == 200 and not TeamLeader.objects.exists()


def test_dismissing_the_last_team_takes_the_user_out_of_the_leaders_group(client, dispatcher, team, other_team, leader):
    second = TeamLeader.objects.create(user=leader, team=other_team)
    first = TeamLeader.objects.get(user=leader, team=team)
    client.force_login(dispatcher)
    client.post(reverse("needs_team_leaders:delete", args=[second.pk]))
    assert LEADERS_GROUP in _groups(leader)  # still leads the first team
    client.post(reverse("needs_team_leaders:delete", args=[first.pk]))
    assert not TeamLeader.objects.filter(user=leader).exists()
    assert LEADERS_GROUP not in _groups(leader)


def test_moving_a_leader_row_to_another_user_moves_the_role(client, dispatcher, team, leader):
    row = TeamLeader.objects.get(user=leader, team=team)
    successor = factories.UserFactory(username="successor")
    client.force_login(dispatcher)
    response = client.post(reverse("needs_team_leaders:edit", args=[row.pk]), {"user": successor.pk, "team": team.pk})
    assert response.status_code == 302
    assert LEADERS_GROUP in _groups(successor) and LEADERS_GROUP not in _groups(leader)


def test_leaders_and_other_users_cannot_appoint_leaders(client, team, leader):
    client.force_login(leader)
    assert client.get(reverse("needs_team_leaders:index")).status_code in (302, 403)
    client.post(reverse("needs_team_leaders:add"), {"user": leader.pk, "team": team.pk})
    assert TeamLeader.objects.filter(user=leader).count() == 1
