"""The page cache for anonymous visitors (cms/page_cache.py): hits, exact invalidation by every kind of core change,
what is never cached, the headers a proxy sees, time rolling over, and no stampede on a cold cache."""

import threading
import time
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from cms import page_cache
from cms.demo.teams import ensure_team_index_page
from cms.models import HallSectionPage, StationSettings, Team
from tests.factories import TeamFactory, UserFactory


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    return settings


@pytest.fixture
def section(home_page):
    """A published page in the main menu, under the home page."""
    page = home_page.add_child(
        instance=HallSectionPage(title="志愿形象", slug="image", summary="摘要", show_in_menus=True)
    )
    page.save_revision().publish()
    return page


def get(client, path="/", **headers):
    response = client.get(path, headers=headers)
    return response, response.content.decode()


def test_second_anonymous_visit_is_a_hit_without_queries(client, page_cache_on, section):
    first, html = get(client)  # the very first render creates the site's settings row: no change to what is shown
    assert first.status_code == 200
    assert first[page_cache.HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, again = get(client)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert again == html
    assert len(queries) == 0


def test_off_when_the_timeout_is_zero(client, settings, section):
    settings.PAGE_CACHE_TIMEOUT = 0
    get(client)
    response, _ = get(client)
    assert page_cache.HIT_HEADER not in response


def test_headers_let_a_proxy_cache_and_browsers_revalidate(client, page_cache_on, section):
    get(client)
    response, _ = get(client)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=0" in cache_control
    assert "s-maxage" not in cache_control  # PAGE_CACHE_PROXY_SECONDS is 0: a proxy must ask each time
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    assert "Set-Cookie" not in response
    assert not response.cookies


def test_a_proxy_may_keep_a_page_for_the_configured_seconds(client, page_cache_on, section):
    page_cache_on.PAGE_CACHE_PROXY_SECONDS = 30
    response, _ = get(client)
    assert "s-maxage=30" in response["Cache-Control"]
    assert response["X-Accel-Expires"] == "30"


# -- every kind of change shows on the next request ------------------------------------------------------------------
def test_publishing_a_change_shows_at_once(client, page_cache_on, section):
    get(client, "/image/")
    section.title = "志愿形象与服装"
    section.save_revision().publish()
    _, html = get(client, "/image/")
    assert "志愿形象与服装" in html
    _, home = get(client)  # the menu of every page changes too
    assert "志愿形象与服装" in home


def test_a_draft_is_never_shown(client, page_cache_on, section):
    get(client, "/image/")
    section.title = "草稿标题"
    section.save_revision()
    response, html = get(client, "/image/")
    assert "草稿标题" not in html


def test_a_new_page_in_the_menu_shows_at_once(client, page_cache_on, home_page, section):
    get(client)
    page = home_page.add_child(
        instance=HallSectionPage(title="志愿友礼", slug="gifts", summary="摘要", show_in_menus=True)
    )
    page.save_revision().publish()
    _, html = get(client)
    assert "志愿友礼" in html


def test_unpublishing_removes_a_page(client, page_cache_on, section):
    assert get(client, "/image/")[0].status_code == 200
    get(client)
    section.unpublish()
    assert get(client, "/image/")[0].status_code == 404
    assert "志愿形象" not in get(client)[1]


def test_deleting_removes_a_page(client, page_cache_on, section):
    assert get(client, "/image/")[0].status_code == 200
    Page.objects.get(pk=section.pk).delete()
    assert get(client, "/image/")[0].status_code == 404


def test_moving_a_page_changes_its_address(client, page_cache_on, home_page, section):
    other = home_page.add_child(
        instance=HallSectionPage(title="志愿榜样", slug="models", summary="摘要", show_in_menus=True)
    )
    other.save_revision().publish()
    assert get(client, "/image/")[0].status_code == 200
    section.move(other, pos="last-child")
    moved, _ = get(client, "/image/")
    assert moved.status_code == 301  # Wagtail leaves a redirect behind
    assert moved["Location"].endswith("/models/image/")
    assert get(client, "/models/image/")[0].status_code == 200


def test_reordering_pages_reorders_the_menu(client, page_cache_on, home_page, section):
    other = home_page.add_child(
        instance=HallSectionPage(title="志愿榜样", slug="models", summary="摘要", show_in_menus=True)
    )
    other.save_revision().publish()
    _, html = get(client)
    assert html.index("志愿形象") < html.index("志愿榜样")
    Page.objects.get(pk=other.pk).move(Page.objects.get(pk=section.pk), pos="left")
    _, html = get(client)
    assert html.index("志愿榜样") < html.index("志愿形象")


def test_editing_a_snippet_shows_at_once(client, page_cache_on, home_page):
    index = ensure_team_index_page(home_page)
    team = TeamFactory(name="红棉志愿服务队", slug="hongmian")
    get(client, index.url)
    get(client, f"{index.url}hongmian/")
    team.name = "木棉志愿服务队"
    team.save_revision().publish()
    assert "木棉志愿服务队" in get(client, index.url)[1]
    assert "木棉志愿服务队" in get(client, f"{index.url}hongmian/")[1]


def test_a_team_made_public_appears(client, page_cache_on, home_page):
    index = ensure_team_index_page(home_page)
    team = TeamFactory(name="新芽志愿服务队", slug="xinya", live=False)
    assert "新芽志愿服务队" not in get(client, index.url)[1]
    assert get(client, f"{index.url}xinya/")[0].status_code == 404
    Team.objects.get(pk=team.pk).save_revision().publish()
    assert "新芽志愿服务队" in get(client, index.url)[1]
    assert get(client, f"{index.url}xinya/")[0].status_code == 200


def test_a_site_setting_shows_at_once(client, page_cache_on, site, section):
    get(client)
    station = StationSettings.for_site(site)
    station.phone = "0752-6666666"
    station.save()
    assert "0752-6666666" in get(client)[1]


def test_the_api_is_cached_and_invalidated(client, page_cache_on, home_page):
    TeamFactory(name="红棉志愿服务队", slug="hongmian")
    first = client.get("/api/teams")
    assert first.status_code == 200
    assert client.get("/api/teams")[page_cache.HIT_HEADER] == "hit"
    TeamFactory(name="绿洲志愿服务队", slug="lvzhou")
    assert {team["slug"] for team in client.get("/api/teams").json()} == {"hongmian", "lvzhou"}


def test_an_edit_rendered_before_its_commit_is_not_served_after(client, page_cache_on, section):
    """A visitor rendering between the edit and its commit stores old content under the version of that moment:
    the version is replaced again on commit, so the next visitor does not get it."""
    with mock.patch("cms.page_cache.transaction.on_commit") as on_commit:
        section.title = "新标题"
        section.save_revision().publish()
    version_during_edit = page_cache.content_version()
    on_commit.call_args_list[-1].args[0]()  # what the commit would run
    assert page_cache.content_version() != version_during_edit


# -- per language and host; what is never cached ---------------------------------------------------------------------
def test_languages_never_mix(client, page_cache_on, section):
    _, chinese = get(client)
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english_again = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "跳到正文" in chinese
    assert "Skip to content" in english
    assert english_again[page_cache.HIT_HEADER] == "hit"
    assert "跳到正文" in get(client)[1]


def test_hosts_never_mix(client, page_cache_on, section):
    client.get("/", HTTP_HOST="a.example.org")
    response = client.get("/", HTTP_HOST="b.example.org")
    assert response[page_cache.HIT_HEADER] == "miss"


def test_never_for_a_signed_in_user(client, page_cache_on, section):
    get(client)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response, _ = get(client)
    assert page_cache.HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    client.logout()


def test_never_with_a_message_waiting(client, page_cache_on, rf, section):
    get(client)
    storage = CookieStorage(rf.get("/"))
    response = HttpResponse()
    storage.add(constants.SUCCESS, "预约已提交")
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    response, html = get(client)
    assert page_cache.HIT_HEADER not in response


def test_a_password_protected_page_is_never_shared(client, page_cache_on, home_page):
    get(client)
    get(client)
    PageViewRestriction.objects.create(page=home_page, restriction_type="password", password="secret")  # noqa: S106
    response, html = get(client)
    assert response.get(page_cache.HIT_HEADER) != "hit"
    assert 'name="password"' in html
    again, _ = get(client)
    assert again.get(page_cache.HIT_HEADER) != "hit"


def test_a_page_with_a_csrf_form_is_not_stored(page_cache_on, rf, db):
    """A response that sets a cookie (here the CSRF token a POST form uses) is not stored, and later visitors
    render it for themselves."""
    from django.middleware.csrf import get_token

    renders = []

    def view(request):
        page_cache.mark_public(request)
        renders.append(request)
        response = HttpResponse(f"<form method=post>{get_token(request)}</form>")
        response.set_cookie("csrftoken", "x")
        return response

    middleware = page_cache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/apply/"))
        assert page_cache.HIT_HEADER not in response
    assert len(renders) == 2


def test_views_that_did_not_opt_in_are_not_stored(client, page_cache_on, home_page):
    client.get("/robots.txt")
    assert page_cache.HIT_HEADER not in client.get("/robots.txt")


# -- time ------------------------------------------------------------------------------------------------------------
def test_entries_end_at_the_next_midnight_in_shanghai(page_cache_on, db):
    late = timezone.make_aware(datetime(2026, 12, 1, 23, 50))
    assert page_cache.expires_at(late) == timezone.make_aware(datetime(2026, 12, 2))
    morning = timezone.make_aware(datetime(2026, 12, 1, 9, 0))
    assert page_cache.expires_at(morning) == morning + timedelta(seconds=600)


def test_the_date_is_in_the_key(page_cache_on, rf, db):
    request = rf.get("/")
    today = page_cache._cache_key(request, "v1")
    tomorrow = timezone.now() + timedelta(days=1)
    with mock.patch("cms.page_cache.timezone.localdate", return_value=timezone.localtime(tomorrow).date()):
        assert page_cache._cache_key(request, "v1") != today


# -- no stampede -----------------------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_a_cold_burst_renders_once(page_cache_on):
    """50 first visitors at once: one renders, the others wait for its entry, none longer than twice what the
    rendering visitor waited (its render and the cache's own work)."""
    render_seconds = 0.3
    renderers = []

    def view(request):
        page_cache.mark_public(request)
        renderers.append(threading.get_ident())
        time.sleep(render_seconds)
        return HttpResponse("首页")

    middleware = page_cache.PageCacheMiddleware(view)
    factory = RequestFactory()
    waits, barrier = {}, threading.Barrier(50)

    def visit():
        request = factory.get("/")
        barrier.wait()
        started = time.monotonic()
        response = middleware(request)
        waits[threading.get_ident()] = time.monotonic() - started
        assert response.content.decode() == "首页"

    threads = [threading.Thread(target=visit) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(waits) == 50
    assert len(renderers) == 1
    assert max(waits.values()) < 2 * waits[renderers[0]]


def test_the_site_answers_when_the_cache_is_away(client, page_cache_on, section):
    with mock.patch("cms.page_cache.content_version", side_effect=ConnectionError("Redis is away")):
        response, html = get(client, "/image/")
    assert response.status_code == 200
    assert "志愿形象" in html


def test_an_image_measuring_itself_changes_nothing(page_cache_on, db):
    image = ImageFactory()
    version = page_cache.content_version()
    image.file_size = 1234
    image.save(update_fields=["file_size"])
    assert page_cache.content_version() == version
    image.title = "志愿者风采"
    image.save()
    assert page_cache.content_version() != version
