"""The duty roster: rotation order, closed days, hand-edited shifts, swaps, the admin, the roster page and the panel."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.duty import rota
from events.models import DutyShift
from tests.events.factories import ClosedPeriodFactory, DutyShiftFactory, FunctionRoomFactory
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 12, 7)


@pytest.fixture
def teams():
    """Three duty teams in rota order (created out of order), one team not on the rota, one inactive."""
    third = TeamFactory(name="文明交通劝导队", on_duty_rota=True, duty_order=3)
    first = TeamFactory(name="红棉志愿服务队", on_duty_rota=True, duty_order=1)
    second = TeamFactory(name="蓝天应急救援队", on_duty_rota=True, duty_order=2)
    TeamFactory(name="不值班的队伍", on_duty_rota=False)
    TeamFactory(name="暂停的队伍", on_duty_rota=True, duty_order=0, status="inactive")
    return [first, second, third]


def roster(start, end):
    return {s.date: s.team.name for s in DutyShift.objects.filter(date__range=(start, end)).select_related("team")}


def test_rotates_the_duty_teams_in_order(teams):
    result = rota.generate_rota(MONDAY, MONDAY + timedelta(days=6))
    assert result.created == 7
    names = [teams[n % 3].name for n in range(7)]
    assert list(roster(MONDAY, MONDAY + timedelta(days=6)).values()) == names


def test_continues_after_the_last_shift_and_is_idempotent(teams):
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=1))  # first, second
    result = rota.generate_rota(MONDAY + timedelta(days=2), MONDAY + timedelta(days=3))
    assert result.created == 2
    assert roster(MONDAY + timedelta(days=2), MONDAY + timedelta(days=3)) == {
        MONDAY + timedelta(days=2): teams[2].name,
        MONDAY + timedelta(days=3): teams[0].name,
    }
    again = rota.generate_rota(MONDAY, MONDAY + timedelta(days=3))
    assert (again.created, again.updated, again.removed) == (0, 0, 0)


def test_skips_days_the_station_is_closed(teams):
    # the room takes no bookings on Sundays, but the duty desk is staffed every day
    room = FunctionRoomFactory(opening_hours=[(weekday, time(9), time(17)) for weekday in range(6)])
    ClosedPeriodFactory(room=room, start_date=MONDAY + timedelta(days=2), end_date=MONDAY + timedelta(days=3))
    other = FunctionRoomFactory(name="培训室", opening_hours=[], equipment=[])
    ClosedPeriodFactory(room=other, start_date=MONDAY + timedelta(days=3), end_date=MONDAY + timedelta(days=4))
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=7))
    days = roster(MONDAY, MONDAY + timedelta(days=7))
    # closed only where every room is closed: day 3
    assert sorted(days) == [MONDAY + timedelta(days=n) for n in (0, 1, 2, 4, 5, 6, 7)]
    assert [days[d] for d in sorted(days)] == [teams[n % 3].name for n in range(7)]


def test_a_generated_shift_on_a_newly_closed_day_is_removed(teams):
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=2))
    room = FunctionRoomFactory(opening_hours=[], equipment=[])
    ClosedPeriodFactory(room=room, start_date=MONDAY + timedelta(days=1), reason="元旦")
    result = rota.generate_rota(MONDAY, MONDAY + timedelta(days=2))
    assert result.removed == 1
    assert MONDAY + timedelta(days=1) not in roster(MONDAY, MONDAY + timedelta(days=2))


def test_hand_edited_shifts_are_kept_and_keep_their_turn(teams):
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=5))
    shift = DutyShift.objects.get(date=MONDAY + timedelta(days=1))
    shift.team = teams[2]
    shift.people = "王小明、李芳"
    shift.edited_by_hand = True
    shift.save()
    teams[0].duty_order = 9  # the order changes: a regenerated rota moves every generated shift, not the edited one
    teams[0].save()
    result = rota.generate_rota(MONDAY, MONDAY + timedelta(days=5))
    assert result.kept == 1
    shift.refresh_from_db()
    assert shift.team == teams[2] and shift.people == "王小明、李芳"
    new_order = [teams[1], teams[2], teams[0]]
    days = roster(MONDAY, MONDAY + timedelta(days=5))
    expected = [new_order[n % 3].name for n in range(6)]
    expected[1] = teams[2].name
    assert [days[d] for d in sorted(days)] == expected


def test_swap_two_days(teams):
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=2))
    first = DutyShift.objects.get(date=MONDAY)
    first.people = "陈丽萍"
    first.save()
    before = DutyShift.objects.get(date=MONDAY + timedelta(days=2))
    sequence = before.sequence
    a, b = rota.swap_shifts(MONDAY, MONDAY + timedelta(days=2))
    assert a.team == teams[2] and b.team == teams[0]
    assert b.people == "陈丽萍" and a.people == ""
    assert a.edited_by_hand and b.edited_by_hand
    assert DutyShift.objects.get(pk=before.pk).sequence == sequence + 1
    # the rota keeps swapped days
    rota.generate_rota(MONDAY, MONDAY + timedelta(days=2))
    assert DutyShift.objects.get(date=MONDAY).team == teams[2]


def test_swap_refuses_missing_days_and_the_same_day(teams):
    rota.generate_rota(MONDAY, MONDAY)
    with pytest.raises(rota.RotaError):
        rota.swap_shifts(MONDAY, MONDAY)
    with pytest.raises(rota.RotaError):
        rota.swap_shifts(MONDAY, MONDAY + timedelta(days=9))


def test_end_of_next_month():
    assert rota.end_of_next_month(date(2026, 11, 29)) == date(2026, 12, 31)
    assert rota.end_of_next_month(date(2026, 12, 31)) == date(2027, 1, 31)
    assert rota.end_of_next_month(date(2027, 1, 31)) == date(2027, 2, 28)


def test_no_duty_teams_is_a_clear_error(db):
    with pytest.raises(rota.RotaError, match="参与值班"):
        rota.generate_rota(MONDAY, MONDAY + timedelta(days=1))


def test_one_shift_per_day_in_the_database(teams):
    from django.db import IntegrityError, transaction

    DutyShiftFactory(date=MONDAY, team=teams[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyShiftFactory(date=MONDAY, team=teams[1])


def test_admin_edit_marks_a_shift_as_hand_edited(client, teams):
    rota.generate_rota(MONDAY, MONDAY)
    shift = DutyShift.objects.get(date=MONDAY)
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin)
    response = client.post(
        f"/admin/events_duty_shifts/edit/{shift.pk}/",
        {"date": MONDAY.isoformat(), "team": teams[1].pk, "people": "王小明", "notes": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    shift.refresh_from_db()
    assert shift.edited_by_hand and shift.team == teams[1] and shift.people == "王小明"


def test_rota_admin_generates_and_swaps_for_staff_only(client, teams):
    editor = get_user_model().objects.create_user("editor", "e@example.com", "x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.post(
        "/admin/events/duty-rota/", {"generate-start": "2026-12-07", "generate-end": "2026-12-08", "generate": "1"}
    )
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    assert not DutyShift.objects.exists()

    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin)
    assert client.get("/admin/events/duty-rota/").status_code == 200
    data = {
        "generate-start": MONDAY.isoformat(),
        "generate-end": (MONDAY + timedelta(days=2)).isoformat(),
        "generate": "1",
    }
    assert client.post("/admin/events/duty-rota/", data).status_code == 302
    assert DutyShift.objects.count() == 3
    data = {"swap-first": MONDAY.isoformat(), "swap-second": (MONDAY + timedelta(days=1)).isoformat(), "swap": "1"}
    assert client.post("/admin/events/duty-rota/", data).status_code == 302
    assert DutyShift.objects.get(date=MONDAY).team == teams[1]
    data = {"swap-first": MONDAY.isoformat(), "swap-second": (MONDAY + timedelta(days=30)).isoformat(), "swap": "1"}
    response = client.post("/admin/events/duty-rota/", data, follow=True)
    assert "两个日期都必须已有值班安排" in response.content.decode()


def test_roster_page_lists_the_month(client, teams, django_assert_max_num_queries):
    rota.generate_rota(MONDAY.replace(day=1), MONDAY.replace(day=31))
    with django_assert_max_num_queries(10):
        response = client.get("/events/duty/?month=2026-12")
    body = response.content.decode()
    assert response.status_code == 200
    assert "2026年12月" in body and body.count(teams[0].name) == 11
    assert "webcal://" in body and "<svg" in body


def test_on_duty_today_panel_on_the_home_page(client, home_page, teams):
    rota.generate_rota(timezone.localdate(), timezone.localdate() + timedelta(days=1))
    body = client.get("/").content.decode()
    assert "今日值班" in body and teams[0].name in body and "明日值班" in body


def test_the_daily_task_keeps_the_rota_filled_and_is_idempotent(teams):
    from events.tasks import extend_duty_rota

    created = extend_duty_rota()
    today = timezone.localdate()
    end = rota.end_of_next_month(today)
    assert created == (end - today).days + 1
    assert DutyShift.objects.filter(date__range=(today, end)).count() == created
    assert extend_duty_rota() == 0


def test_the_daily_task_does_nothing_without_duty_teams(db):
    from events.tasks import extend_duty_rota

    assert extend_duty_rota() == 0 and not DutyShift.objects.exists()
