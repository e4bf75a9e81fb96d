"""The published calendars: which items each feed holds and how each item is written as a VEVENT.

Every feed reads its rows with ``values()`` in a constant number of queries (no model instances, no query per item),
and writes nothing that depends on the clock or the request except the host in URLs: while nothing changes, the
output stays byte-identical. DTSTAMP and LAST-MODIFIED are the item's own last change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from events.activities.occurrences import recurrence_dates
from events.ical import writer
from events.ical.writer import fold, text, utc_stamp, when
from events.models import (
    DROPPED_STATUSES,
    ActivityPage,
    ActivityStatus,
    Booking,
    BookingStatus,
    DutyShift,
    FunctionRoom,
    OccurrenceChange,
    Purpose,
    Recurrence,
)
from events.models.activities import moved_bounds, occurrence_bounds
from events.models.rooms import public_organiser

PAST = timedelta(weeks=8)
AHEAD = timedelta(days=366)
BOOKINGS_AHEAD = timedelta(days=92)  # at least; a room's horizon may reach further
CANCELLED_KEPT = timedelta(days=30)  # cancelled bookings stay this long so subscribed clients remove them
UID_DOMAIN = getattr(settings, "EVENTS_ICAL_UID_DOMAIN", "boluo-volunteer-station")
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    """A rendered calendar: the bytes and the time of its latest item change (None when empty)."""

    body: bytes
    last_modified: datetime | None


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    @classmethod
    def around_today(cls) -> Window:
        today = datetime.combine(timezone.localdate(), time.min, timezone.get_default_timezone())
        return cls(today - PAST, today + AHEAD)


class UrlMaker:
    """Absolute URLs for pages and views without a query per item (site root paths are read once)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.roots = sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path))

    def page(self, url_path: str) -> str:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return root.root_url.rstrip("/") + "/" + url_path[len(root.root_path) :]
        return self.base_url + url_path

    def path(self, path: str) -> str:
        return self.base_url + path


def labels() -> dict[str, str]:
    """The feed's words, translated once per feed rather than once per item (gettext is the slow part)."""
    return {
        "team": _("组织队伍:%s"),
        "category": _("类别:%s"),
        "wanted": _("招募志愿者:%d 人"),
        "signup": _("报名方式:%s"),
        "signup_url": _("报名链接:%s"),
        "cancelled": _("【已取消】%s"),
        "moved": _("本次活动时间有调整"),
        "people": _("值班人员:%s"),
        "duty": _("总站值班:%s"),
        "duty_desk": _("博罗志愿服务总站值班台"),
        "purpose": _("用途:%s"),
        "status": _("状态:%s"),
        "organiser": _("组织者:%s"),
        "contact": _("联系人:%(name)s %(phone)s %(email)s"),
        "attendees": _("预计人数:%d"),
        "equipment": _("所需设备:%s"),
    }


def _common(uid: str, changed_at: datetime, sequence: int, status: str, url: str) -> list[str]:
    stamp = utc_stamp(changed_at)
    return [
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SEQUENCE:{sequence}",
        f"STATUS:{status}",
        fold(f"URL:{url}"),
    ]


# -- activities ----------------------------------------------------------------------------------------------------
ACTIVITY_FIELDS = (
    "pk",
    "title",
    "url_path",
    "summary",
    "location",
    "room__name",
    "team__name",
    "category__name",
    "volunteers_wanted",
    "signup_text",
    "signup_url",
    "status",
    "status_note",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "recurrence",
    "recurrence_interval",
    "recurrence_until",
    "sequence",
    "changed_at",
)
ACTIVITY_STATUS = {
    ActivityStatus.CONFIRMED: "CONFIRMED",
    ActivityStatus.TENTATIVE: "TENTATIVE",
    ActivityStatus.CANCELLED: "CANCELLED",
}


def activity_rows(window: Window, **filters):
    pages = ActivityPage.objects.live().public().filter(starts_at__lt=window.end, series_ends_at__gt=window.start)
    return pages.filter(**filters).order_by("starts_at", "pk")


def activity_description(row: dict, t: dict, note: str = "") -> str:
    lines = [row["summary"], note, row["status_note"]]
    if row["team__name"]:
        lines.append(t["team"] % row["team__name"])
    if row["category__name"]:
        lines.append(t["category"] % row["category__name"])
    if row["volunteers_wanted"]:
        lines.append(t["wanted"] % row["volunteers_wanted"])
    if row["signup_text"]:
        lines.append(t["signup"] % row["signup_text"])
    if row["signup_url"]:
        lines.append(t["signup_url"] % row["signup_url"])
    return "\n".join(line for line in lines if line)


