"""Page types of the showroom."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.plugins import home_page_panels


class HomePage(Page):
    """The station's front door: who we are, the key figures, the way into the hall, and the plugins' panels."""

    hero_title = models.CharField(_("主标题"), max_length=120, blank=True, help_text=_("留空则使用页面标题"))
    hero_intro = RichTextField(
        _("简介"), blank=True, features=["bold", "italic", "link"], help_text=_("首页顶部的一两句话介绍")
    )

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_intro")]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plugin_panels"] = home_page_panels(request)
        return context
