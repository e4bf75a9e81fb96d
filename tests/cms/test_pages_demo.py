"""The showroom's demo content: the twelve hall sections, projects, news, role models; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.models import ExhibitionHallPage, HallSectionPage, NewsPage, ProjectPage, RoleModel

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        RoleModel.objects.count(),
    )


def test_demo_showroom_is_complete_and_idempotent(client, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("load_initial_data", stdout=io.StringIO())
    first = snapshot()
    call_command("load_initial_data", stdout=io.StringIO())
    assert snapshot() == first

    hall = ExhibitionHallPage.objects.get()
    sections = HallSectionPage.objects.child_of(hall).live()
    assert sections.count() == 12
    assert sections.first().title == "前言" and sections.last().title == "中国梦"
    assert set(ProjectPage.objects.values_list("batch", flat=True)) == {1, 2}
    assert NewsPage.objects.live().count() >= 4
    assert RoleModel.objects.filter(featured=True).count() >= 4

    for page in [hall, *sections, *ProjectPage.objects.all(), *NewsPage.objects.all()]:
        assert client.get(page.url).status_code == 200, page.url
    home = client.get("/").content.decode()
    assert "55,000+" in home and "927个" in home and "1,361个" in home
    results = client.get("/search/", {"q": "书吧"}).context["results"]
    assert "博闻公益书吧" in [page.title for page in results]
