"""StreamField blocks of the showroom: what an editor can put into a hall section, a project or a news article.

Every block carries a ``description`` and a ``preview_value`` so that the block picker shows editors what they insert.
Templates live in ``templates/components/blocks/``.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms import plugins, station_facts

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "document-link"]


class LibraryImagePreviewMixin:
    """Previews of image blocks use an image from the library, as editors would (a preview needs a real image)."""

    def get_preview_value(self):
        from wagtail.images import get_image_model

        value = super().get_preview_value()
        image = get_image_model().objects.order_by("-created_at").first()
        return self.with_preview_image(value, image)

    def with_preview_image(self, value, image):
        return value


class HeadedListMixin:
    """A list of items (people, events, projects) under an optional heading.

    The items' headings follow the page's outline: one level under the block's ``h2`` when the editor gave a heading,
    and ``h2`` themselves when not, so that a heading-less block on a page whose ``h1`` is the title never jumps to
    ``h3`` (a screen reader's list of headings would show a hole). Templates read ``item_heading_level``.
    """

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["item_heading_level"] = 3 if value.get("heading") else 2
        return context


class ImageWithCaptionBlock(LibraryImagePreviewMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"), help_text=_("图片的替代文字取自图片库中的“描述”;裁剪时保留焦点区域"))
    caption = blocks.CharBlock(label=_("图注"), required=False, max_length=200)
    credit = blocks.CharBlock(label=_("摄影/来源"), required=False, max_length=60)

    class Meta:
        icon = "image"
        label = _("图片")
        description = _("一张图片,可加图注和来源")
        template = "components/blocks/image.html"
        preview_value = {"caption": "志愿者在总站值班台为市民提供咨询", "credit": "博罗县志愿服务联合会"}

    def with_preview_image(self, value, image):
        value["image"] = image
        return value


class GalleryBlock(LibraryImagePreviewMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    images = blocks.ListBlock(ImageWithCaptionBlock(), label=_("图片"), min_num=1)

    class Meta:
        icon = "group"
        label = _("图集")
        description = _("一组照片,手机上两列、电脑上三列排布,例如“志愿者风采”")
        template = "components/blocks/gallery.html"
        preview_value = {"heading": "志愿者风采", "images": []}

    def with_preview_image(self, value, image):
        if image is not None:
            raw = [{"image": image.pk, "caption": f"活动照片 {n}", "credit": ""} for n in (1, 2, 3)]
            value["images"] = self.child_blocks["images"].to_python(raw)
        return value


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("视频标题"), max_length=100)
    file = DocumentChooserBlock(
        label=_("上传的视频文件"), required=False, help_text=_("MP4 文件,上传到文档库;与“外部视频链接”二选一")
    )
    embed = EmbedBlock(label=_("外部视频链接"), required=False, help_text=_("例如视频号、优酷、腾讯视频的分享链接"))
    poster = ImageChooserBlock(label=_("封面图"), required=False)
    caption = blocks.CharBlock(label=_("说明"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("视频")
        description = _("宣传片或活动视频:上传文件或填写外部链接")
        template = "components/blocks/video.html"
        preview_value = {"title": "博罗志愿服务宣传片", "caption": "总站 LED 屏每日循环播放"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            message = _("请上传视频文件或填写外部视频链接(二选一)")
            raise blocks.StructBlockValidationError(
                block_errors={"file": ErrorList([ValidationError(message)])},
            )
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = _("引语")
        description = _("突出显示的一段话,例如志愿服务精神")
        template = "components/blocks/quote.html"
        preview_value = {"text": "奉献、友爱、互助、进步", "attribution": "中国志愿服务精神"}


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("数字"), max_length=20, help_text=_("例如:5.5万、927、1361"))
    suffix = blocks.CharBlock(label=_("单位"), required=False, max_length=10, help_text=_("例如:人、个、+"))
    label = blocks.CharBlock(label=_("说明"), max_length=40)


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    figures = blocks.ListBlock(FigureBlock(), label=_("数字"), min_num=1, max_num=6)
    note = blocks.CharBlock(label=_("数据来源"), required=False, max_length=100)

    class Meta:
        icon = "table"
        label = _("数字一览")
        description = _("几个醒目的关键数字")
        template = "components/blocks/figures.html"
        preview_value = station_facts.figures_block_value()


class TimelineEventBlock(blocks.StructBlock):
    when = blocks.CharBlock(label=_("时间"), max_length=30, help_text=_("例如:2015年12月14日"))
    title = blocks.CharBlock(label=_("事件"), max_length=100)
    text = blocks.TextBlock(label=_("说明"), required=False)


class TimelineBlock(HeadedListMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("事件"), min_num=1)

    class Meta:
        icon = "history"
        label = _("时间线")
        description = _("按时间排列的大事记")
        template = "components/blocks/timeline.html"
        preview_value = {
            "heading": "大事记",
            "events": [
                {
                    "when": station_facts.OPENED_ON_TEXT,
                    "title": "博罗志愿服务总站落成启动",
                    "text": f"总面积{station_facts.FLOOR_AREA_M2}平方米。",
                },
                {
                    "when": station_facts.FIGURES_MONTH,
                    "title": f"实名注册志愿者超过{station_facts.VOLUNTEERS_TEXT}人",
                    "text": "",
                },
            ],
        }


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("姓名"), max_length=50)
    role = blocks.CharBlock(label=_("身份/职务"), required=False, max_length=60)
    photo = ImageChooserBlock(label=_("照片"), required=False)
    text = blocks.TextBlock(label=_("简介"), required=False)


class PeopleGridBlock(HeadedListMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    people = blocks.ListBlock(PersonBlock(), label=_("人物"), min_num=1)

    class Meta:
        icon = "user"
        label = _("人物墙")
        description = _("一组人物卡片:照片、姓名、身份和简介")
        template = "components/blocks/people_grid.html"
        preview_value = {
            "heading": "总站值班志愿者",
            "people": [
                {"name": "陈丽萍", "role": "红棉志愿服务队队长", "text": "每周二在总站值班。"},
                {"name": "刘志强", "role": "蓝天应急救援队", "text": "为市民讲解应急知识。"},
            ],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文档"))
    title = blocks.CharBlock(label=_("显示名称"), required=False, max_length=100, help_text=_("留空则使用文档标题"))
    description = blocks.CharBlock(label=_("说明"), required=False, max_length=200)


class DocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("文档"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("文档下载")
        description = _("可下载的文件,例如联合会章程 PDF")
        template = "components/blocks/documents.html"
        preview_value = {"heading": "章程与制度", "documents": []}


class OrgUnitBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("部门/机构"), max_length=60)
    lead = blocks.CharBlock(label=_("负责人"), required=False, max_length=60)
    members = blocks.ListBlock(blocks.CharBlock(max_length=60), label=_("下设"), required=False, default=[])


class OrgChartBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    top = blocks.CharBlock(label=_("最高机构"), max_length=60, help_text=_("例如:会员代表大会"))
    top_note = blocks.CharBlock(label=_("最高机构说明"), required=False, max_length=100)
    units = blocks.ListBlock(OrgUnitBlock(), label=_("下属机构"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("组织架构图")
        description = _("树形的组织架构:最高机构与下属部门")
        template = "components/blocks/org_chart.html"
        preview_value = {
            "heading": "博罗县志愿服务联合会组织架构",
            "top": "会员代表大会",
            "top_note": "理事会 · 常务理事会",
            "units": [
                {"name": "秘书处", "lead": "秘书长", "members": ["办公室", "财务"]},
                {"name": "项目部", "lead": "", "members": ["公益项目", "孵化培训"]},
            ],
        }


class RoleModelsBlock(HeadedListMixin, blocks.StructBlock):
    """The role models marked “在展示厅展示”, straight from the role-model list (no copy to keep in sync)."""

    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    limit = blocks.IntegerBlock(label=_("最多显示"), min_value=1, max_value=48, default=12)

    class Meta:
        icon = "pick"
        label = _("志愿榜样")
        description = _("自动列出“志愿榜样”中设为展示的人物")
        template = "components/blocks/role_models.html"
        preview_value = {"heading": "志愿榜样", "limit": 6}

    def get_context(self, value, parent_context=None):
        from cms.models.showroom import featured_role_models

        context = super().get_context(value, parent_context)
        context["role_models"] = featured_role_models(value["limit"])
        return context


class ProjectsBlock(HeadedListMixin, blocks.StructBlock):
    """Live public-benefit projects, optionally one batch only."""

    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=80)
    batch = blocks.IntegerBlock(label=_("批次"), required=False, min_value=1, help_text=_("留空显示全部批次"))

    class Meta:
        icon = "clipboard-list"
        label = _("公益项目列表")
        description = _("自动列出已发布的公益项目,可只显示某一批")
        template = "components/blocks/projects.html"
        preview_value = {"heading": "重点项目展示", "batch": None}

    def get_context(self, value, parent_context=None):
        from cms.models.showroom import ProjectPage

        context = super().get_context(value, parent_context)
        context["projects"] = ProjectPage.objects.listing(batch=value.get("batch"))
        return context


class LinkButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("按钮文字"), max_length=40)
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.URLBlock(label=_("外部链接"), required=False)

    class Meta:
        icon = "link"
        label = _("链接按钮")
        description = _("一个醒目的按钮,链接到站内页面或外部网址")
        template = "components/blocks/link_button.html"
        preview_value = {"text": "查看志愿团队分布图", "url": "https://example.com/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(_("请选择站内页面或填写外部链接(二选一)"))])}
            )
        return value


class ArticleStreamBlock(blocks.StreamBlock):
    """The blocks of news articles and project pages."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("正文"),
        icon="pilcrow",
        template="components/blocks/paragraph.html",
        description=_("带格式的文字段落"),
        preview_value=f"<p>总站每天有来自博罗{station_facts.FEATURED_TEAMS}支特色志愿服务队伍的志愿者轮流值班。</p>",
    )
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    figures = FiguresBlock()
    documents = DocumentsBlock()
    link = LinkButtonBlock()


class SectionStreamBlock(ArticleStreamBlock):
    """Everything a hall section may show, “图文并茂”."""

    timeline = TimelineBlock()
    people = PeopleGridBlock()
    org_chart = OrgChartBlock()
    role_models = RoleModelsBlock()
    projects = ProjectsBlock()


# -- the station's screen loop (``ScreenPage.slides``) -------------------------------------------------------------
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
        from cms.models import Team

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
        context["panels"] = plugins.home_page_panels(request, on_screen=True) if request else []
        return context