def activity_events(rows: list[dict], changes: dict[int, list[dict]], urls: UrlMaker) -> list[str]:
    """VEVENTs for activity rows; a recurring one gets RRULE and EXDATE, and an override VEVENT per moved date."""
    t = labels()
    events = []
    for row in rows:
        span = (row["end_date"] or row["start_date"]) - row["start_date"]
        times = (row["start_time"], row["end_time"], span)
        start, end = occurrence_bounds(row["start_date"], *times)
        all_day = row["start_time"] is None
        status = ACTIVITY_STATUS.get(row["status"], "CONFIRMED")
        title = row["title"] if status != "CANCELLED" else t["cancelled"] % row["title"]
        place = row["location"] or row["room__name"] or ""
        uid = f"activity-{row['pk']}@{UID_DOMAIN}"
        common = _common(uid, row["changed_at"], row["sequence"], status, urls.page(row["url_path"]))
        details = [text("SUMMARY", title)]
        if place:
            details.append(text("LOCATION", place))
        if row["category__name"]:
            details.append(text("CATEGORIES", row["category__name"]))
        transp = "TRANSPARENT" if all_day else "OPAQUE"
        body = [
            "BEGIN:VEVENT",
            *common,
            when("DTSTART", start.date() if all_day else start),
            when("DTEND", end.date() if all_day else end),
        ]
        overrides = []
        if row["recurrence"] and row["recurrence_until"]:
            body.append(_rrule(row, all_day))
            series_changes = changes.get(row["pk"], [])
            if series_changes:
                dates = set(recurrence_dates(_Series(row)))
                for change in series_changes:
                    if change["original_date"] not in dates:
                        continue
                    original = occurrence_bounds(change["original_date"], *times)[0]
                    original_value = original.date() if all_day else original
                    if change["action"] == OccurrenceChange.Action.SKIP:
                        body.append(when("EXDATE", original_value))
                    else:
                        overrides.append(_override(row, change, common, details, original_value, all_day, transp, t))
        body += [*details, text("DESCRIPTION", activity_description(row, t)), f"TRANSP:{transp}", "END:VEVENT"]
        events += body
        for override in overrides:
            events += override
    return events


class _Series:
    """Just what ``recurrence_dates`` reads, from a row."""

    def __init__(self, row):
        self.recurrence = row["recurrence"]
        self.recurrence_until = row["recurrence_until"]
        self.recurrence_interval = row["recurrence_interval"]
        self.start_date = row["start_date"]


def _rrule(row: dict, all_day: bool) -> str:
    freq = "WEEKLY" if row["recurrence"] == Recurrence.WEEKLY else "MONTHLY"
    until_day = row["recurrence_until"]
    # With a TZID start, UNTIL must be in UTC (RFC 5545 3.3.10): the last moment of the last local day.
    until = (
        until_day.strftime("%Y%m%d")
        if all_day
        else utc_stamp(datetime.combine(until_day, time.max, timezone.get_default_timezone()))
    )
    return f"RRULE:FREQ={freq};INTERVAL={max(row['recurrence_interval'], 1)};UNTIL={until}"


def _override(row, change, common, details, original_value, all_day, transp, t) -> list[str]:
    start, end = moved_bounds(
        change["original_date"],
        row["start_time"],
        row["end_time"],
        (row["end_date"] or row["start_date"]) - row["start_date"],
        new_date=change["new_date"],
        new_start_time=change["new_start_time"],
        new_end_time=change["new_end_time"],
    )
    note = change["note"] or t["moved"]
    return [
        "BEGIN:VEVENT",
        *common,
        when("RECURRENCE-ID", original_value),
        when("DTSTART", start.date() if all_day else start),
        when("DTEND", end.date() if all_day else end),
        *details,
        text("DESCRIPTION", activity_description(row, t, note)),
        f"TRANSP:{transp}",
        "END:VEVENT",
    ]


def activity_feed_events(window: Window, urls: UrlMaker, **filters) -> tuple[list[str], datetime | None]:
    """The VEVENTs of the live activities matching ``filters`` (e.g. ``category``, ``team``), and their last change."""
    pages = activity_rows(window, **filters)
    rows = list(pages.values(*ACTIVITY_FIELDS))
    changes: dict[int, list[dict]] = {}
    recurring = pages.exclude(recurrence="").values("pk")
    change_fields = ("activity_id", "original_date", "action", "new_date", "new_start_time", "new_end_time", "note")
    for change in (
        OccurrenceChange.objects.filter(activity__in=recurring).order_by("original_date").values(*change_fields)
    ):
        changes.setdefault(change["activity_id"], []).append(change)
    return activity_events(rows, changes, urls), max((row["changed_at"] for row in rows), default=None)


