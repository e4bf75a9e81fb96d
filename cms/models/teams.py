"""Volunteer teams: the shared domain object of the showroom, the incubator and the events plugin."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index


class Township(models.Model):
    """A township or sub-district of the county, with a centre point for "near me" and the map."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=50, unique=True, allow_unicode=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("镇街")
        verbose_name_plural = _("镇街")

    def __str__(self):
        return self.name


class Team(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A volunteer team (志愿服务队伍). Drafts (``live=False``) wait for an editor to publish them."""

    class Status(models.TextChoices):
        INCUBATING = "incubating", _("孵化中")
        ACTIVE = "active", _("活跃")
        INACTIVE = "inactive", _("暂停活动")

    name = models.CharField(_("队伍名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True, allow_unicode=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("队徽"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speciality = models.CharField(_("服务领域"), max_length=50, blank=True, help_text=_("例如:助老、环保、助学"))
    summary = models.TextField(_("简介"), blank=True)
    uniform_colour = models.CharField(
        _("队服颜色"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("请填写形如 #C8102E 的颜色值"))],
        help_text=_("值班时所穿队服的颜色,形如 #C8102E"),
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("队员人数"), default=0)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    township = models.ForeignKey(
        Township, verbose_name=_("所在镇街"), null=True, blank=True, on_delete=models.SET_NULL, related_name="teams"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    platform_name = models.CharField(
        _("志愿者平台登记名称"), max_length=100, blank=True, help_text=_("在市志愿服务平台上登记的队伍名称(四个同步)")
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    on_duty_rota = models.BooleanField(_("参与总站值班"), default=False, help_text=_("每日轮流到总站值班的特色队伍"))
    duty_order = models.PositiveSmallIntegerField(_("值班顺序"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("speciality"),
        index.SearchField("summary"),
        index.AutocompleteField("name"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["duty_order", "name"]
        verbose_name = _("志愿团队")
        verbose_name_plural = _("志愿团队")

    def __str__(self):
        return self.name
