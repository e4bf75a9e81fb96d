"""The needs panel on the home page is kept in the cache until a need, a team or a township changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.plugins import content_version
from needs.panels import VERSION_SCOPE
from tests.needs.factories import NeedFactory


def test_a_new_need_shows_in_the_next_home_pages_figures(client, home_page):
    NeedFactory()
    assert "本月点单 1 件" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("needs_need" in query["sql"] for query in queries.captured_queries)  # kept, not counted again

    NeedFactory()
    assert "本月点单 2 件" in client.get("/").content.decode()

    NeedFactory().delete()
    assert "本月点单 2 件" in client.get("/").content.decode()


def test_the_version_moves_again_when_the_change_commits(db, django_capture_on_commit_callbacks):
    # A request that read the bumped version before the commit still saw the old rows: its HTML must not stay.
    with django_capture_on_commit_callbacks(execute=True):
        NeedFactory()
        before_commit = content_version(VERSION_SCOPE)
    assert content_version(VERSION_SCOPE) != before_commit
