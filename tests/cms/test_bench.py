"""`make bench` (manage.py bench_site): the floor view, the pages it finds, and a tiny run against a live server."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.benchmark.pages import page_paths, query_counts
from cms.benchmark.run import Measure, PageResult, percentile, table


def test_the_floor_is_not_found_unless_the_bench_turns_it_on(db, client, settings, tmp_path):
    settings.BENCH_FLOOR_FILE = ""
    assert client.get("/__bench__/floor").status_code == 404

    floor = tmp_path / "floor.html"
    floor.write_bytes("<p>首页</p>".encode())
    settings.BENCH_FLOOR_FILE = str(floor)
    response = client.get("/__bench__/floor")
    assert response.status_code == 200
    assert response.content == "<p>首页</p>".encode()


def test_the_pages_it_finds_and_their_queries(home_page):
    paths = page_paths()
    assert paths["home"] == "/"
    assert paths["roster"] == "/events/duty/"
    assert "team profile" not in paths  # no public team on this site: left out, not a broken address

    first, following = query_counts({"home": "/"})["home"]
    assert 0 < following <= first


def test_the_table_shows_medians_shares_and_failures():
    floor = [Measure([1.0] * 100, 0, 1.0), Measure([1.0] * 200, 0, 1.0)]
    page = PageResult("home", "/", (20, 12), [Measure([10.0] * 10, 0, 1.0), Measure([10.0] * 10, 3, 1.0)])
    text = table("### cache off", floor, {"home": page})
    assert "| floor | `/__bench__/floor` | 150 |" in text
    # shares per round: 10 %, 5 %; the median of two is their mean
    assert "| home (3 failed) | `/` | 10 | 10.0 | 10.0 | 7.5 % | 20/12 |" in text
    assert percentile([], 0.5) != percentile([], 0.5)  # NaN: no answer at all, not a made-up zero


def test_an_unknown_page_is_refused():
    with pytest.raises(CommandError, match="unknown pages: lobby"):
        call_command("bench_site", pages="home,lobby", inspect=True, stdout=StringIO())


def test_a_tiny_run_against_a_running_site(transactional_db, home_page, live_server, settings, tmp_path):
    floor = tmp_path / "floor.html"
    floor.write_bytes(b"<p>floor</p>")
    settings.BENCH_FLOOR_FILE = str(floor)
    out = StringIO()

    call_command(
        "bench_site",
        url=live_server.url,
        pages="home,roster",
        seconds=0.3,
        rounds=1,
        connections=2,
        processes=1,
        stdout=out,
        stderr=StringIO(),
    )

    text = out.getvalue()
    assert "| floor | `/__bench__/floor` |" in text
    assert "| home | `/` |" in text
    assert "| roster | `/events/duty/` |" in text
    assert "failed" not in text
