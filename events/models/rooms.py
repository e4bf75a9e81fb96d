"""The function room (志愿客厅) and its bookings.

The rules that decide whether a booking may be held live in ``events.bookings.rules``; these models only store what the
rules need and what the database itself must guarantee (see the exclusion constraint in migration 0001).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from events.tokens import new_token


class Purpose(models.TextChoices):
    """The three uses of the three-in-one function room (三合一功能室)."""

    INCUBATION = "incubation", _("孵化")
    TRAINING = "training", _("培训")
    EXCHANGE = "exchange", _("交流")


class FunctionRoom(ClusterableModel):
    """A bookable room of a station, with its opening hours, closures, equipment and booking limits."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=50, unique=True)
    location = models.CharField(_("位置"), max_length=200, blank=True, help_text=_("例如:博罗志愿服务总站一楼"))
    description = models.TextField(_("简介"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("容纳人数"), default=40, validators=[MinValueValidator(1)])
    allows_incubation = models.BooleanField(_("可用于孵化"), default=True)
    allows_training = models.BooleanField(_("可用于培训"), default=True)
    allows_exchange = models.BooleanField(_("可用于交流"), default=True)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("间隔时间(分钟)"), default=15, help_text=_("两场预约之间留出的布置和清洁时间")
    )
    min_duration_minutes = models.PositiveSmallIntegerField(_("最短时长(分钟)"), default=30)
    max_duration_minutes = models.PositiveSmallIntegerField(_("最长时长(分钟)"), default=240)
    slot_minutes = models.PositiveSmallIntegerField(
        _("时间刻度(分钟)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
        help_text=_("推荐空闲时段和周视图所用的时间刻度"),
    )
    min_notice_hours = models.PositiveSmallIntegerField(_("至少提前(小时)"), default=24)
    horizon_days = models.PositiveSmallIntegerField(_("最多提前(天)"), default=60)
    request_expiry_hours = models.PositiveSmallIntegerField(
        _("申请保留时长(小时)"), default=48, help_text=_("未在此时间内确认的预约申请自动失效,时段随之释放")
    )
    is_active = models.BooleanField(_("开放预约"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("功能室")
        verbose_name_plural = _("功能室")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_duration_minutes__lte=models.F("max_duration_minutes")),
                name="events_room_min_duration_lte_max",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:room_week", args=[self.slug])

    @property
    def purposes(self) -> list[str]:
        """The purposes (``Purpose`` values) this room may be booked for."""
        flags = {
            Purpose.INCUBATION: self.allows_incubation,
            Purpose.TRAINING: self.allows_training,
            Purpose.EXCHANGE: self.allows_exchange,
        }
        return [purpose.value for purpose, allowed in flags.items() if allowed]

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)


class RoomEquipment(models.Model):
    """A piece of equipment in a room (projector, interactive whiteboard, ...) that a booking may ask for."""

    room = ParentalKey(FunctionRoom, on_delete=models.CASCADE, related_name="equipment", verbose_name=_("功能室"))
    name = models.CharField(_("名称"), max_length=50)
    slug = models.SlugField(_("标识"), max_length=50)
    is_available = models.BooleanField(_("可用"), default=True, help_text=_("维修期间取消勾选"))
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("设备")
        verbose_name_plural = _("设备")
        constraints = [models.UniqueConstraint(fields=["room", "slug"], name="events_equipment_unique_slug")]

    def __str__(self):
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("星期一")
    TUESDAY = 1, _("星期二")
    WEDNESDAY = 2, _("星期三")
    THURSDAY = 3, _("星期四")
    FRIDAY = 4, _("星期五")
    SATURDAY = 5, _("星期六")
    SUNDAY = 6, _("星期日")


class OpeningHours(models.Model):
    """One opening interval of a room on a weekday; a day may have several (morning and afternoon)."""

    room = ParentalKey(FunctionRoom, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("功能室"))
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    opens = models.TimeField(_("开放时间"))
    closes = models.TimeField(_("关闭时间"))
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="events_hours_opens_lt_closes"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {time_format(self.opens)}–{time_format(self.closes)}"


class ClosedPeriod(models.Model):
    """Whole days on which a room cannot be booked: public holidays, maintenance."""

    room = ParentalKey(FunctionRoom, on_delete=models.CASCADE, related_name="closed_periods", verbose_name=_("功能室"))
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), help_text=_("含当天"))
    reason = models.CharField(_("原因"), max_length=100, help_text=_("例如:国庆节放假、设备维修"))
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("闭馆时段")
        verbose_name_plural = _("闭馆时段")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")), name="events_closed_start_lte_end"
            )
        ]

    def __str__(self):
        return f"{self.reason} ({self.start_date}–{self.end_date})"


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("待审核")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("未通过")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("已过期")


