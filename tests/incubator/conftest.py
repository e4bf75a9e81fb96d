import pytest

from incubator.models import IncubatorSettings
from tests.incubator import factories


@pytest.fixture
def staff_client(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def coordinator(db):
    return factories.coordinator(username="coordinator", first_name="李协调")


@pytest.fixture
def mentor(db):
    return factories.mentor(username="mentor", first_name="陈导师")


@pytest.fixture
def other_mentor(db):
    return factories.mentor(username="other-mentor", first_name="周导师")


@pytest.fixture
def criteria(db):
    """Maturity criteria small enough for tests: one session, one activity."""
    settings = IncubatorSettings.load()
    settings.min_sessions = 1
    settings.min_activities = 1
    settings.save()
    return settings


@pytest.fixture
def ready(criteria, mentor):
    """Build an application in a state with every condition of its next step met."""

    def build(state="applied", **kwargs):
        application = factories.ApplicationFactory(state=state, mentor=mentor, activities_held=1, **kwargs)
        factories.SessionFactory(application=application, mentor=mentor)
        factories.GrantFactory(application=application, report_received_on="2026-10-01")
        return application

    return build
