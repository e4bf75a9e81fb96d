"""The showroom: the exhibition hall and its sections, public-benefit projects, and role models (榜样)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.blocks import ArticleStreamBlock, SectionStreamBlock
from cms.listing import with_image_renditions
from cms.models.pages import ShowroomPage


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


def featured_role_models(limit: int):
    """The role models shown in the hall, photos and renditions fetched with them."""
    return list(with_image_renditions(RoleModel.objects.filter(featured=True).select_related("team"), "photo")[:limit])


class ExhibitionHallPage(ShowroomPage):
    """The exhibition hall (展示厅): an overview of its sections, each a child page the editors can reorder."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("cover_image")]
    search_fields = [*ShowroomPage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.HallSectionPage"]
    template = "pages/exhibition_hall_page.html"
    share_image_field = "cover_image"

    class Meta:
        verbose_name = _("展示厅")
        verbose_name_plural = _("展示厅")

    def sections(self):
        """The live sections in the editors' order (the page tree's order)."""
        return with_image_renditions(HallSectionPage.objects.child_of(self).live().public(), "cover_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context


class HallSectionPage(ShowroomPage):
    """One of the hall's twelve sections (前言, 组织架构和章程, …, 中国梦), “图文并茂”."""

    number_label = models.CharField(
        _("序号"), max_length=10, blank=True, help_text=_("显示在标题前,例如“一”或“01”;留空则不显示")
    )
    summary = models.TextField(_("摘要"), max_length=300, help_text=_("展示厅总览和首页卡片上显示的一两句话"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("卡片上按 16:10 裁剪,保留图片焦点"),
    )
    body = StreamField(SectionStreamBlock(), verbose_name=_("内容"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number_label"), FieldPanel("cover_image")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*ShowroomPage.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.ExhibitionHallPage"]
    subpage_types = []
    template = "pages/hall_section_page.html"
    share_image_field = "cover_image"

    class Meta:
        verbose_name = _("展示厅栏目")
        verbose_name_plural = _("展示厅栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hall = self.get_parent()
        siblings = list(HallSectionPage.objects.sibling_of(self).live().public().only("title", "url_path", "path"))
        position = next(i for i, page in enumerate(siblings) if page.pk == self.pk)
        context["hall"] = hall
        context["previous_section"] = siblings[position - 1] if position > 0 else None
        context["next_section"] = siblings[position + 1] if position + 1 < len(siblings) else None
        return context


class ProjectIndexPage(ShowroomPage):
    """Public-benefit projects (公益项目), listed by batch."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*ShowroomPage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProjectPage"]
    template = "pages/project_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("公益项目列表")
        verbose_name_plural = _("公益项目列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = ProjectPage.objects.listing().child_of(self)
        context["batches"] = [
            (batch, [project for project in projects if project.batch == batch])
            for batch in sorted({project.batch for project in projects})
        ]
        return context


class ProjectPageQuerySet(PageQuerySet):
    def listing(self, batch=None):
        """Live public projects for cards, by batch then tree order, images and renditions fetched with them."""
        projects = self.live().public().defer_streamfields().order_by("batch", "path")
        if batch:
            projects = projects.filter(batch=batch)
        return with_image_renditions(projects, "lead_image")


class ProjectPage(ShowroomPage):
    """A public-benefit project (公益项目), launched in a batch."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        RUNNING = "running", _("进行中")
        COMPLETED = "completed", _("已完成")

    batch = models.PositiveSmallIntegerField(_("批次"), default=1, help_text=_("第几批公益项目,例如 1"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    launched_on = models.DateField(_("启动日期"), null=True, blank=True)
    summary = models.TextField(_("摘要"), max_length=300, help_text=_("项目卡片上显示的一两句话"))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner = models.CharField(_("实施单位"), max_length=100, blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("内容"), blank=True)

    objects = PageManager.from_queryset(ProjectPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("batch"), FieldPanel("status"), FieldPanel("launched_on")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("lead_image"), FieldPanel("partner")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *ShowroomPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("partner"),
        index.SearchField("body"),
        index.FilterField("batch"),
        index.FilterField("status"),
    ]
    parent_page_types = ["cms.ProjectIndexPage"]
    subpage_types = []
    template = "pages/project_page.html"
    share_image_field = "lead_image"

    class Meta:
        verbose_name = _("公益项目")
        verbose_name_plural = _("公益项目")
