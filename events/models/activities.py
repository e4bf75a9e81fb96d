"""The activity board (活动资讯): categories, the board page and one page per activity.

An activity is timed (``start_time`` given) or all-day (dates only). ``starts_at``/``ends_at``/``series_ends_at`` are
derived on save so the board and the feeds can select a window with one indexed query; ``sequence`` and
``changed_at`` are kept by ``events.activities.occurrences.record_changes`` (the one place that decides what counts as a change).
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.search import NGRAMS_FIELD, ChineseSearchMixin
from events.activities.forms import ActivityPageForm

CITY_PLATFORM_URL = "https://www.gdzyz.cn/"


def occurrence_bounds(day: date, start_time: time | None, end_time: time | None, span: timedelta):
    """Aware start and end of an occurrence beginning on ``day`` and lasting ``span`` days more.

    All-day occurrences (no start time) run from midnight to the midnight after their last day (exclusive end, as
    RFC 5545 wants it); timed ones end at ``end_time`` (or start time) on their last day.
    """
    if start_time is None:
        start = datetime.combine(day, time.min, timezone.get_default_timezone())
        return start, start + span + timedelta(days=1)
    start = datetime.combine(day, start_time, timezone.get_default_timezone())
    end = datetime.combine(day + span, end_time or start_time, timezone.get_default_timezone())
    return start, max(end, start)


def moved_bounds(
    original_day: date,
    start_time: time | None,
    end_time: time | None,
    span: timedelta,
    *,
    new_date: date | None,
    new_start_time: time | None,
    new_end_time: time | None,
) -> tuple[datetime, datetime]:
    """Start and end of one occurrence moved to ``new_date`` and/or new times, the rest as the series has it.

    Without a new end time it keeps the series' length: moved to a later start, it must not end before it begins.
    """
    day = new_date or original_day
    if start_time is None:
        return occurrence_bounds(day, None, None, span)
    start = datetime.combine(day, new_start_time or start_time, timezone.get_default_timezone())
    if new_end_time is None:
        series_start, series_end = occurrence_bounds(original_day, start_time, end_time, span)
        return start, start + (series_end - series_start)
    end = datetime.combine(day + span, new_end_time, timezone.get_default_timezone())
    return start, max(start, end)


class ActivityCategory(models.Model):
    """A kind of activity (助老, 环保, 助学, 文明交通, 社区服务 ...); each has its own calendar feed."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    slug = models.SlugField(
        _("网址标识"), max_length=40, unique=True, help_text=_("用于订阅地址,只用小写字母、数字和连字符")
    )
    colour = models.CharField(
        _("颜色"), max_length=7, default="#C8102E", help_text=_("活动板上的标记颜色,形如 #C8102E")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("colour"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("活动类别")
        verbose_name_plural = _("活动类别")

    def __str__(self):
        return self.name


class ActivityIndexPage(ChineseSearchMixin, Page):
    """The monthly activity board: every volunteer organisation's coming activities."""

    intro = RichTextField(
        _("说明"), blank=True, features=["bold", "italic", "link"], help_text=_("活动板顶部的说明文字")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField(NGRAMS_FIELD)]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.ActivityPage"]
    template = "events/activity_index_page.html"

    class Meta:
        verbose_name = _("活动资讯")
        verbose_name_plural = _("活动资讯")

    def get_context(self, request, *args, **kwargs):
        from events.activities.board import board_context

        context = super().get_context(request, *args, **kwargs)
        context.update(board_context(request, self))
        return context

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("print"):
            return "events/activity_board_print.html"
        return super().get_template(request, *args, **kwargs)


class ActivityStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("按计划举行")
    TENTATIVE = "tentative", _("待定")
    CANCELLED = "cancelled", _("已取消")


class Recurrence(models.TextChoices):
    NONE = "", _("不重复")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")


class ActivityPage(ChineseSearchMixin, Page):
    """One activity of a volunteer organisation, on the board and in the calendar feeds."""

    start_date = models.DateField(_("开始日期"))
    start_time = models.TimeField(_("开始时间"), null=True, blank=True, help_text=_("留空表示全天活动"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("留空表示当天结束"))
    end_time = models.TimeField(_("结束时间"), null=True, blank=True)
    location = models.CharField(_("地点"), max_length=200, blank=True, help_text=_("例如:罗阳街道文化广场"))
    room = models.ForeignKey(
        "events.FunctionRoom",
        verbose_name=_("总站功能室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        help_text=_("在总站功能室举办时选择,可代替地点"),
    )
    team = models.ForeignKey(
        "cms.Team",
        verbose_name=_("组织队伍"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    category = models.ForeignKey(
        ActivityCategory,
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    summary = models.CharField(_("一句话介绍"), max_length=200, blank=True)
    volunteers_wanted = models.PositiveSmallIntegerField(_("招募志愿者人数"), null=True, blank=True)
    signup_text = models.TextField(_("报名方式"), blank=True, help_text=_("例如:在市志愿服务平台搜索活动名称报名"))
    signup_url = models.URLField(_("报名链接"), blank=True, help_text=_("市志愿服务平台上的活动链接"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("详细介绍"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=ActivityStatus.choices,
        default=ActivityStatus.CONFIRMED,
        help_text=_("取消的活动仍然显示,并标记为已取消"),
    )
    status_note = models.CharField(_("变更说明"), max_length=200, blank=True, help_text=_("例如:因台风取消"))
    recurrence = models.CharField(_("重复"), max_length=10, choices=Recurrence.choices, blank=True, default="")
    recurrence_interval = models.PositiveSmallIntegerField(_("间隔"), default=1, help_text=_("每隔几周/几个月"))
    recurrence_until = models.DateField(_("重复截止日期"), null=True, blank=True)

    # Derived on save; see the module docstring.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False)
    series_ends_at = models.DateTimeField(editable=False, db_index=True)
    moved_from = models.DateTimeField(editable=False, null=True)
    sequence = models.PositiveIntegerField(editable=False, default=0)
    changed_at = models.DateTimeField(editable=False, null=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("room")]),
            ],
            heading=_("时间和地点"),
        ),
        MultiFieldPanel(
            [FieldPanel("team"), FieldPanel("category"), FieldPanel("summary"), FieldPanel("volunteers_wanted")],
            heading=_("组织和类别"),
        ),
        MultiFieldPanel([FieldPanel("signup_text"), FieldPanel("signup_url")], heading=_("报名")),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_note")], heading=_("状态")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("recurrence"), FieldPanel("recurrence_interval"), FieldPanel("recurrence_until")]
                ),
                InlinePanel("occurrence_changes", label=_("单次变更(取消或改期某一天)")),
            ],
            heading=_("重复活动"),
        ),
    ]
    # Found by any part of its Chinese title, summary, place or text (see cms.search).
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("location"),
        index.SearchField("body"),
        index.SearchField(NGRAMS_FIELD),
    ]
    parent_page_types = ["events.ActivityIndexPage"]
    subpage_types = []
    template = "events/activity_page.html"
    base_form_class = ActivityPageForm

    @property
    def search_snippet(self) -> str:
        """The short text shown under this activity in the site's search results."""
        return self.summary or self.search_description

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    # -- time ---------------------------------------------------------------------------------------------------
    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def last_date(self):
        return self.end_date or self.start_date

    def local_bounds(self, start_date) -> tuple[datetime, datetime]:
        """Start and end (aware; exclusive midnight for all-day) of the occurrence that begins on ``start_date``."""
        return occurrence_bounds(start_date, self.start_time, self.end_time, self.last_date - self.start_date)

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期")
        if self.start_time is None and self.end_time is not None:
            errors["start_time"] = _("填写了结束时间时也请填写开始时间")
        if (
            self.start_time
            and self.end_time
            and (self.end_date in (None, self.start_date))
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("结束时间必须晚于开始时间")
        if self.recurrence and not self.recurrence_until:
            errors["recurrence_until"] = _("重复活动请填写截止日期")
        if self.recurrence_until and self.recurrence_until < self.start_date:
            errors["recurrence_until"] = _("截止日期不能早于开始日期")
        if self.recurrence_interval < 1:
            errors["recurrence_interval"] = _("间隔至少为 1")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from events.activities.occurrences import record_changes

        # Draft saves (``save_revision``) write only bookkeeping fields; the live content changes on a full save.
        if kwargs.get("update_fields") is None:
            record_changes(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from events.activities.board import activity_context

        context = super().get_context(request, *args, **kwargs)
        context.update(activity_context(request, self))
        return context

    @property
    def place(self) -> str:
        """Where it happens, as people read it: the free-text location, else the station room's name."""
        if self.location:
            return self.location
        return self.room.name if self.room_id else ""


class OccurrenceChange(Orderable):
    """An exception to a recurring activity: one date skipped, or moved to another day or time."""

    class Action(models.TextChoices):
        SKIP = "skip", _("这一次取消")
        MOVE = "move", _("这一次改期")

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    original_date = models.DateField(_("原定日期"))
    action = models.CharField(_("变更"), max_length=8, choices=Action.choices, default=Action.SKIP)
    new_date = models.DateField(_("改到日期"), null=True, blank=True, help_text=_("改期时填写;留空则仍是原定日期"))
    new_start_time = models.TimeField(_("改到开始时间"), null=True, blank=True)
    new_end_time = models.TimeField(_("改到结束时间"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("单次变更")
        verbose_name_plural = _("单次变更")
        constraints = [
            models.UniqueConstraint(fields=["activity", "original_date"], name="events_occurrence_change_unique_date")
        ]

    def __str__(self):
        return f"{self.original_date} {self.get_action_display()}"

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVE and not (self.new_date or self.new_start_time or self.new_end_time):
            raise ValidationError({"new_date": _("改期请填写新的日期或时间")})
        if self.new_start_time and self.new_end_time and self.new_end_time <= self.new_start_time:
            raise ValidationError({"new_end_time": _("结束时间必须晚于开始时间")})
