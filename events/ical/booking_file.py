"""A single booking as an iCalendar file, for "add to calendar" on the manage page (the feeds are ``calendars``)."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from events.ical.writer import plain_text
from events.models import Booking, BookingStatus


def booking_ics_bytes(booking: Booking) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Boluo Volunteer Station//Room bookings//ZH")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{settings.WAGTAILADMIN_BASE_URL.split('//')[-1].split('/')[0]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(booking.start))
    event.add("dtend", timezone.localtime(booking.end))
    event.add("summary", plain_text(f"{booking.title}({booking.room.name})"))
    event.add("location", plain_text(booking.room.location or booking.room.name))
    event.add("description", plain_text(f"{booking.get_purpose_display()} · {booking.organiser_name}"))
    event.add(
        "status",
        "CANCELLED"
        if not booking.is_holding
        else "CONFIRMED"
        if booking.status == BookingStatus.CONFIRMED
        else "TENTATIVE",
    )
    calendar.add_component(event)
    return calendar.to_ical()
