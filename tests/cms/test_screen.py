"""Screen mode: the slide loop for the station's LED screen and TV."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail import hooks
from wagtail.models import Page

from cms.blocks import NoticeSlideBlock
from cms.demo.teams import SCREEN_SLIDES, ensure_screen_page
from cms.models import ScreenPage
from cms.plugins import HOME_PAGE_PANELS_HOOK, HomePagePanel
from tests.factories import TeamFactory


@pytest.fixture
def screen(home_page):
    return ensure_screen_page(home_page)


class ScreenOnlyPanel(HomePagePanel):
    template_name = "tests/none.html"
    on_screen = True

    def render_html(self, parent_context=None):
        return '<div class="panel">今日值班:红棉志愿服务队</div>'


class WebOnlyPanel(ScreenOnlyPanel):
    on_screen = False

    def render_html(self, parent_context=None):
        return '<div class="panel">只在网页上显示</div>'


def test_can_be_created_under_the_home_page(home_page):
    assert ScreenPage.can_create_at(home_page)
    assert not ScreenPage.can_create_at(Page.get_first_root_node())
    page = home_page.add_child(instance=ScreenPage(title="室内电视", slug="tv", slides=SCREEN_SLIDES[:1]))
    assert page.url == "/tv/"


def test_renders_every_slide_with_its_duration(client, screen):
    response = client.get("/screen/")
    assert response.status_code == 200
    html = response.content.decode()
    durations = re.findall(r'class="slide slide--(\w+)" data-duration="(\d+)"', html)
    assert durations == [(slide.block_type, str(slide.value["duration"])) for slide in screen.slides]
    assert [kind for kind, _ in durations] == ["notice", "image", "duty_teams", "notice", "panels", "notice", "notice"]
    assert re.search(r'<img[^>]+class="slide__image"', html)
    assert "奉献、友爱、互助、进步" in html
    assert 'data-slides-url="/screen/slides/"' in html
    assert 'data-refresh-minutes="5"' in html


def test_needs_no_external_assets(client, screen):
    html = client.get("/screen/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "/static/js/screen.js" in html and "/static/css/screen.css" in html


def test_slides_fragment_for_the_refresh(client, screen):
    response = client.get("/screen/slides/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="screen__slides" data-slides>')
    assert "<html" not in html
    assert html.count('class="slide ') == len(screen.slides)


def test_a_published_change_reaches_the_fragment(client, screen):
    screen.slides = [("notice", {"heading": "今晚八点停电检修", "text": "", "duration": 8})]
    screen.save_revision().publish()
    html = client.get("/screen/slides/").content.decode()
    assert "今晚八点停电检修" in html
    assert "奉献、友爱、互助、进步" not in html


def test_duty_teams_slide_shows_published_duty_teams_in_order(client, screen):
    TeamFactory(name="第二队", on_duty_rota=True, duty_order=2, uniform_colour="#1F4E9E")
    TeamFactory(name="第一队", on_duty_rota=True, duty_order=1, uniform_colour="#C8102E")
    TeamFactory(name="不值班队", on_duty_rota=False)
    TeamFactory(name="草稿值班队", on_duty_rota=True, live=False)
    html = client.get("/screen/slides/").content.decode()
    assert html.index("第一队") < html.index("第二队")
    assert "--team-colour: #C8102E" in html
    assert "不值班队" not in html and "草稿值班队" not in html


def test_panels_slide_shows_only_panels_meant_for_the_screen(client, screen):
    with hooks.register_temporarily(HOME_PAGE_PANELS_HOOK, lambda: ScreenOnlyPanel):
        with hooks.register_temporarily(HOME_PAGE_PANELS_HOOK, lambda: WebOnlyPanel):
            html = client.get("/screen/slides/").content.decode()
    assert "今日值班:红棉志愿服务队" in html
    assert "只在网页上显示" not in html


def test_empty_screen_still_shows_the_station(client, home_page):
    home_page.add_child(instance=ScreenPage(title="空白屏", slug="blank", slides=[]))
    html = client.get("/blank/").content.decode()
    assert "博罗志愿服务总站" in html and 'class="slide slide--notice"' in html


@pytest.mark.parametrize("duration", [0, 2, 601])
def test_slide_duration_is_bounded(duration):
    block = NoticeSlideBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "通知", "text": "", "duration": duration}))


def test_refresh_interval_is_bounded(home_page):
    page = ScreenPage(title="屏", slug="bad", slides=[], refresh_minutes=0)
    with pytest.raises(ValidationError) as error:
        home_page.add_child(instance=page)
    assert "refresh_minutes" in error.value.message_dict
