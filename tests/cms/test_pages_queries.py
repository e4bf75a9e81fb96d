"""Query counts of the showroom's busiest pages do not grow with the number of sections or articles."""

import pytest

from cms.models import HallSectionPage, HomePageFigure, HomePageHallLink, NewsPage

from .showroom import count_queries, make_hall, make_image, make_news_index

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MAX_QUERIES = 25  # the page route, site, settings, navigation, listing, renditions, plugin panels


def add_sections(hall, start, stop, images):
    for n in range(start, stop):
        hall.add_child(
            instance=HallSectionPage(
                title=f"栏目{n}", slug=f"section-{n}", summary=f"摘要{n}", cover_image=images[n % len(images)]
            )
        )


def add_articles(index, start, stop, images):
    for n in range(start, stop):
        article = NewsPage(
            title=f"新闻{n}",
            slug=f"news-{n}",
            intro=f"导语{n}",
            lead_image=images[n % len(images)],
            body=[{"type": "paragraph", "value": "<p>正文</p>"}],
        )
        article.tags.add(f"标签{n % 7}", "总站")
        index.add_child(instance=article)


@pytest.fixture(autouse=True)
def _no_search_indexing(settings):
    """Hundreds of pages are created here; indexing each for search is beside the point and slow."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}


@pytest.fixture
def images(db):
    return [make_image(f"图{n}") for n in range(3)]


def assert_constant_queries(client, url, add_items):
    """The queries of ``url`` with ten items equal those with 500 (after ``add_items(10, 500)``), and stay small."""
    small = count_queries(client, url)
    add_items(10, 500)
    large = count_queries(client, url)
    assert small == large <= MAX_QUERIES
    return large


def test_hall_queries_do_not_grow_with_sections(client, home_page, images):
    hall = make_hall(home_page)
    add_sections(hall, 0, 10, images)
    assert_constant_queries(client, "/hall/", lambda start, stop: add_sections(hall, start, stop, images))
    assert client.get("/hall/").content.decode().count('class="card card--section"') == 500


def test_news_index_queries_do_not_grow_with_articles(client, home_page, images):
    index = make_news_index(home_page)
    add_articles(index, 0, 10, images)
    large = assert_constant_queries(client, "/news/", lambda start, stop: add_articles(index, start, stop, images))
    assert count_queries(client, "/news/?page=40") == large
    assert count_queries(client, "/news/?tag=总站&page=2") == large


def test_home_page_queries_do_not_grow_with_articles_or_sections(client, home_page, images):
    hall = make_hall(home_page)
    index = make_news_index(home_page)
    add_sections(hall, 0, 10, images)
    add_articles(index, 0, 10, images)
    for n in range(3):
        HomePageFigure.objects.create(page=home_page, value=1000 * n, label=f"数字{n}", sort_order=n)

    def link_sections():
        linked = HomePageHallLink.objects.values_list("section_id", flat=True)
        for n, section in enumerate(HallSectionPage.objects.exclude(pk__in=linked), start=len(linked)):
            HomePageHallLink.objects.create(page=home_page, section=section, sort_order=n)

    def rendered() -> tuple[int, int]:
        html = client.get("/").content.decode()
        return html.count('class="card card--section"'), html.count('class="card card--news"')

    def add_both(start, stop):
        add_sections(hall, start, stop, images)
        add_articles(index, start, stop, images)
        link_sections()

    link_sections()
    assert rendered() == (10, 3)  # every linked section; the three latest news
    assert_constant_queries(client, "/", add_both)
    assert rendered() == (500, 3)  # the linked sections grew with the pages: their covers are not queried per card


def test_the_home_page_makes_at_most_fifteen_queries_once_its_panels_are_kept(client, home_page, images):
    hall = make_hall(home_page)
    add_sections(hall, 0, 10, images)
    add_articles(make_news_index(home_page), 0, 10, images)
    HomePageFigure.objects.create(page=home_page, value=55000, label="实名注册志愿者", sort_order=0)
    for n, section in enumerate(HallSectionPage.objects.all()):
        HomePageHallLink.objects.create(page=home_page, section=section, sort_order=n)

    # count_queries' first GET renders the plugins' panels, which then stay until what they show changes
    assert count_queries(client, "/") <= 15
