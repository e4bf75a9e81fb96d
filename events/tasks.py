"""Background work of the events plugin, run by Celery workers and beat. Every task is safe to run twice."""

from datetime import datetime, time, timedelta

from celery import shared_task
from django.utils import timezone

from cms.mail import MAIL_RETRY
from cms.outbox import OutboxTask

# --- room bookings ---------------------------------------------------------------------------------------------


@shared_task(name="events.tasks.send_booking_notice", base=OutboxTask, **MAIL_RETRY)
def send_booking_notice(booking_id: int, kind: str) -> bool:
    """Mail the booking's contact about a change (requested, confirmed, declined, cancelled); once per kind."""
    from events.bookings.mail import send_notice

    return send_notice(booking_id, kind)


@shared_task(name="events.tasks.send_booking_reminders")
def send_booking_reminders() -> int:
    """Remind the contacts of tomorrow's confirmed bookings (beat, daily). Returns how many mails went out."""
    from events.bookings.mail import send_notice
    from events.models import Booking, BookingNotice, BookingStatus

    tomorrow = timezone.localdate() + timedelta(days=1)
    tz = timezone.get_default_timezone()
    due = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            start__gte=datetime.combine(tomorrow, time.min, tz),
            start__lt=datetime.combine(tomorrow + timedelta(days=1), time.min, tz),
        )
        .exclude(notices__kind=BookingNotice.Kind.REMINDER)
        .values_list("pk", flat=True)
    )
    return sum(send_notice(pk, BookingNotice.Kind.REMINDER) for pk in due)


@shared_task(name="events.tasks.expire_booking_requests")
def expire_booking_requests() -> int:
    """Release the slots of requests nobody confirmed in time (beat, hourly)."""
    from events.bookings.rules import expire_stale_requests

    return expire_stale_requests()


# --- duty roster ---------------------------------------------------------------------------------------------


@shared_task(name="events.tasks.extend_duty_rota")
def extend_duty_rota() -> int:
    """Keep the duty rota filled to the end of next month (beat, daily). Idempotent; hand-edited shifts are kept.

    Returns how many shifts were created; with no duty team configured it does nothing.
    """
    from events.duty.rota import RotaError, end_of_next_month, generate_rota

    today = timezone.localdate()
    try:
        return generate_rota(today, end_of_next_month(today)).created
    except RotaError:
        return 0
