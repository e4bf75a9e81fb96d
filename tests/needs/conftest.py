import pytest

from tests.needs import factories


@pytest.fixture
def dispatcher(db):
    return factories.dispatcher(username="dispatcher", first_name="刘派单")


@pytest.fixture
def team(db):
    return factories.TeamFactory(name="罗阳街道“银龄”志愿服务队", speciality="助老")


@pytest.fixture
def leader(team):
    return factories.leader(team, username="leader", first_name="张队长")


@pytest.fixture
def other_team(db):
    return factories.TeamFactory(name="石湾镇环保志愿服务队", speciality="环保")


@pytest.fixture
def other_leader(other_team):
    return factories.leader(other_team, username="other-leader", first_name="何队长")
