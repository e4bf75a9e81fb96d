"""``manage.py bench_scale``: how the cost of the room operations grows with the bookings a room has had.

A room booked six times a day for ten years has 20,000 bookings; a request must cost what it shows, not what the
database holds. The command builds a scratch database of its own (``<name>_bench_scale`` on PostgreSQL when
``DATABASE_URL`` is set, ``var/bench-scale.sqlite3`` otherwise), grows one room's history to each size in turn, times
each operation (best of ``--repeat``) at each size through the real URLs, prints the table with the growth from the
smallest to the largest size, and drops the database again. Nothing outside the scratch database is touched: the
cache is a private in-memory one, mail stays in memory, tasks run in-process.

    manage.py bench_scale                  # 1,000 → 100,000 bookings (the targets' sizes)
    manage.py bench_scale --sizes small    # 1,000 → 10,000, a quick run
    manage.py bench_scale --sizes 1000,20000,50000
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import F
from django.test import Client, override_settings
from django.utils import timezone

from events.bookings import rules
from events.models import Booking, BookingStatus, FunctionRoom, OpeningHours

PRESETS = {"small": [1_000, 10_000], "full": [1_000, 100_000]}
PER_DAY = (9, 11, 14, 16, 18, 20)  # six bookings a day, an hour each
BENCH_SETTINGS = {
    "ALLOWED_HOSTS": ["*"],
    "DEBUG": False,  # no query log: it would cost time and memory that production does not spend
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-scale"}},
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "EVENTS_BOOKING_RATE_PER_IP": "1000000/h",
    "EVENTS_BOOKING_RATE_PER_CONTACT": "1000000/h",
    "CELERY_TASK_ALWAYS_EAGER": True,
}


def parse_sizes(value: str) -> list[int]:
    if value in PRESETS:
        return PRESETS[value]
    try:
        sizes = sorted({int(part.replace("_", "")) for part in value.split(",")})
    except ValueError as error:
        raise CommandError(f"--sizes: 'small', 'full' or numbers separated by commas, not {value!r}") from error
    if not sizes or sizes[0] < 1:
        raise CommandError("--sizes: at least one positive size")
    return sizes


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, clock(hour, minute), timezone.get_default_timezone())


def best_of(repeat: int, operation, before=None) -> float:
    """The fastest of ``repeat`` runs, in milliseconds; ``before()`` runs untimed before each one."""
    times = []
    for n in range(repeat):
        if before is not None:
            before(n)
        began = time.perf_counter()
        operation(n)
        times.append((time.perf_counter() - began) * 1000)
    return min(times)


class RoomHistory:
    """One room whose history grows, six bookings a day going back in time, one in seventeen days cancelled."""

    def __init__(self):
        self.room = FunctionRoom.objects.create(name="志愿客厅(测试)", slug="bench-room", horizon_days=60)
        OpeningHours.objects.bulk_create(
            OpeningHours(room=self.room, weekday=weekday, opens=opens, closes=closes)
            for weekday in range(7)
            for opens, closes in ((clock(8), clock(12)), (clock(14), clock(21)))
        )
        self.size = 0

    def grow_to(self, size: int) -> None:
        rows = []
        while self.size + len(rows) < size:
            n = self.size + len(rows)
            day, hour = -1 - n // len(PER_DAY), PER_DAY[n % len(PER_DAY)]
            start = at(day, hour)
            rows.append(
                Booking(
                    room=self.room,
                    start=start,
                    end=start + timedelta(hours=1),
                    blocked_start=start,
                    blocked_end=start + timedelta(hours=1, minutes=15),
                    status=BookingStatus.CANCELLED if day % 17 == 0 else BookingStatus.CONFIRMED,
                    purpose="training",
                    title="志愿者培训",
                    organiser_name="红棉志愿服务队",
                    contact_name="李芳",
                    contact_phone="13800138000",
                    contact_email="lifang@example.com",
                    attendees=20,
                    created_at=start - timedelta(days=7),
                )
            )
        Booking.objects.bulk_create(rows, batch_size=2000)
        # Each booking last changed when it took place (bulk_create stamps them all with now).
        Booking.objects.filter(room=self.room, start__lt=at(0, 0)).update(updated_at=F("start"))
        self.size = size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE events_booking")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def payload(start: datetime, end: datetime) -> dict:
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "purpose": "training",
        "title": "新志愿者培训",
        "contact_name": "王强",
        "contact_phone": "13900139000",
        "contact_email": "wang@example.com",
        "attendees": 12,
    }


def measure(history: RoomHistory, repeat: int) -> dict[str, float]:
    """Each operation's best time (ms) at the current size; what an operation creates is removed afterwards."""
    room, client = history.room, Client()
    slug = room.slug
    empty_week = (timezone.localdate() + timedelta(days=7)).isoformat()
    results = {}

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        return response

    results["availability, an empty week (API)"] = best_of(
        repeat, lambda n: get(f"/api/rooms/{slug}/availability?start={empty_week}&days=7")
    )
    results["conflicts().exists(), free slot"] = best_of(
        repeat, lambda n: rules.conflicts(room, at(9, 9), at(9, 10)).exists()
    )

    created = []

    def book_free(n):
        response = client.post(
            f"/api/rooms/{slug}/bookings", payload(at(10 + n, 9), at(10 + n, 10)), content_type="application/json"
        )
        assert response.status_code == 201, response.content  # noqa: S101
        created.append(response.json()["id"])

    results["API booking, free slot (201)"] = best_of(repeat, book_free)
    taken = client.post(f"/api/rooms/{slug}/bookings", payload(at(30, 9), at(30, 10)), content_type="application/json")
    created.append(taken.json()["id"])

    def book_taken(n):
        response = client.post(
            f"/api/rooms/{slug}/bookings", payload(at(30, 9, 30), at(30, 10, 30)), content_type="application/json"
        )
        assert response.status_code == 409, response.content  # noqa: S101

    results["API booking, conflicting (409)"] = best_of(repeat, book_taken)
    Booking.objects.filter(pk__in=created).delete()

    sizes = []

    def feed(n):
        sizes.append(len(get(f"/events/feeds/rooms/{slug}.ics").content))

    results["room feed, cold"] = best_of(repeat, feed, before=lambda n: cache.clear())
    results["room feed, size (KB)"] = -max(sizes) / 1024  # negative: a size, printed as is
    return results


