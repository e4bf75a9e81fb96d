"""Demo content of the function room: the station's 志愿客厅 and a realistic month of bookings around today.

Idempotent: when the room exists nothing is touched, so a second ``load_initial_data`` changes nothing.
Bookings go through ``events.booking`` like any other (as of a few days before each one), without mail.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import Team
from events.booking import BookingRequest, RoomUnavailable, request_booking
from events.models import BookingStatus, ClosedPeriod, FunctionRoom, OpeningHours, RoomEquipment

ROOM_SLUG = "living-room"
WEEKDAY_HOURS = [(time(8, 30), time(12)), (time(14), time(17, 30))]
EVENING = (time(19), time(21))
SATURDAY_HOURS = [(time(9), time(12)), (time(14), time(17))]

# (weekday, start, end, purpose, title) — the room's usual week.
WEEK_PLAN = [
    (0, time(9), time(11), "training", "志愿服务通用知识培训"),
    (1, time(14, 30), time(16, 30), "incubation", "新组织孵化辅导:队伍建设"),
    (1, time(19), time(20, 30), "training", "新志愿者岗前培训"),
    (2, time(9, 30), time(11, 30), "exchange", "志愿团队负责人交流会"),
    (2, time(14, 30), time(16, 30), "incubation", "新组织孵化辅导:项目策划"),
    (3, time(15), time(17), "training", "应急救护知识培训"),
    (3, time(19), time(21), "exchange", "“小篮球、大梦想”项目志愿者分享会"),
    (4, time(9), time(11, 30), "incubation", "公益项目资金申报辅导"),
    (5, time(9, 30), time(11, 30), "exchange", "志愿服务经验交流会"),
    (5, time(14, 30), time(16, 30), "training", "博闻公益书吧志愿者培训"),
]
FALLBACK_ORGANISERS = ["博罗县志愿服务联合会", "罗阳街道志愿服务队", "博罗县青年志愿者协会", "博闻公益书吧"]


def load_room_demo(home_page, stdout) -> None:
    if FunctionRoom.objects.filter(slug=ROOM_SLUG).exists():
        return
    room = create_room()
    created = book_a_month(room, timezone.localdate())
    stdout.write(f"Created the function room {room.name} with {created} bookings")


def create_room() -> FunctionRoom:
    room = FunctionRoom.objects.create(
        name="志愿客厅(三合一功能室)",
        slug=ROOM_SLUG,
        location="博罗志愿服务总站",
        description="集孵化、培训、交流于一体的三合一功能室,配有投影仪和红外技术电子白板,"
        "供志愿服务组织开展队伍建设、项目策划、志愿者培训和经验交流。",
        capacity=40,
        buffer_minutes=15,
        min_duration_minutes=30,
        max_duration_minutes=240,
        min_notice_hours=24,
        horizon_days=60,
        request_expiry_hours=48,
    )
    RoomEquipment.objects.create(room=room, name="投影仪", slug="projector", sort_order=0)
    RoomEquipment.objects.create(room=room, name="红外技术电子白板", slug="whiteboard", sort_order=1)
    RoomEquipment.objects.create(room=room, name="无线话筒", slug="microphone", sort_order=2)
    for weekday in range(5):
        hours = WEEKDAY_HOURS + ([EVENING] if weekday in (1, 3) else [])
        for opens, closes in hours:
            OpeningHours.objects.create(room=room, weekday=weekday, opens=opens, closes=closes)
    for opens, closes in SATURDAY_HOURS:
        OpeningHours.objects.create(room=room, weekday=5, opens=opens, closes=closes)
    today = timezone.localdate()
    new_year = date(today.year + 1, 1, 1)
    ClosedPeriod.objects.create(
        room=room, start_date=new_year, end_date=new_year + timedelta(days=2), reason="元旦假期"
    )
    maintenance = today + timedelta(days=(3 - today.weekday()) % 7 + 14)  # a Thursday two weeks on
    ClosedPeriod.objects.create(room=room, start_date=maintenance, end_date=maintenance, reason="设备年度检修")
    return room


def organisers() -> list[tuple[Team | None, str]]:
    teams = list(Team.objects.filter(live=True).order_by("duty_order", "name")[:8])
    if teams:
        return [(team, team.name) for team in teams]
    return [(None, name) for name in FALLBACK_ORGANISERS]


def book_a_month(room: FunctionRoom, today: date) -> int:
    """The week plan from a week ago to four weeks on: past and near ones confirmed, later ones waiting."""
    tz = timezone.get_current_timezone()
    people = organisers()
    created = 0
    for offset in range(-7, 29):
        day = today + timedelta(days=offset)
        for n, (weekday, start, end, purpose, title) in enumerate(WEEK_PLAN):
            if weekday != day.weekday() or (offset + n) % 5 == 4:  # leave some of the usual slots free
                continue
            team, organiser = people[(offset + n) % len(people)]
            starts = datetime.combine(day, start, tz)
            request = BookingRequest(
                room=room,
                start=starts,
                end=datetime.combine(day, end, tz),
                purpose=purpose,
                title=title,
                team=team,
                organiser_name=organiser,
                contact_name="刘晓云" if n % 2 else "陈志明",
                contact_phone="0752-6123456",
                contact_email="demo-booking@example.com",
                attendees=12 + (n * 7) % 28,
                equipment=list(room.equipment.all()[: 1 + n % 2]),
            )
            waiting = offset > 10 and n % 3 == 0
            try:
                booking = request_booking(
                    request, confirm=not waiting, notify=False, now=None if waiting else starts - timedelta(days=3)
                )
            except (ValidationError, RoomUnavailable):
                continue  # closed that day
            created += 1
            if offset > 5 and n % 7 == 3:
                booking.status = BookingStatus.CANCELLED
                booking.cancelled_at = starts - timedelta(days=1)
                booking.save(update_fields=["status", "cancelled_at"])
    return created
