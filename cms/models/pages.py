"""The home page and what every showroom page shares (search in Chinese, phone-first previews, sharing image)."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.listing import with_image_renditions
from cms.plugins import home_page_panels
from cms.search import NGRAMS_FIELD, ChineseSearchMixin

# Rendition specs, in one place so that templates and prefetching agree. "-c100" keeps the editor's focal point.
CARD_IMAGE = "fill-{360x225,720x450}-c100|format-webp"
SHARE_IMAGE = "fill-1200x630-c100"


class ShowroomPage(ChineseSearchMixin, Page):
    """Base of the showroom's pages: indexed for Chinese search, previewed at phone width first."""

    share_image_field = None  # the name of an image field used for Open Graph sharing
    search_fields = [*Page.search_fields, index.SearchField(NGRAMS_FIELD)]

    class Meta:
        abstract = True

    @property
    def preview_sizes(self):
        return [
            {"name": "mobile", "icon": "mobile-alt", "device_width": 375, "label": _("手机预览(微信)")},
            {"name": "tablet", "icon": "tablet-alt", "device_width": 768, "label": _("平板预览")},
            {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": _("电脑预览")},
        ]

    @property
    def search_snippet(self) -> str:
        """The short text shown under this page in search results."""
        text = self.search_description or getattr(self, "summary", "") or getattr(self, "intro", "")
        return strip_tags(str(text))

    @property
    def share_image(self):
        return getattr(self, self.share_image_field, None) if self.share_image_field else None


class HomePage(ShowroomPage):
    """The station's front door: who we are, the key figures, the way into the hall, and the plugins' panels."""

    class FiguresSource(models.TextChoices):
        EDITED = "edited", _("编辑填写的数字")
        COMPUTED = "computed", _("根据网站数据自动统计")

    hero_title = models.CharField(_("主标题"), max_length=120, blank=True, help_text=_("留空则使用页面标题"))
    hero_intro = RichTextField(
        _("简介"), blank=True, features=["bold", "italic", "link"], help_text=_("首页顶部的一两句话介绍")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("首页大图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("也用作分享到微信时的图片;请设置焦点"),
    )
    figures_heading = models.CharField(_("数字栏标题"), max_length=60, blank=True, default="博罗志愿服务")
    figures_note = models.CharField(_("数据说明"), max_length=100, blank=True, help_text=_("例如:数据截至2016年5月底"))
    figures_source = models.CharField(
        _("数字来源"),
        max_length=10,
        choices=FiguresSource.choices,
        default=FiguresSource.EDITED,
        help_text=_(
            "自动统计时显示已发布团队数、队员人数以及各插件提供的数字(如近12个月的活动次数),不用下面填写的数字"
        ),
    )
    hall_heading = models.CharField(_("展示厅栏目标题"), max_length=60, blank=True, default="走进展示厅")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")], heading=_("首屏")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("figures_heading"), FieldPanel("figures_note")]),
                FieldPanel("figures_source"),
                InlinePanel("figures", label=_("关键数字"), min_num=0, max_num=6),
            ],
            heading=_("关键数字"),
        ),
        MultiFieldPanel(
            [FieldPanel("hall_heading"), InlinePanel("hall_links", label=_("展示厅推荐栏目"))],
            heading=_("展示厅入口"),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"
    max_count = 1
    share_image_field = "hero_image"

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        from cms.models.news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["plugin_panels"] = home_page_panels(request)
        context["figures"] = self.key_figures()
        context["hall_links"] = with_image_renditions(
            self.hall_links.filter(section__live=True).select_related("section"), "section__cover_image"
        )
        context["latest_news"] = NewsPage.objects.listing()[:3]
        return context

    def key_figures(self):
        """The figures the editor typed in, or the computed ones (``cms.statistics``) when the editor chose those."""
        if self.figures_source == self.FiguresSource.COMPUTED:
            from cms.statistics import computed_key_figures

            return computed_key_figures()
        return self.figures.all()


class HomePageFigure(Orderable):
    """One of the station's key figures on the home page, e.g. 55,000+ registered volunteers."""

    page = ParentalKey(HomePage, related_name="figures", on_delete=models.CASCADE)
    value = models.PositiveIntegerField(_("数字"), help_text=_("只填数字,例如 55000"))
    suffix = models.CharField(_("后缀"), max_length=10, blank=True, help_text=_("例如:+、个、人"))
    label = models.CharField(_("说明"), max_length=40, help_text=_("例如:实名注册志愿者"))

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("suffix")]), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("关键数字")
        verbose_name_plural = _("关键数字")

    def __str__(self):
        return f"{self.label} {self.display_value}"

    @property
    def display_value(self) -> str:
        return f"{self.value:,}{self.suffix}"


class HomePageHallLink(Orderable):
    """A hall section featured on the home page."""

    page = ParentalKey(HomePage, related_name="hall_links", on_delete=models.CASCADE)
    section = models.ForeignKey(
        "cms.HallSectionPage", verbose_name=_("展示厅栏目"), on_delete=models.CASCADE, related_name="+"
    )
    blurb = models.CharField(_("推荐语"), max_length=120, blank=True, help_text=_("留空则使用栏目摘要"))

    panels = [FieldPanel("section"), FieldPanel("blurb")]

    class Meta(Orderable.Meta):
        verbose_name = _("展示厅推荐栏目")
        verbose_name_plural = _("展示厅推荐栏目")
