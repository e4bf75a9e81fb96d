"""Screen mode: the loop the station's outdoor LED screen and indoor TV play all day (电子屏循环播放).

An editor chooses the slides and how long each stays up; the screen fetches its slides again every few minutes,
so a published change reaches the screen without anyone touching it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import DutyTeamsSlideBlock, ImageSlideBlock, NoticeSlideBlock, PanelsSlideBlock, VideoSlideBlock


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