def activities_feed(urls: UrlMaker, name: str, **filters) -> Feed:
    events, last_modified = activity_feed_events(Window.around_today(), urls, **filters)
    body = writer.calendar(name=name, description=_("博罗志愿服务总站发布的志愿活动"), events=events)
    return Feed(body, last_modified)


# -- duty shifts ---------------------------------------------------------------------------------------------------
def duty_events(window: Window, urls: UrlMaker, **filters) -> tuple[list[str], list[datetime]]:
    shifts = DutyShift.objects.filter(date__gte=window.start.date(), date__lt=window.end.date(), **filters)
    rows = shifts.order_by("date").values("date", "team__name", "people", "notes", "sequence", "changed_at")
    roster_url = urls.path(reverse("events:duty_roster"))
    t = labels()
    events, stamps = [], []
    for row in rows:
        day = row["date"]
        uid = f"duty-{day:%Y%m%d}@{UID_DOMAIN}"
        description = "\n".join(filter(None, [t["people"] % row["people"] if row["people"] else "", row["notes"]]))
        events += [
            "BEGIN:VEVENT",
            *_common(uid, row["changed_at"], row["sequence"], "CONFIRMED", f"{roster_url}?month={day:%Y-%m}"),
            when("DTSTART", day),
            when("DTEND", day + timedelta(days=1)),
            text("SUMMARY", t["duty"] % row["team__name"]),
            text("LOCATION", t["duty_desk"]),
        ]
        if description:
            events.append(text("DESCRIPTION", description))
        events += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        stamps.append(row["changed_at"])
    return events, stamps


def duty_feed(urls: UrlMaker) -> Feed:
    events, stamps = duty_events(Window.around_today(), urls)
    return Feed(
        writer.calendar(name=_("总站值班表"), description=_("博罗志愿服务总站每日值班队伍"), events=events),
        max(stamps, default=None),
    )


def team_feed(urls: UrlMaker, team) -> Feed:
    """A team's activities and its duty shifts."""
    window = Window.around_today()
    activities, last_change = activity_feed_events(window, urls, team=team)
    duty, stamps = duty_events(window, urls, team=team)
    body = writer.calendar(
        name=_("%s · 活动与值班") % team.name,
        description=_("%s 的志愿活动和总站值班") % team.name,
        events=[*activities, *duty],
    )
    return Feed(body, max(filter(None, [last_change, *stamps]), default=None))


# -- room bookings -------------------------------------------------------------------------------------------------
BOOKING_STATUS = {
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.REQUESTED: "TENTATIVE",
}


BOOKING_FIELDS = (
    "pk",
    "room_id",
    "start",
    "end",
    "status",
    "purpose",
    "title",
    "organiser_name",
    "updated_at",
)
PRIVATE_FIELDS = ("contact_name", "contact_phone", "contact_email", "attendees", "notes")


def booking_window(rooms) -> Window:
    """A few weeks back to as far as the rooms can be booked (their horizon, at least three months): a booking
    cannot lie further ahead, and a room's whole history is no calendar anyone subscribes to."""
    today = datetime.combine(timezone.localdate(), time.min, timezone.get_default_timezone())
    ahead = max([BOOKINGS_AHEAD, *(timedelta(days=room.horizon_days + 1) for room in rooms)])
    return Window(today - PAST, today + ahead)


def booking_rows(window: Window, *, private: bool = False, **filters) -> list[dict]:
    """The bookings a feed shows, as rows: those holding a slot in ``window``, and those dropped lately (so that
    subscribed clients remove them). Two queries, each served by an index: the exclusion constraint's for the holding
    ones (on PostgreSQL), the ``(status, updated_at)`` btree for the few dropped ones."""
    bookings = Booking.objects.filter(start__lt=window.end, end__gt=window.start, **filters)
    holding = bookings.holding().blocking(window.start, window.end)
    dropped = bookings.filter(status__in=DROPPED_STATUSES, updated_at__gte=timezone.now() - CANCELLED_KEPT)
    names = BOOKING_FIELDS + PRIVATE_FIELDS if private else BOOKING_FIELDS
    organiser = {"public_organiser": public_organiser()}
    rows = [*holding.values(*names, **organiser), *dropped.values(*names, **organiser)]
    return sorted(rows, key=lambda row: (row["start"], row["pk"]))


