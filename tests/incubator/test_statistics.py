"""The incubator's figures: the funnel and the median days per stage, from the audit trail, in one query."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from incubator.figures import incubation_figures
from incubator.models import Application, ApplicationEvent
from incubator.workflow import State
from tests.factories import TownshipFactory
from tests.incubator.factories import ApplicationFactory

DAY0 = datetime(2026, 3, 2, 9, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def _in_chinese():
    """The figures' labels are in the active language; another test may have left English active."""
    with translation.override("zh-hans"):
        yield


def moved(application, from_state, to_state, days):
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.TRANSITION,
        from_state=from_state,
        to_state=to_state,
        actor_name="协调员",
        created_at=DAY0 + timedelta(days=days),
    )


def rows_of(key, figures):
    return next(figure for figure in figures if figure.key == key).rows


@pytest.fixture
def applications(db):
    matured = ApplicationFactory(submitted_at=DAY0, state=State.MATURE, founder_name="陈志远")
    moved(matured, State.APPLIED, State.MENTORED, 2)
    moved(matured, State.MENTORED, State.FUNDED, 12)
    moved(matured, State.FUNDED, State.MATURE, 40)
    mentored = ApplicationFactory(submitted_at=DAY0, state=State.MENTORED)
    moved(mentored, State.APPLIED, State.MENTORED, 4)
    rejected = ApplicationFactory(submitted_at=DAY0, state=State.REJECTED)
    moved(rejected, State.APPLIED, State.REJECTED, 1)
    ApplicationFactory(submitted_at=DAY0, state=State.APPLIED)


def test_funnel_counts_the_organisations_that_reached_each_stage(applications):
    figures = incubation_figures(None)
    assert rows_of("incubation-funnel", figures) == (
        ("已申请", (4,)),
        ("辅导中", (2,)),
        ("已获扶持", (1,)),
        ("已成熟", (1,)),
    )
    funnel = next(figure for figure in figures if figure.key == "incubation-funnel")
    assert "未通过 1 个,已撤回 0 个" in funnel.note
    assert [(key.value, key.label) for key in funnel.key_figures] == [(1, "孵化成熟的组织")]


def test_median_days_per_stage_count_only_organisations_that_left_it(applications):
    # applied: 2, 4 and 1 days (the rejected one left "applied" too); mentored: 10; funded: 28.
    assert rows_of("incubation-stage-days", incubation_figures(None)) == (
        ("已申请", (2.0, 3)),
        ("辅导中", (10.0, 1)),
        ("已获扶持", (28.0, 1)),
    )


def test_no_applications_no_medians(db):
    assert rows_of("incubation-stage-days", incubation_figures(None))[0] == ("已申请", (None, 0))


def test_query_count_does_not_grow_with_applications(db):
    township = TownshipFactory()

    def add(count):
        created = Application.objects.bulk_create(
            ApplicationFactory.build(township=township, submitted_at=DAY0, state=State.MENTORED) for _ in range(count)
        )
        ApplicationEvent.objects.bulk_create(
            ApplicationEvent(
                application=application,
                kind=ApplicationEvent.Kind.TRANSITION,
                from_state=State.APPLIED,
                to_state=State.MENTORED,
                actor_name="协调员",
                created_at=DAY0 + timedelta(days=3),
            )
            for application in created
        )

    add(10)
    with CaptureQueriesContext(connection) as with_10:
        incubation_figures(None)
    add(990)
    with CaptureQueriesContext(connection) as with_1000:
        figures = incubation_figures(None)
    assert len(with_1000) == len(with_10) == 1
    assert rows_of("incubation-funnel", figures)[1] == ("辅导中", (1000,))


def test_public_data_page_shows_the_funnel_but_nobody_s_name(client, home_page, applications):
    html = client.get("/data/").content.decode()
    assert "孵化漏斗" in html
    assert "陈志远" not in html
    assert "同心" not in html  # organisation names of applicants
