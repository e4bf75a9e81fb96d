"""Incubation: applications of new volunteer organisations, their mentoring sessions, grants and audit log."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from incubator.validators import validate_charter_size
from incubator.workflow import OPEN_STATES, PUBLIC_STAGES, ApplicationWorkflow, State

CHARTER_EXTENSIONS = ["pdf", "doc", "docx", "jpg", "jpeg", "png"]


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


def private_storage() -> FileSystemStorage:
    """Applicants' documents: outside MEDIA_ROOT, so only the staff download view can hand them out."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def charter_path(instance, filename) -> str:
    """Charters are stored under a random name: the applicant's file name is never used as a path."""
    return f"incubator/charters/{secrets.token_hex(16)}{Path(filename).suffix.lower()}"


class FieldOfService(models.TextChoices):
    ELDERLY = "elderly", _("助老敬老")
    DISABILITY = "disability", _("助残扶弱")
    EDUCATION = "education", _("助学支教")
    ENVIRONMENT = "environment", _("环境保护")
    COMMUNITY = "community", _("社区服务")
    CIVILITY = "civility", _("文明宣传")
    EMERGENCY = "emergency", _("应急救援")
    CULTURE = "culture", _("文化体育")
    HEALTH = "health", _("医疗卫生")
    OTHER = "other", _("其他")


class Support(models.TextChoices):
    TEAM_BUILDING = "team_building", _("队伍建设")
    PROJECT_PLANNING = "project_planning", _("项目策划")
    FUNDING = "funding", _("资金扶持")


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def stale(self, days: int):
        """Open applications whose state has not changed for ``days`` days."""
        return self.open().filter(state_changed_at__lt=timezone.now() - timezone.timedelta(days=days))


