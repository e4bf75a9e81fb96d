"""Many clients booking overlapping times of one room at the same moment, through the JSON API.

Used in-process on PostgreSQL (``test_booking_concurrency``) and as a subprocess on an SQLite *file* database
(the test database of pytest-django on SQLite lives in memory, where IMMEDIATE transactions prove nothing):

    VAR_DIR=$(mktemp -d) DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m tests.events.booking_race 24
"""

import json
import sys
import threading
import time
from collections import Counter
from datetime import timedelta


def race(room_slug: str, first_start, threads: int) -> dict:
    """``threads`` clients post overlapping bookings at once; returns the status codes and the time taken."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        start = first_start + timedelta(minutes=10 * (n % 4))  # every pair overlaps: latest start < earliest end
        body = {
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "purpose": "training",
            "title": f"并发测试 {n}",
            "contact_name": "测试",
            "contact_phone": f"1380000{n:04d}",
            "contact_email": f"race{n}@example.com",
            "attendees": 10,
        }
        client = Client(REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}")
        try:
            barrier.wait()
            response = client.post(
                f"/api/rooms/{room_slug}/bookings", json.dumps(body), content_type="application/json"
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    workers = [threading.Thread(target=attempt, args=(n,)) for n in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"attempts": threads, "statuses": dict(Counter(statuses)), "seconds": round(time.perf_counter() - began, 3)}


def tally(room) -> dict:
    """What the race left behind: every booking row (any status), the holding ones, notices recorded, mails sent."""
    from django.core import mail

    from events.models import Booking, BookingNotice

    return {
        "booking_rows": Booking.objects.filter(room=room).count(),
        "holding_bookings": Booking.objects.filter(room=room, status__in=["requested", "confirmed"]).count(),
        "notices": sorted(BookingNotice.objects.filter(booking__room=room).values_list("kind", flat=True)),
        "mails": len(getattr(mail, "outbox", [])),
    }


def main(threads: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.events.booking_support import at, make_room

    call_command("migrate", verbosity=0)
    room = make_room(slug="race-room")
    result = race(room.slug, at(3, 9), threads) | tally(room)
    result["vendor"] = connection.vendor
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 16)