# The statuses that hold a slot; the exclusion constraint and the overlap rule both use exactly these.
HOLDING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
DROPPED_STATUSES = tuple(status for status in BookingStatus if status not in HOLDING_STATUSES)

# What public pages, feeds and the API show as the organiser when the stored one names the booker: a booking without
# a team (the API's, or a form where someone typed their own name) must not publish a person's name or contacts.
PRIVATE_ORGANISER = _("个人预约")
BOOKER_FIELDS = ("contact_name", "contact_phone", "contact_email")


def public_organiser() -> models.Case:
    """``organiser_name`` as the public may see it, for ``values()`` rows (in the active language)."""
    names_the_booker = models.Q()
    for name in BOOKER_FIELDS:
        names_the_booker |= models.Q(organiser_name__contains=models.F(name))
    return models.Case(
        models.When(names_the_booker, then=models.Value(str(PRIVATE_ORGANISER))),
        default=models.F("organiser_name"),
        output_field=models.CharField(),
    )


def new_manage_token() -> str:
    return new_token()


class BookingSeries(models.Model):
    """A recurring booking (e.g. a weekly training for ten weeks), stored as one ``Booking`` per occurrence."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("每天")
        WEEKLY = "weekly", _("每周")

    room = models.ForeignKey(FunctionRoom, on_delete=models.PROTECT, related_name="series", verbose_name=_("功能室"))
    title = models.CharField(_("主题"), max_length=120)
    frequency = models.CharField(_("重复"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(_("间隔"), default=1, validators=[MinValueValidator(1)])
    count = models.PositiveSmallIntegerField(_("次数"), validators=[MinValueValidator(1), MaxValueValidator(52)])
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("系列预约")
        verbose_name_plural = _("系列预约")

    def __str__(self):
        return f"{self.title} ({self.get_frequency_display()} × {self.count})"


class BlockedRange(models.Func):
    """``tstzrange(start, end, '[)')``: with ``blocked_start``, ``blocked_end`` exactly the expression that the exclusion
    constraint ``events_booking_no_overlap`` indexes, so PostgreSQL can answer an overlap from its GiST index."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()

    def __init__(self, start, end):
        super().__init__(start, end, RangeBoundary())


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Bookings that hold their slot (requested or confirmed): the rows of the exclusion constraint's index."""
        return self.filter(status__in=HOLDING_STATUSES)

    def blocking(self, start, end):
        """Bookings whose blocked range meets ``[start, end)``.

        A plain ``blocked_start < end AND blocked_end > start`` reads every earlier booking of the room: no btree
        serves two open-ended inequalities. PostgreSQL gets the range operator on the constraint's own expression
        (an index scan on its GiST index, for holding bookings); SQLite, which has no constraint, walks the
        ``(room, blocked_end)`` btree from ``start`` on, i.e. only the bookings that end after the window opens.
        """
        if connections[self.db].vendor == "postgresql":
            window = BlockedRange(
                models.Value(start, models.DateTimeField()), models.Value(end, models.DateTimeField())
            )
            return self.alias(blocked=BlockedRange("blocked_start", "blocked_end")).filter(blocked__overlap=window)
        return self.filter(blocked_end__gt=start, blocked_start__lt=end)


