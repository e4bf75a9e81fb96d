"""The events plugin's public API for other plugins (e.g. the incubator booking mentoring sessions).

Other plugins import only this module, guarded by ``django.apps.apps.is_installed("events")``.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from events.bookings.availability import Slot, rooms_with_rules
from events.bookings.rules import BookingRequest, RoomUnavailable, equipment_by_slugs, request_booking
from events.models import Booking, FunctionRoom

__all__ = ["Booking", "RoomUnavailable", "Slot", "ValidationError", "reserve_room", "rooms_for_choice"]


def rooms_for_choice() -> list[tuple[str, str]]:
    """``(slug, name)`` of every room open for booking, for a form's choices."""
    return list(FunctionRoom.objects.filter(is_active=True).values_list("slug", "name"))


def reserve_room(
    *,
    room_slug: str,
    start: datetime,
    end: datetime,
    purpose: str,
    title: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    attendees: int,
    created_by: AbstractBaseUser | None = None,
    booked_for: Model | None = None,
    confirm: bool = False,
    organiser_name: str = "",
    team=None,
    equipment: list[str] | None = None,
    language: str = "",
) -> Booking:
    """Book a room under all the booking rules; ``booked_for`` links the booking to the caller's own object.

    ``purpose`` is one of ``incubation``, ``training``, ``exchange``; ``equipment`` a list of equipment slugs;
    ``language`` (a code of ``settings.LANGUAGES``) is the one the contact's mail is written in, by default the site's.
    Raises ``RoomUnavailable`` (with ``.suggestions``, the nearest free slots) when the time is taken, and
    ``ValidationError`` when a rule is broken (unknown room, outside opening hours, over capacity, ...).
    """
    room = rooms_with_rules().filter(slug=room_slug).first()
    if room is None:
        raise ValidationError({"room": [_("没有这个功能室:%(slug)s") % {"slug": room_slug}]})
    request = BookingRequest.from_data(
        room,
        locals(),  # the keyword arguments above, by name
        equipment=equipment_by_slugs(room, equipment or []),
        created_by=created_by,
        booked_for=booked_for,
    )
    return request_booking(request, confirm=confirm)
