"""Factories for the events plugin's models: rooms like the station's, bookings, categories, duty shifts, tokens."""

from datetime import time, timedelta

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from events.models import (
    ActivityCategory,
    Booking,
    BookingStatus,
    ClosedPeriod,
    DutyShift,
    FeedToken,
    FunctionRoom,
    OpeningHours,
    RoomEquipment,
)
from tests.factories import TeamFactory, UserFactory

# The station's living room: open 08:00–12:00 and 14:00–21:00 every day.
EVERY_DAY_HOURS = [(weekday, time(8), time(12)) for weekday in range(7)] + [
    (weekday, time(14), time(21)) for weekday in range(7)
]
STANDARD_EQUIPMENT = [("投影仪", "projector"), ("红外电子白板", "whiteboard")]


class FunctionRoomFactory(factory.django.DjangoModelFactory):
    """A room with the station's rules: 15 minutes buffer, 30–240 minutes, 40 people, a day's notice, 60 days ahead.

    ``opening_hours=[(weekday, opens, closes), ...]`` and ``equipment=[(name, slug), ...]`` replace the defaults
    (``[]`` for none).
    """

    class Meta:
        model = FunctionRoom
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"room-{n}")
    name = factory.LazyAttribute(lambda room: f"志愿客厅 {room.slug}")
    capacity = 40
    buffer_minutes = 15
    min_duration_minutes = 30
    max_duration_minutes = 240
    slot_minutes = 30
    min_notice_hours = 24
    horizon_days = 60
    request_expiry_hours = 48

    @factory.post_generation
    def opening_hours(room, create, extracted, **kwargs):
        hours = EVERY_DAY_HOURS if extracted is None else extracted
        OpeningHours.objects.bulk_create(
            OpeningHours(room=room, weekday=weekday, opens=opens, closes=closes) for weekday, opens, closes in hours
        )

    @factory.post_generation
    def equipment(room, create, extracted, **kwargs):
        items = STANDARD_EQUIPMENT if extracted is None else extracted
        RoomEquipment.objects.bulk_create(RoomEquipment(room=room, name=name, slug=slug) for name, slug in items)


class ClosedPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedPeriod

    room = factory.SubFactory(FunctionRoomFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    end_date = factory.LazyAttribute(lambda period: period.start_date)
    reason = "国庆节放假"


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row stored as given, blocking exactly its own times: data for feeds, lists and the database's own
    constraint. Bookings whose rules are under test go through ``events.bookings.rules`` instead."""

    class Meta:
        model = Booking

    room = factory.SubFactory(FunctionRoomFactory)
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=3))
    end = factory.LazyAttribute(lambda booking: booking.start + timedelta(hours=2))
    blocked_start = factory.LazyAttribute(lambda booking: booking.start)
    blocked_end = factory.LazyAttribute(lambda booking: booking.end)
    status = BookingStatus.CONFIRMED
    purpose = "training"
    title = "新志愿者培训"
    organiser_name = "红棉志愿服务队"
    contact_name = "李芳"
    contact_phone = "13800138000"
    contact_email = "lifang@example.com"
    attendees = 20


class ActivityCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"类别{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class DutyShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyShift

    date = factory.LazyFunction(timezone.localdate)
    team = factory.SubFactory(TeamFactory, on_duty_rota=True)


class FeedTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedToken
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, is_staff=True)
    label = "办公室"

    @factory.post_generation
    def sees_bookings(self, create, extracted, **kwargs):
        """The token's user may view bookings (the private feed needs it) unless ``sees_bookings=False``."""
        if create and extracted is not False:
            self.user.user_permissions.add(
                Permission.objects.get(codename="view_booking", content_type__app_label="events")
            )