class Booking(models.Model):
    """One booking of a room, from ``start`` to ``end``.

    ``blocked_start``/``blocked_end`` is the time the room is unavailable to others: the booking plus the room's
    buffer after it, stored because the buffer may change later and because the database constraint needs an
    immutable range.
    """

    room = models.ForeignKey(FunctionRoom, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("功能室"))
    series = models.ForeignKey(
        BookingSeries,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="occurrences",
        verbose_name=_("系列"),
    )
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    blocked_start = models.DateTimeField(editable=False)
    blocked_end = models.DateTimeField(editable=False)
    purpose = models.CharField(_("用途"), max_length=20, choices=Purpose.choices)
    title = models.CharField(_("主题"), max_length=120)
    team = models.ForeignKey(
        "cms.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="room_bookings",
        verbose_name=_("志愿团队"),
    )
    organiser_name = models.CharField(_("组织者"), max_length=100, help_text=_("团队名称或个人姓名,公开显示"))
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    contact_email = models.EmailField(_("联系邮箱"))
    language = models.CharField(
        _("邮件语言"),
        max_length=15,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("预约人提交时使用的网站语言,发给预约人的邮件用这种语言"),
    )
    attendees = models.PositiveSmallIntegerField(_("预计人数"), validators=[MinValueValidator(1)])
    equipment = models.ManyToManyField(RoomEquipment, blank=True, related_name="bookings", verbose_name=_("所需设备"))
    notes = models.TextField(_("备注"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED, db_index=True
    )
    expires_at = models.DateTimeField(_("申请失效时间"), null=True, blank=True)
    decision_message = models.TextField(_("审核意见"), blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What the booking is for, e.g. an incubator's mentoring session; this plugin never needs to know the model.
    booked_for_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    booked_for_id = models.CharField(max_length=64, blank=True, editable=False)
    booked_for = GenericForeignKey("booked_for_type", "booked_for_id")

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("功能室预约")
        verbose_name_plural = _("功能室预约")
        indexes = [
            # SQLite's path for ``BookingQuerySet.blocking``; PostgreSQL uses the exclusion constraint's GiST index.
            models.Index(fields=["room", "blocked_end"], name="events_booking_room_blk_end"),
            models.Index(fields=["booked_for_type", "booked_for_id"], name="events_booking_booked_for"),
            # The feeds keep bookings dropped in the last weeks (``DROPPED_STATUSES``): found without reading history.
            models.Index(fields=["status", "updated_at"], name="events_booking_status_changed"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="events_booking_start_lt_end"),
            models.CheckConstraint(
                condition=models.Q(blocked_start__lte=models.F("start"), blocked_end__gte=models.F("end")),
                name="events_booking_blocked_covers_booking",
            ),
            models.CheckConstraint(condition=models.Q(attendees__gte=1), name="events_booking_attendees_gte_1"),
        ]

    def __str__(self):
        return f"{self.title} · {self.room}"

    def get_absolute_url(self):
        """The private manage page: whoever holds the link may view and cancel the booking."""
        return reverse("events:booking_manage", args=[self.manage_token])

    @property
    def public_organiser(self) -> str:
        """The organiser as public pages and the API show it: never the booker's name, phone or e-mail."""
        if any(getattr(self, name) in self.organiser_name for name in BOOKER_FIELDS):
            return str(PRIVATE_ORGANISER)
        return self.organiser_name

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING_STATUSES

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


class BookingNotice(models.Model):
    """One email sent about a booking; the unique pair makes the mail tasks safe to run twice."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("已收到申请")
        CONFIRMED = "confirmed", _("预约已确认")
        DECLINED = "declined", _("预约未通过")
        CANCELLED = "cancelled", _("预约已取消")
        REMINDER = "reminder", _("预约提醒")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("预约通知")
        verbose_name_plural = _("预约通知")
        constraints = [models.UniqueConstraint(fields=["booking", "kind"], name="events_notice_once_per_kind")]

    def __str__(self):
        return f"{self.booking_id} {self.kind}"