class Application(ConcurrentTransitionMixin, ApplicationWorkflow, models.Model):
    """A new volunteer organisation's application for incubation, moved through the workflow in ``workflow.py``."""

    organisation_name = models.CharField(_("组织名称"), max_length=100)
    founder_name = models.CharField(_("发起人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    contact_email = models.EmailField(_("联系邮箱"))
    language = models.CharField(
        _("邮件语言"),
        max_length=15,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("申请人提交时使用的网站语言,发给申请人的邮件用这种语言"),
    )
    township = models.ForeignKey(
        "cms.Township",
        verbose_name=_("所在镇街"),
        on_delete=models.PROTECT,
        related_name="incubator_applications",
    )
    field_of_service = models.CharField(_("服务领域"), max_length=20, choices=FieldOfService.choices)
    member_count = models.PositiveIntegerField(_("成员人数"), validators=[MinValueValidator(1)])
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    introduction = models.TextField(_("组织简介"), max_length=2000)
    planned_projects = models.TextField(_("计划开展的项目"), max_length=3000)
    support_needed = models.JSONField(_("需要的支持"), default=list, blank=True)
    charter = models.FileField(
        _("组织章程"),
        upload_to=charter_path,
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(CHARTER_EXTENSIONS), validate_charter_size],
    )

    state = FSMField(_("状态"), default=State.APPLIED, choices=State.choices, protected=True, db_index=True)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("辅导导师"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubator_mentees",
    )
    activities_held = models.PositiveIntegerField(
        _("已开展活动次数"), default=0, help_text=_("孵化期间组织开展的志愿服务活动次数,用于成熟认定")
    )
    team = models.ForeignKey(
        "cms.Team",
        verbose_name=_("展示厅团队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubator_applications",
    )
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    state_changed_at = models.DateTimeField(_("状态更新时间"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("孵化申请")
        verbose_name_plural = _("孵化申请")
        permissions = [
            ("coordinate_incubation", _("可管理孵化全流程(孵化协调员)")),
            ("mentor_incubation", _("可辅导孵化组织(孵化导师)")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="incubator_application_state_valid"),
            # One open application per organisation and phone: a second submission is refused, and a reopen
            # that would make two open ones fails instead of silently duplicating.
            models.UniqueConstraint(
                fields=["organisation_name", "contact_phone"],
                condition=Q(state__in=OPEN_STATES),
                name="incubator_one_open_application_per_organisation",
            ),
        ]
        # The staff listing's order with the id: a page's ids are read from this index alone (DeferredJoinPaginator).
        # Its search has trigram indexes on PostgreSQL (migration 0005).
        indexes = [models.Index(F("submitted_at").desc(), F("id").desc(), name="incubator_app_listing_idx")]

    def __str__(self):
        return self.organisation_name

    @property
    def public_stage(self):
        return PUBLIC_STAGES[self.state]

    def get_status_url(self) -> str:
        return reverse("incubator:status", args=[self.status_token])

    def get_mentor_display(self) -> str:
        return (self.mentor.get_full_name() or self.mentor.get_username()) if self.mentor else ""

    def get_support_needed_display(self) -> str:
        labels = dict(Support.choices)
        return "、".join(str(labels.get(value, value)) for value in self.support_needed)


class MentoringSession(models.Model):
    """A mentoring session (辅导) with the organisation, usually in the station's function room."""

    application = models.ForeignKey(
        Application, verbose_name=_("孵化申请"), on_delete=models.CASCADE, related_name="sessions"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导师"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="incubator_sessions",
    )
    starts_at = models.DateTimeField(_("辅导时间"))
    duration_minutes = models.PositiveSmallIntegerField(_("时长(分钟)"), default=90, validators=[MinValueValidator(15)])
    topic = models.CharField(_("辅导主题"), max_length=100)
    notes = models.TextField(_("辅导记录"), blank=True, help_text=_("仅工作人员可见"))
    next_steps = models.TextField(_("下一步安排"), blank=True, help_text=_("申请人在状态页可以看到"))
    room_booking_id = models.PositiveIntegerField(_("功能室预约编号"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("辅导记录")
        verbose_name_plural = _("辅导记录")

    def __str__(self):
        return f"{self.application} · {self.topic}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class Grant(models.Model):
    """Funding support (资金扶持) given to an organisation, and the report it owes on how the money was used."""

    application = models.ForeignKey(
        Application, verbose_name=_("孵化申请"), on_delete=models.CASCADE, related_name="grants"
    )
    amount = models.DecimalField(_("金额(元)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0.01)])
    source = models.CharField(_("资金来源"), max_length=100, help_text=_("例如:县文明办志愿服务专项资金"))
    disbursed_on = models.DateField(_("拨付日期"), null=True, blank=True)
    report_due_on = models.DateField(_("报告截止日期"), null=True, blank=True)
    report_received_on = models.DateField(_("报告收到日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("扶持资金")
        verbose_name_plural = _("扶持资金")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="incubator_grant_amount_positive")]

    def __str__(self):
        return f"{self.application} · ¥{self.amount}"


class ApplicationEvent(models.Model):
    """One line of an application's timeline: a transition (the audit log), a comment, or a change staff made."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交申请")
        TRANSITION = "transition", _("状态变更")
        COMMENT = "comment", _("备注")
        ASSIGNMENT = "assignment", _("指派导师")
        SESSION = "session", _("辅导记录")
        GRANT = "grant", _("扶持资金")

    class Visibility(models.TextChoices):
        STAFF = "staff", _("仅工作人员")
        APPLICANT = "applicant", _("申请人可见")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    action = models.CharField(_("操作"), max_length=30, blank=True)
    from_state = models.CharField(_("原状态"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=State.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人"), max_length=150)
    comment = models.TextField(_("说明"), blank=True)
    visibility = models.CharField(_("可见范围"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("孵化记录")
        verbose_name_plural = _("孵化记录")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="transition") | (~Q(from_state="") & ~Q(to_state="")),
                name="incubator_transition_event_has_states",
            )
        ]

    def __str__(self):
        return f"{self.application} · {self.get_kind_display()}"


@register_setting(icon="cog")
class IncubatorSettings(BaseGenericSetting):
    """What the coordinators require before an organisation is certified mature, and when an item is stale."""

    min_sessions = models.PositiveSmallIntegerField(_("成熟认定:最少辅导次数"), default=3)
    min_activities = models.PositiveSmallIntegerField(_("成熟认定:最少开展活动次数"), default=2)
    stale_days = models.PositiveSmallIntegerField(
        _("停留提醒天数"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("申请在同一状态停留超过这么多天即提醒协调员"),
    )
    call_for_applications = models.TextField(
        _("首页征集说明"),
        blank=True,
        default="新成立的志愿服务组织可以申请孵化:总站在志愿客厅提供队伍建设、项目策划和资金扶持。",
    )

    class Meta:
        verbose_name = _("孵化设置")
