"""The showroom's content beyond pages: role models (榜样) shown in the hall and on team profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class RoleModel(index.Indexed, models.Model):
    """A volunteer held up as an example (志愿榜样): a photo, an honour, a quote and their story."""

    name = models.CharField(_("姓名"), max_length=50)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True, allow_unicode=True)
    honour = models.CharField(_("荣誉称号"), max_length=100, blank=True, help_text=_("例如:博罗好人、五星级志愿者"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("建议竖版照片;请在图片库中设置焦点,裁剪时会保留人物面部"),
    )
    team = models.ForeignKey(
        "cms.Team",
        verbose_name=_("所属队伍"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_models",
    )
    year = models.PositiveSmallIntegerField(_("获评年份"), null=True, blank=True)
    service_hours = models.PositiveIntegerField(_("累计服务时长(小时)"), default=0)
    quote = models.CharField(_("寄语"), max_length=200, blank=True, help_text=_("一句话寄语,显示在卡片上"))
    story = RichTextField(_("事迹"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    featured = models.BooleanField(_("在展示厅展示"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("honour"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("team"), FieldPanel("year"), FieldPanel("service_hours")]),
        FieldPanel("quote"),
        FieldPanel("story"),
        MultiFieldPanel([FieldPanel("featured"), FieldPanel("sort_order")], heading=_("展示")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("honour"),
        index.SearchField("quote"),
        index.SearchField("story"),
        index.AutocompleteField("name"),
        index.FilterField("featured"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("志愿榜样")
        verbose_name_plural = _("志愿榜样")

    def __str__(self):
        return self.name