def table(sizes: list[int], rows: dict[str, list[float]]) -> str:
    head = ["operation", *(f"{size:,}" for size in sizes), "growth"]
    lines = [head]
    for name, values in rows.items():
        if values[0] < 0:
            cells = [f"{-value:,.0f} KB" for value in values]
            growth = f"{values[-1] / values[0]:.1f} ×"
        else:
            cells = [f"{value:,.1f} ms" for value in values]
            growth = f"{values[-1] / values[0]:.1f} ×" if values[0] else "-"
        lines.append([name, *cells, growth])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + " |" for line in lines
    ]
    out.insert(1, "| " + " | ".join("-" * width for width in widths) + " |")
    return "\n".join(out)


class Command(BaseCommand):
    help = "Time the room operations at growing numbers of bookings, in a scratch database, and print the growth."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="full", help="'small', 'full' or e.g. 1000,20000,100000 (bookings)")
        parser.add_argument("--repeat", type=int, default=5, help="runs per operation; the best one counts")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")

    def handle(self, *args, sizes, repeat, keep, **options):
        sizes = parse_sizes(sizes)
        original_name = connection.settings_dict["NAME"]
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(settings.VAR_DIR / "bench-scale.sqlite3")
        else:
            test_settings["NAME"] = f"{original_name}_bench_scale"
        self.stdout.write(f"scratch database ({connection.vendor}): {test_settings['NAME']}; sizes {sizes}")
        began = time.perf_counter()
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        self.stdout.write(f"migrated in {time.perf_counter() - began:.0f} s")
        try:
            with override_settings(**BENCH_SETTINGS):
                self.run(sizes, repeat)
        finally:
            if not keep:
                connection.creation.destroy_test_db(original_name, verbosity=0)

    def run(self, sizes: list[int], repeat: int) -> None:
        from celery import current_app

        eager = current_app.conf.task_always_eager
        current_app.conf.task_always_eager = True
        # The 409s and the mail tasks would log a line per request: the table is the output.
        for name in ("django.request", "celery.app.trace"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            history = RoomHistory()
            rows: dict[str, list[float]] = {}
            for size in sizes:
                began = time.perf_counter()
                history.grow_to(size)
                self.stdout.write(f"{size:,} bookings in {time.perf_counter() - began:.0f} s; timing")
                for name, value in measure(history, repeat).items():
                    rows.setdefault(name, []).append(value)
        finally:
            current_app.conf.task_always_eager = eager
        self.stdout.write(f"\nbest of {repeat}, {connection.vendor}, one room's bookings\n")
        self.stdout.write(table(sizes, rows))
