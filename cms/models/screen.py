"""Screen mode: the loop the station's outdoor LED screen and indoor TV play all day (电子屏循环播放).

An editor chooses the slides and how long each stays up; the screen fetches its slides again every few minutes,
so a published change reaches the screen without anyone touching it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from cms.plugins import home_page_panels

from .teams import Team


class SlideBlock(blocks.StructBlock):
    """A slide: its content and how many seconds it stays on the screen."""

    duration = blocks.IntegerBlock(
        label=_("播放时长(秒)"), default=12, min_value=3, max_value=600, help_text=_("这一页在屏幕上停留的秒数")
    )

    class Meta:
        abstract = True


class ImageSlideBlock(SlideBlock):
    image = ImageChooserBlock(label=_("图片"), help_text=_("横版图片,建议 1920×1080"))
    caption = blocks.CharBlock(label=_("说明文字"), required=False, max_length=80)

    class Meta:
        icon = "image"
        label = _("图片")
        description = _("全屏图片,可加一行说明")
        template = "pages/screen_slides/image.html"


class VideoSlideBlock(SlideBlock):
    video = DocumentChooserBlock(label=_("视频文件"), help_text=_("上传到文档库的 MP4 视频(宣传片、活动视频)"))
    caption = blocks.CharBlock(label=_("说明文字"), required=False, max_length=80)

    class Meta:
        icon = "media"
        label = _("视频")
        description = _("静音自动播放的视频;播完或到时长后切换到下一页")
        template = "pages/screen_slides/video.html"


class NoticeSlideBlock(SlideBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=40)
    text = blocks.TextBlock(label=_("内容"), required=False, max_length=200, help_text=_("一两句话,远处也能看清"))

    class Meta:
        icon = "pilcrow"
        label = _("通知")
        description = _("大字通知或志愿服务理念标语")
        template = "pages/screen_slides/notice.html"
        preview_value = {
            "heading": "奉献、友爱、互助、进步",
            "text": "弘扬志愿服务精神,打造10分钟志愿服务圈",
            "duration": 12,
        }


class DutyTeamsSlideBlock(SlideBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=40, default=_("值班特色志愿服务队伍"))

    class Meta:
        icon = "group"
        label = _("值班队伍")
        description = _("参与总站值班的特色队伍及其队服颜色(自动读取团队资料)")
        template = "pages/screen_slides/duty_teams.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["teams"] = Team.objects.published().filter(on_duty_rota=True).order_by("duty_order", "name")
        return context


class PanelsSlideBlock(SlideBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=40, required=False, default=_("近期活动"))

    class Meta:
        icon = "list-ul"
        label = _("插件面板")
        description = _("已安装插件提供的大屏面板,例如近期活动、今日值班")
        template = "pages/screen_slides/panels.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["panels"] = home_page_panels(request, on_screen=True) if request else []
        return context


class ScreenPage(RoutablePageMixin, Page):
    """A full-screen loop of slides for the LED screen and the TV; no mouse, no external assets."""

    slides = StreamField(
        [
            ("image", ImageSlideBlock()),
            ("video", VideoSlideBlock()),
            ("notice", NoticeSlideBlock()),
            ("duty_teams", DutyTeamsSlideBlock()),
            ("panels", PanelsSlideBlock()),
        ],
        verbose_name=_("播放内容"),
        help_text=_("按顺序循环播放;每一页可设置停留秒数"),
    )
    refresh_minutes = models.PositiveSmallIntegerField(
        _("内容刷新间隔(分钟)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("屏幕每隔这么久在一轮播放结束时重新获取内容,发布的修改会自动出现在屏幕上"),
    )

    content_panels = [*Page.content_panels, FieldPanel("slides"), FieldPanel("refresh_minutes")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    template = "pages/screen_page.html"

    class Meta:
        verbose_name = _("大屏播放")
        verbose_name_plural = _("大屏播放")

    def get_sitemap_urls(self, request=None):
        return []  # a screen for the station, not a page for search engines

    def slides_url(self, request=None) -> str:
        return (self.get_url(request) or "") + self.reverse_subpage("slides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["slides_url"] = self.slides_url(request)
        return context

    @path("slides/", name="slides")
    def slides_fragment(self, request):
        """Only the slides, for the screen's script to swap in without reloading the page."""
        response = self.render(request, template="pages/screen_slides.html")
        response["Cache-Control"] = "no-store"
        return response
