"""The StreamField blocks: each renders its template, previews for editors, and rejects what makes no sense."""

import pytest
from wagtail import blocks
from wagtail.documents import get_document_model

from cms import blocks as showroom_blocks
from cms.blocks import ArticleStreamBlock, SectionStreamBlock

from .showroom import heading_levels, make_image, make_project, make_project_index, skipped_levels

pytestmark = pytest.mark.django_db


def render(block, raw):
    return block.render(block.to_python(raw))


def render_preview(block_class):
    block = block_class()
    return block.render(block.get_preview_value())


@pytest.fixture
def image():
    return make_image("值班台")


@pytest.fixture
def document(db):
    from django.core.files.base import ContentFile

    return get_document_model().objects.create(title="联合会章程", file=ContentFile(b"%PDF-1.4", name="charter.pdf"))


def test_every_block_has_a_description_and_a_template():
    for name, block in SectionStreamBlock().child_blocks.items():
        assert block.meta.description, name
        assert block.meta.template or isinstance(block, blocks.RichTextBlock), name


def test_image_block_uses_alt_text_caption_and_srcset(image):
    html = render(
        showroom_blocks.ImageWithCaptionBlock(), {"image": image.pk, "caption": "值班志愿者", "credit": "联合会"}
    )
    assert 'alt="值班台的描述"' in html
    assert "srcset=" in html and "width-400" in html and "width-800" in html
    assert "<figcaption>值班志愿者" in html and "联合会" in html


def test_gallery_crops_around_the_focal_point(image):
    raw = {"heading": "志愿者风采", "images": [{"image": image.pk, "caption": "助老", "credit": ""}]}
    html = render(showroom_blocks.GalleryBlock(), raw)
    assert "<h2>志愿者风采</h2>" in html
    assert "fill-300x300-c100" in html and "助老" in html


def test_video_needs_exactly_one_source(document):
    block = showroom_blocks.VideoBlock()
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python({"title": "宣传片", "file": None, "embed": None}))
    value = block.clean(block.to_python({"title": "宣传片", "file": document.pk, "embed": None, "caption": "总站"}))
    html = block.render(value)
    assert "<video" in html and document.url in html and "宣传片" in html


def test_quote_figures_timeline_people_and_org_chart_render():
    assert "奉献、友爱" in render(showroom_blocks.QuoteBlock(), {"text": "奉献、友爱", "attribution": "精神"})
    figures = render_preview(showroom_blocks.FiguresBlock)
    assert "5.5万+" in figures and "截至2016年5月底" in figures
    timeline = render_preview(showroom_blocks.TimelineBlock)
    assert timeline.index("2015年12月14日") < timeline.index("2016年5月")
    people = render_preview(showroom_blocks.PeopleGridBlock)
    assert "陈丽萍" in people and 'aria-hidden="true">陈' in people  # initial instead of a missing photo
    chart = render_preview(showroom_blocks.OrgChartBlock)
    assert "会员代表大会" in chart and "秘书处" in chart and "<li>办公室</li>" in chart


def test_documents_block_links_the_file_with_its_size(document):
    raw = {"heading": "章程", "documents": [{"document": document.pk, "title": "", "description": "PDF 全文"}]}
    html = render(showroom_blocks.DocumentsBlock(), raw)
    assert document.url in html and "联合会章程" in html and "PDF" in html


def test_role_models_block_lists_featured_role_models_only():
    from cms.models import RoleModel

    RoleModel.objects.create(name="李秀娟", slug="li", honour="博罗好人", quote="陪伴", sort_order=1)
    RoleModel.objects.create(name="黄伟明", slug="huang", honour="五星级志愿者", sort_order=0)
    RoleModel.objects.create(name="不展示", slug="hidden", featured=False)
    html = render(showroom_blocks.RoleModelsBlock(), {"heading": "志愿榜样", "limit": 12})
    assert html.index("黄伟明") < html.index("李秀娟")
    assert "不展示" not in html and "博罗好人" in html


def test_projects_block_filters_by_batch(home_page):
    index = make_project_index(home_page)
    make_project(index, 1, title="博闻公益书吧", batch=1)
    make_project(index, 2, title="好人工作室", batch=2)
    html = render(showroom_blocks.ProjectsBlock(), {"heading": "第二批", "batch": 2})
    assert "好人工作室" in html and "博闻公益书吧" not in html


@pytest.mark.parametrize("heading", ["志愿榜样", ""])
def test_list_blocks_follow_the_outline_with_or_without_a_heading(home_page, heading):
    """Under a page's h1, a block's item headings are h3 below its own h2, or h2 when the editor gave no heading."""
    from cms.models import RoleModel

    RoleModel.objects.create(name="黄伟明", slug="huang", honour="五星级志愿者")
    make_project(make_project_index(home_page), 1, title="博闻公益书吧", batch=1)
    person = {"name": "陈丽萍", "role": "队长", "text": ""}
    event = {"when": "2015年12月14日", "title": "总站落成", "text": ""}
    rendered = {
        "role models": render(showroom_blocks.RoleModelsBlock(), {"heading": heading, "limit": 12}),
        "people": render(showroom_blocks.PeopleGridBlock(), {"heading": heading, "people": [person, person]}),
        "timeline": render(showroom_blocks.TimelineBlock(), {"heading": heading, "events": [event]}),
        "projects": render(showroom_blocks.ProjectsBlock(), {"heading": heading, "batch": None}),
    }
    for name, html in rendered.items():
        levels = heading_levels(html)
        assert levels[0] == 2, name
        assert levels.count(3) == (len(levels) - 1 if heading else 0), name
        assert skipped_levels(levels) == [], name


def test_link_button_needs_a_page_or_a_url(home_page):
    block = showroom_blocks.LinkButtonBlock()
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python({"text": "查看", "page": None, "url": ""}))
    value = block.clean(block.to_python({"text": "查看", "page": home_page.pk, "url": ""}))
    assert 'href="/"' in block.render(value)


def test_block_previews_render_for_editors(image, admin_client):
    """The block picker's preview (Wagtail's block preview view) renders every block of a section."""
    for name, block in SectionStreamBlock().child_blocks.items():
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name


def test_article_blocks_are_a_subset_of_section_blocks():
    assert set(ArticleStreamBlock().child_blocks) < set(SectionStreamBlock().child_blocks)
