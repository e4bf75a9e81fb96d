"""The showroom's page types: where they may be created, what is required, what they render."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from cms.models import (
    ExhibitionHallPage,
    HallSectionPage,
    HomePage,
    HomePageFigure,
    HomePageHallLink,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
)

from .showroom import (
    make_hall,
    make_image,
    make_news,
    make_news_index,
    make_project,
    make_project_index,
    make_section,
)

pytestmark = pytest.mark.django_db


def allowed_parents(page_class):
    return set(page_class.allowed_parent_page_models())


def test_page_tree_rules():
    assert allowed_parents(ExhibitionHallPage) == {HomePage}
    assert allowed_parents(HallSectionPage) == {ExhibitionHallPage}
    assert allowed_parents(ProjectIndexPage) == {HomePage}
    assert allowed_parents(ProjectPage) == {ProjectIndexPage}
    assert allowed_parents(NewsIndexPage) == {HomePage}
    assert allowed_parents(NewsPage) == {NewsIndexPage}
    # The hall only holds sections; sections, projects and articles are leaves.
    assert ExhibitionHallPage.allowed_subpage_models() == [HallSectionPage]
    assert HallSectionPage.allowed_subpage_models() == []
    assert NewsPage.allowed_subpage_models() == []
    # Plugins add child page types to the home page through their own parent_page_types.
    assert not hasattr(HomePage, "subpage_types")
    assert {ExhibitionHallPage, ProjectIndexPage, NewsIndexPage} <= set(HomePage.allowed_subpage_models())


class TestAdminCreate(WagtailTestUtils):
    """An editor creates each page type in the Chinese admin; required fields are enforced."""

    @pytest.fixture(autouse=True)
    def _login(self, client, admin_user):
        client.force_login(admin_user)
        self.client = client

    def create(self, parent, page_class, data):
        url = f"/admin/pages/add/cms/{page_class._meta.model_name}/{parent.pk}/"
        return self.client.post(url, {"slug": "", **data, "action-publish": "publish"})

    def test_hall_section_requires_summary_and_is_created_under_the_hall(self, home_page):
        hall = make_hall(home_page)
        data = {"title": "前言", "slug": "preface", "body-count": "0", "number_label": "01"}
        response = self.create(hall, HallSectionPage, data)
        assert response.status_code == 200  # the form comes back with an error
        assert not HallSectionPage.objects.exists()
        response = self.create(hall, HallSectionPage, {**data, "summary": "总站于2015年12月14日落成启动。"})
        assert response.status_code == 302
        section = HallSectionPage.objects.get()
        assert section.live and section.get_parent().pk == hall.pk

    def test_news_requires_intro_and_body(self, home_page):
        index = make_news_index(home_page)
        data = {"title": "总站落成", "slug": "opens", "date": "2015-12-14", "body-count": "0", "tags": ""}
        assert self.create(index, NewsPage, data).status_code == 200
        assert not NewsPage.objects.exists()
        body = {
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value": '{"blocks":[{"key":"a","text":"总站落成启动","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        }
        response = self.create(index, NewsPage, {**data, **body, "intro": "170平方米", "tags": "总站"})
        assert response.status_code == 302, response.context["form"].errors if response.context else ""
        article = NewsPage.objects.get()
        assert [tag.name for tag in article.tags.all()] == ["总站"]

    def test_cannot_add_a_section_outside_the_hall(self, home_page):
        data = {"title": "前言", "slug": "preface", "summary": "摘要", "body-count": "0"}
        response = self.create(home_page, HallSectionPage, data)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response.url == "/admin/"  # Wagtail's "permission denied" redirect
        assert not HallSectionPage.objects.exists()

    def test_project_status_must_be_a_known_one(self, home_page):
        index = make_project_index(home_page)
        project = ProjectPage(title="书吧", slug="bar", summary="公益书吧", status="bogus")
        with pytest.raises(ValidationError) as error:
            project.full_clean()
        assert "status" in error.value.message_dict
        assert index.get_children().count() == 0


def test_home_page_shows_figures_hall_links_news_and_panels(client, home_page):
    hall = make_hall(home_page)
    section = make_section(hall, 1, title="志愿榜样", slug="role-models", cover_image=make_image())
    HomePageFigure.objects.create(page=home_page, value=55000, suffix="+", label="实名注册志愿者", sort_order=0)
    HomePageFigure.objects.create(page=home_page, value=927, suffix="个", label="志愿服务组织", sort_order=1)
    HomePageHallLink.objects.create(page=home_page, section=section, blurb="身边的榜样")
    make_news(make_news_index(home_page), 1, title="总站落成启动")

    html = client.get("/").content.decode()

    assert "55,000+" in html and "实名注册志愿者" in html and "927个" in html
    assert 'href="/hall/role-models/"' in html and "身边的榜样" in html
    assert "总站落成启动" in html
    assert "fill-360x225-c100" in html  # focal-point crop of the card image


def test_hall_lists_sections_in_tree_order_with_anchors(client, home_page):
    hall = make_hall(home_page, intro="<p>十二个部分</p>")
    first = make_section(hall, 1, title="前言", slug="preface")
    make_section(hall, 2, title="中国梦", slug="chinese-dream")
    make_section(hall, 3, title="草稿栏目", slug="draft").unpublish()
    # Editors reorder sections in the page explorer: moving 中国梦 first changes the hall.
    Page.objects.get(slug="chinese-dream").move(hall, pos="first-child")

    html = client.get("/hall/").content.decode()

    assert html.index('id="chinese-dream"') < html.index('id="preface"')
    assert 'href="#preface"' in html
    assert "草稿栏目" not in html
    response = client.get(first.url)
    assert response.status_code == 200
    assert "上一栏目" in response.content.decode()


def test_section_renders_its_blocks(client, home_page):
    hall = make_hall(home_page)
    section = make_section(
        hall,
        1,
        body=[
            {"type": "paragraph", "value": "<p>总站每天有7支特色队伍值班。</p>"},
            {"type": "quote", "value": {"text": "奉献、友爱、互助、进步", "attribution": "志愿服务精神"}},
        ],
    )
    html = client.get(section.url).content.decode()
    assert "总站每天有7支特色队伍值班" in html
    assert "<blockquote>" in html and "志愿服务精神" in html


def test_project_index_groups_projects_by_batch(client, home_page):
    index = make_project_index(home_page)
    make_project(index, 1, title="博闻公益书吧", batch=1, status=ProjectPage.Status.RUNNING)
    make_project(index, 2, title="好人工作室", batch=2, status=ProjectPage.Status.PLANNED)

    html = client.get("/projects/").content.decode()

    assert (
        html.index("第1批公益项目")
        < html.index("博闻公益书吧")
        < html.index("第2批公益项目")
        < html.index("好人工作室")
    )
    assert "筹备中" in html
    assert client.get("/projects/project-2/").status_code == 200


def test_news_page_renders_tags_and_lead_image(client, home_page):
    index = make_news_index(home_page)
    article = make_news(index, 1, title="书吧开放", tags=["公益项目"], lead_image=make_image("书吧"))
    html = client.get(article.url).content.decode()
    assert "书吧开放" in html
    assert "/news/?tag=%E5%85%AC%E7%9B%8A%E9%A1%B9%E7%9B%AE" in html
    assert 'property="og:type" content="article"' in html
    assert "fill-1200x630-c100" in html  # the sharing image


def test_previews_open_at_phone_width():
    sizes = HallSectionPage().preview_sizes
    assert sizes[0]["device_width"] <= 414
    assert HallSectionPage().default_preview_size == "mobile"


def test_preview_of_a_draft_section_renders(client, admin_user, home_page):
    hall = make_hall(home_page)
    section = make_section(hall, 1)
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{section.pk}/view_draft/")
    assert response.status_code == 200
    assert "第1个栏目的摘要" in response.content.decode()


def test_editors_can_open_every_showroom_edit_form(client, admin_user, home_page):
    """The admin's edit views (panels, inline panels, StreamField blocks, settings) render for each type."""
    from wagtail.models import Site

    hall = make_hall(home_page)
    section = make_section(hall, 1, body=[{"type": "paragraph", "value": "<p>正文</p>"}])
    HomePageHallLink.objects.create(page=home_page, section=section)
    projects = make_project_index(home_page)
    news = make_news_index(home_page)
    pages = [home_page, hall, section, projects, make_project(projects, 1), news, make_news(news, 1)]
    client.force_login(admin_user)
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    site = Site.objects.get(is_default_site=True)
    assert client.get(f"/admin/settings/cms/stationsettings/{site.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{section.pk}/edit/preview/?mode=").status_code in (200, 405)


def test_an_editor_publishes_a_change_to_a_section(client, admin_user, home_page):
    hall = make_hall(home_page)
    section = make_section(hall, 1, title="前言")
    client.force_login(admin_user)
    data = {
        "title": "前言(修订)",
        "slug": section.slug,
        "number_label": "01",
        "summary": "新的摘要",
        "body-count": "0",
        "action-publish": "publish",
    }
    response = client.post(f"/admin/pages/{section.pk}/edit/", data)
    assert response.status_code == 302
    assert "新的摘要" in client.get("/hall/").content.decode()
