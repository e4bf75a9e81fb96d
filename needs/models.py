"""Needs (点单): services ordered by the public, dispatched to teams, done and rated; their audit trail; team leaders."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from needs.workflow import COMPLETED_STATES, OPEN_STATES, TEAM_STATES, NeedWorkflow, State


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


MAX_PHOTO_SIZE = 5 * 1024 * 1024
MAX_PHOTOS = 4
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def private_storage() -> FileSystemStorage:
    """Outside MEDIA_ROOT: a completion photo is served only through a view that checks who asks."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def photo_path(instance, filename) -> str:
    # A random name: the uploader's file name may say who or where the requester is.
    return f"needs/{instance.need_id}/{secrets.token_hex(12)}{PurePath(filename).suffix.lower()}"


def validate_photo_size(upload) -> None:
    if upload.size > MAX_PHOTO_SIZE:
        raise ValidationError(
            _("每张照片不能超过 %(limit)s,当前照片 %(size)s。"),
            code="file_too_large",
            params={"limit": filesizeformat(MAX_PHOTO_SIZE), "size": filesizeformat(upload.size)},
        )


class Beneficiary(models.TextChoices):
    PERSON = "person", _("个人")
    HOUSEHOLD = "household", _("家庭")
    COMMUNITY = "community", _("村(社区)")
    SCHOOL = "school", _("学校")
    OTHER = "other", _("其他单位")


def overdue_condition(today) -> Q:
    """Accepted needs whose wanted date (or the end of the wanted period) is past, not yet marked done."""
    return Q(state=State.ACCEPTED) & (Q(wanted_until__lt=today) | Q(wanted_until__isnull=True, wanted_on__lt=today))


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def completed(self):
        return self.filter(state__in=COMPLETED_STATES)

    def waiting_for_dispatch(self):
        return self.filter(state=State.SUBMITTED)

    def unaccepted_since(self, moment):
        """Dispatched before ``moment`` and still not accepted by the team."""
        return self.filter(state=State.DISPATCHED, dispatched_at__lt=moment)

    def overdue(self, today):
        """Accepted, the wanted date is past, and not marked done."""
        return self.filter(overdue_condition(today))


class Need(ConcurrentTransitionMixin, NeedWorkflow, models.Model):
    """A service ordered by a resident, a village committee or a school, moved through ``workflow.py``.

    The contact fields (name, phone, e-mail, address) are private: never on a public page, feed or API, and shown to a
    team's leaders only once the team accepted (``workflow.sees_contact``).
    """

    category = models.CharField(_("服务类别"), max_length=50, help_text=_("与志愿团队的服务领域对应"))
    description = models.TextField(_("需要什么帮助"), max_length=1000)
    beneficiary = models.CharField(_("服务对象"), max_length=20, choices=Beneficiary.choices)
    township = models.ForeignKey(
        "cms.Township", verbose_name=_("所在镇街"), on_delete=models.PROTECT, related_name="needs"
    )
    address = models.CharField(_("详细地址"), max_length=200)
    wanted_on = models.DateField(_("希望服务日期"))
    wanted_until = models.DateField(_("最晚日期"), null=True, blank=True)
    volunteers_needed = models.PositiveSmallIntegerField(
        _("需要志愿者人数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    consented_at = models.DateTimeField(_("同意使用联系信息的时间"), default=timezone.now, editable=False)

    state = FSMField(_("状态"), default=State.SUBMITTED, choices=State.choices, protected=True, db_index=True)
    team = models.ForeignKey(
        "cms.Team", verbose_name=_("接单队伍"), null=True, blank=True, on_delete=models.PROTECT, related_name="needs"
    )
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    submitted_at = models.DateTimeField(_("点单时间"), default=timezone.now, db_index=True)
    state_changed_at = models.DateTimeField(_("状态更新时间"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    served_on = models.DateField(_("服务日期"), null=True, blank=True)
    volunteers_served = models.PositiveSmallIntegerField(_("参与志愿者人数"), null=True, blank=True)
    hours = models.DecimalField(_("服务时长(小时)"), max_digits=6, decimal_places=1, null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("评分"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("评价"), blank=True, max_length=500)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    photos_shared = models.BooleanField(
        _("同意公开服务照片"), default=False, help_text=_("点单人在状态页同意后,服务照片才会出现在公开的点单墙上")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("点单")
        verbose_name_plural = _("点单")
        permissions = [
            ("dispatch_need", _("可派单(总站派单员)")),
            ("lead_team_needs", _("可为本队接单(队伍负责人)")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="needs_need_state_valid"),
            models.CheckConstraint(
                condition=~Q(state__in=TEAM_STATES) | Q(team__isnull=False), name="needs_need_team_when_dispatched"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="needs_need_rating_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["team", "state"], name="needs_team_state")]

    def __str__(self):
        return f"{self.category} · {self.township_id and self.township.name}"

    def get_status_url(self) -> str:
        return reverse("needs:status", args=[self.status_token])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def stars(self) -> str:
        return "★" * (self.rating or 0)


class NeedEvent(models.Model):
    """One line of a need's audit trail: who did what, from which state to which, for which team."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=20, default="transition")
    action = models.CharField(_("操作"), max_length=30, blank=True)
    from_state = models.CharField(_("原状态"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=State.choices, blank=True)
    team = models.ForeignKey(
        "cms.Team", verbose_name=_("队伍"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("点单记录")
        verbose_name_plural = _("点单记录")

    def __str__(self):
        return f"{self.need_id} · {self.action or self.kind}"


class NeedPhoto(models.Model):
    """A photo the team attached when marking the need done: private, shown to the requester and the station only."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("服务照片"),
        storage=private_storage,
        upload_to=photo_path,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS), validate_photo_size],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("服务照片")
        verbose_name_plural = _("服务照片")

    def __str__(self):
        return f"{self.need_id} · {self.pk}"


class TeamLeader(models.Model):
    """A user who answers dispatched needs for one team (the core's ``Team`` knows nothing of it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="led_teams"
    )
    team = models.ForeignKey("cms.Team", verbose_name=_("队伍"), on_delete=models.CASCADE, related_name="leaders")

    class Meta:
        verbose_name = _("队伍负责人")
        verbose_name_plural = _("队伍负责人")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="needs_one_leader_row_per_team")]

    def __str__(self):
        return f"{self.team} · {self.user}"


@register_setting(icon="cog")
class NeedsSettings(BaseGenericSetting):
    """How long the station waits for a team, and what the order form says."""

    accept_within_hours = models.PositiveSmallIntegerField(
        _("接单时限(小时)"),
        default=48,
        validators=[MinValueValidator(1)],
        help_text=_("派单后超过这么多小时仍无队伍接单,点单自动退回总站重新派单"),
    )

    class Meta:
        verbose_name = _("点单设置")
