"""``GET /api/activities``: the activity board's occurrences in a date range, for the mini-program and the city platform.

Recurring activities come expanded (one entry per date, skipped dates left out, moved dates moved); cancelled ones
stay in the list with ``cancelled: true`` so clients can show them struck through.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator, model_validator

from events.activities.occurrences import occurrences_between
from events.api.rooms import InvalidOut  # the same shape as every 422 of the API

MAX_DAYS = 366
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)

router = Router(tags=["events"])


class ActivityQuery(Schema):
    start: date | None = Field(None, description="first day (YYYY-MM-DD); default today")
    end: date | None = Field(None, description="last day, included (YYYY-MM-DD); default 30 days after start")
    category: str = Field("", max_length=40, description="category slug")
    team: str = Field("", max_length=100, description="team slug")

    @field_validator("category", "team")
    @classmethod
    def no_control_characters(cls, value):
        # A slug never holds one, and PostgreSQL refuses a NUL in a query: a 422, not a 500.
        if any(ord(char) < 32 for char in value):
            raise ValueError("control characters are not allowed")
        return value

    @model_validator(mode="after")
    def check_range(self):
        for value in (self.start, self.end):
            if value is not None and not EARLIEST <= value <= LATEST:
                raise ValueError(f"dates must lie between {EARLIEST} and {LATEST}")
        start = self.start or timezone.localdate()
        end = self.end or start + timedelta(days=30)
        if end < start:
            raise ValueError("end must not be before start")
        if (end - start).days >= MAX_DAYS:
            raise ValueError(f"at most {MAX_DAYS} days at a time")
        self.start, self.end = start, end
        return self


class ActivityOut(Schema):
    id: int
    title: str
    url: str
    start: datetime
    end: datetime
    all_day: bool
    status: str
    cancelled: bool
    moved: bool
    note: str
    location: str
    category: str | None
    category_slug: str | None
    team: str | None
    team_slug: str | None
    volunteers_wanted: int | None
    signup_text: str
    signup_url: str


@router.get("/activities", response={200: list[ActivityOut], 422: InvalidOut}, tags=["activities"])
def list_activities(request, filters: Query[ActivityQuery]):
    """Occurrences overlapping ``[start, end]`` (local dates, Asia/Shanghai), in time order."""
    if filters.start is None or filters.end is None:  # pragma: no cover  (the validator fills both)
        raise HttpError(422, "start and end are required")
    start = datetime.combine(filters.start, time.min, timezone.get_default_timezone())
    end = datetime.combine(filters.end + timedelta(days=1), time.min, timezone.get_default_timezone())
    found = occurrences_between(start, end, category=filters.category, team=filters.team)
    return [
        {
            "id": o.activity.pk,
            "title": o.activity.title,
            "url": o.activity.get_full_url(request),
            "start": o.local_start,
            "end": o.local_end,
            "all_day": o.all_day,
            "status": o.activity.status,
            "cancelled": o.cancelled,
            "moved": o.moved or bool(o.activity.moved_from),
            "note": o.note or o.activity.status_note,
            "location": o.activity.place,
            "category": o.activity.category.name if o.activity.category else None,
            "category_slug": o.activity.category.slug if o.activity.category else None,
            "team": o.activity.team.name if o.activity.team else None,
            "team_slug": o.activity.team.slug if o.activity.team else None,
            "volunteers_wanted": o.activity.volunteers_wanted,
            "signup_text": o.activity.signup_text,
            "signup_url": o.activity.signup_url,
        }
        for o in found
    ]
