"""News (一报): an index with pagination and tag filter, and articles with a lead image and tags."""

from urllib.parse import urlencode

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.blocks import ArticleStreamBlock
from cms.listing import paginate, with_image_renditions
from cms.models.pages import ShowroomPage

NEWS_PER_PAGE = 12


class NewsIndexPage(ShowroomPage):
    """The station's news (志愿服务动态), newest first, twelve to a page, filterable by tag."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*ShowroomPage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    template = "pages/news_index_page.html"

    class Meta:
        verbose_name = _("新闻列表")
        verbose_name_plural = _("新闻列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = NewsPage.objects.listing().child_of(self)
        tag = request.GET.get("tag", "").strip()
        if tag:
            articles = articles.filter(tags__name=tag)
        articles_page = paginate(request, articles, NEWS_PER_PAGE)
        context.update(articles=articles_page, tag=tag, query_prefix=urlencode({"tag": tag}) if tag else "")
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPageQuerySet(PageQuerySet):
    def listing(self):
        """Live public articles for cards, newest first, with lead images, renditions and tags fetched with them."""
        articles = self.live().public().defer_streamfields().order_by("-date", "-pk").prefetch_related("tags")
        return with_image_renditions(articles, "lead_image")


class NewsPage(ShowroomPage):
    """A news article. Editors may submit it for moderation and schedule it (“发布时间” under 设置)."""

    date = models.DateField(_("日期"), default=timezone.localdate, help_text=_("显示的新闻日期"))
    intro = models.TextField(_("导语"), max_length=300, help_text=_("列表和分享卡片上显示的一两句话"))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("列表卡片和微信分享使用;请设置焦点"),
    )
    author = models.CharField(_("作者/来源"), max_length=60, blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("正文"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("标签"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *ShowroomPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("author"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "pages/news_page.html"
    share_image_field = "lead_image"

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")