def booking_sequence(updated_at: datetime) -> int:
    """Bookings keep no revision counter; minutes since 2020 of the last change only ever grow."""
    return int((updated_at - SEQUENCE_EPOCH).total_seconds() // 60)


def equipment_names(rows: list[dict]) -> dict[int, str]:
    """The equipment each booking asked for, joined for the description; one query for the whole feed."""
    through = Booking.equipment.through.objects.filter(booking_id__in=[row["pk"] for row in rows])
    names: dict[int, list[str]] = {}
    for booking_id, name in through.order_by("roomequipment__sort_order", "roomequipment_id").values_list(
        "booking_id", "roomequipment__name"
    ):
        names.setdefault(booking_id, []).append(name)
    return {booking_id: "、".join(items) for booking_id, items in names.items()}


def booking_events(rows: list[dict], rooms, urls: UrlMaker, *, private: bool) -> list[str]:
    """VEVENTs for booking rows. Everything that is the same for many bookings (labels, a room's place and URL) is
    resolved once per feed: per item only string formatting remains, as in the activities feed."""
    t = labels()
    purposes = {value: str(label) for value, label in Purpose.choices}
    statuses = {value: t["status"] % label for value, label in BookingStatus.choices}
    places = {room.pk: f"{room.name}({room.location})" if room.location else room.name for room in rooms}
    room_urls = {room.pk: urls.path(room.get_absolute_url()) for room in rooms}
    equipment = equipment_names(rows) if private else {}
    events = []
    for row in rows:
        status = BOOKING_STATUS.get(row["status"], "CANCELLED")
        purpose = purposes.get(row["purpose"], row["purpose"])
        if private:
            summary = f"{row['title']}({row['organiser_name']})"
            contact = {"name": row["contact_name"], "phone": row["contact_phone"], "email": row["contact_email"]}
            lines = [
                t["purpose"] % purpose,
                statuses[row["status"]],
                t["organiser"] % row["organiser_name"],
                t["contact"] % contact,
                t["attendees"] % row["attendees"],
                t["equipment"] % (equipment.get(row["pk"]) or "-"),
                row["notes"],
            ]
        else:
            summary = f"{purpose}:{row['public_organiser']}"
            lines = [statuses[row["status"]]]
        if status == "CANCELLED":
            summary = t["cancelled"] % summary
        events += [
            "BEGIN:VEVENT",
            *_common(
                f"booking-{row['pk']}@{UID_DOMAIN}",
                row["updated_at"],
                booking_sequence(row["updated_at"]),
                status,
                room_urls[row["room_id"]],
            ),
            when("DTSTART", row["start"]),
            when("DTEND", row["end"]),
            text("SUMMARY", summary),
            text("LOCATION", places[row["room_id"]]),
            text("DESCRIPTION", "\n".join(line for line in lines if line)),
            "END:VEVENT",
        ]
    return events


def room_feed(urls: UrlMaker, room) -> Feed:
    """A room's public occupancy: confirmed and requested bookings, purpose and organiser only."""
    rows = booking_rows(booking_window([room]), room=room)
    body = writer.calendar(
        name=_("%s · 使用安排") % room.name,
        description=_("%s 的预约占用情况(已确认和待审核)") % room.name,
        events=booking_events(rows, [room], urls, private=False),
    )
    return Feed(body, max((row["updated_at"] for row in rows), default=None))


def entry_events(entries, urls: UrlMaker) -> list[str]:
    """VEVENTs for the entries other plugins add to a staff member's feed (``cms.plugins.CalendarEntry``)."""
    events = []
    for entry in entries:
        events += [
            "BEGIN:VEVENT",
            *_common(
                f"{entry.uid}@{UID_DOMAIN}",
                entry.changed_at,
                booking_sequence(entry.changed_at),
                "CANCELLED" if entry.cancelled else "CONFIRMED",
                urls.path(entry.url or "/"),
            ),
            when("DTSTART", entry.start),
            when("DTEND", entry.end),
            text("SUMMARY", entry.summary),
            text("LOCATION", entry.location),
            text("DESCRIPTION", entry.description),
            "END:VEVENT",
        ]
    return events


def private_feed(urls: UrlMaker, entries=(), bookings: bool = True) -> Feed:
    """Every room's bookings with full details (``bookings``: for staff who may read them), and what other plugins
    add for this staff member (``entries``)."""
    rooms = list(FunctionRoom.objects.all())
    rows = booking_rows(booking_window(rooms), private=True) if bookings else []
    body = writer.calendar(
        name=_("功能室预约(工作人员)"),
        description=_("所有功能室预约的完整信息,请勿转发此订阅地址"),
        events=booking_events(rows, rooms, urls, private=True) + entry_events(entries, urls),
        refresh="PT15M",
    )
    changes = [row["updated_at"] for row in rows] + [entry.changed_at for entry in entries]
    return Feed(body, max(changes, default=None))
