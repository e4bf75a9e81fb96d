"""Sharing and search engines: titles, descriptions, Open Graph, sitemap.xml, robots.txt; the footer's site settings."""

import pytest
from wagtail.models import Site

from cms.models import StationSettings

from .showroom import make_hall, make_image, make_news, make_news_index, make_section

pytestmark = pytest.mark.django_db


def test_title_description_and_open_graph(client, home_page):
    hall = make_hall(home_page, cover_image=make_image("展示厅", size=(1600, 900)))
    section = make_section(
        hall, 1, title="志愿榜样", seo_title="志愿榜样 · 身边的好人", search_description="博罗的志愿榜样"
    )
    html = client.get(section.url).content.decode()
    assert "<title>志愿榜样 · 身边的好人 · 博罗志愿服务总站</title>" in html
    assert '<meta name="description" content="博罗的志愿榜样">' in html
    assert '<meta property="og:title" content="志愿榜样 · 身边的好人">' in html
    assert '<meta property="og:url" content="http://localhost/hall/section-1/">' in html
    assert "og:image" not in html  # a section without its own cover image shares no image

    hall_html = client.get("/hall/").content.decode()
    assert '<meta property="og:image" content="http://testserver/media/' in hall_html
    assert 'content="1200"' in hall_html and 'content="630"' in hall_html


def test_sitemap_lists_live_pages_only(client, home_page):
    index = make_news_index(home_page)
    make_news(index, 1, slug="published")
    make_news(index, 2, slug="draft").unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/news/published/</loc>" in body and "/news/draft/" not in body


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_footer_and_nav_show_the_station_settings(client, home_page):
    make_hall(home_page, show_in_menus=True)
    station = StationSettings.for_site(Site.objects.get(is_default_site=True))
    station.address = "博罗县罗阳街道"
    station.opening_hours = "每天 9:00–17:00"
    station.phone = "0752-6100000"
    station.wechat_account = "文明博罗"
    station.wechat_qr = make_image("二维码")
    station.websites = [("link", {"title": "惠州文明网", "url": "http://hz.wenming.cn/"})]
    station.save()

    html = client.get("/").content.decode()

    assert "博罗县罗阳街道" in html and "每天 9:00–17:00" in html
    assert 'href="tel:07526100000"' in html
    assert "文明博罗" in html and 'alt="文明博罗"' in html
    assert '<a href="http://hz.wenming.cn/" rel="noopener">惠州文明网</a>' in html
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert 'href="/hall/"' in nav and 'href="/search/"' in nav


def test_pages_have_a_skip_link_and_a_single_h1(client, home_page):
    hall = make_hall(home_page)
    for url in ["/", hall.url, make_section(hall, 1).url, "/search/?q=书吧"]:
        html = client.get(url).content.decode()
        assert 'href="#main"' in html and html.count("<h1") == 1, url
