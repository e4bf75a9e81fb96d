"""Chinese search: a two-character word inside longer Han text finds the page, a longer query is a phrase, a title
match comes first; on SQLite and on PostgreSQL."""

import pytest

from cms.search import MAX_RESULTS, han_ngrams, query_terms

from .showroom import make_hall, make_news, make_news_index, make_project, make_project_index, make_section


def test_ngrams_cover_every_character_and_neighbouring_pair():
    assert han_ngrams("公益书吧") == ["公", "益", "书", "吧", "公益", "益书", "书吧", "公"]
    assert han_ngrams("书吧。益") == ["书", "吧", "书吧", "益"]
    assert han_ngrams("Boluo 2016") == []


def test_query_terms_are_the_bigrams_a_page_must_contain():
    assert query_terms("书吧") == [("term", "书吧")]
    assert query_terms("公益书吧") == [("phrase", "公益 益书 书吧")]
    assert query_terms("书") == [("term", "书")]
    assert query_terms("“书吧” LED 2016 书吧") == [("term", "书吧"), ("term", "LED"), ("term", "2016")]
    assert query_terms("  ,。 ") == []


@pytest.fixture
def pages(home_page):
    projects = make_project_index(home_page)
    bar = make_project(projects, 1, title="博闻公益书吧", summary="免费开放的公益阅读空间。")
    kiosk = make_project(projects, 2, title="志愿服务亭", summary="街头的志愿服务亭。")
    hall = make_hall(home_page)
    section = make_section(
        hall,
        1,
        title="志愿者风采",
        summary="记录志愿者的服务足迹。",
        body=[{"type": "quote", "value": {"text": "小篮球、大梦想", "attribution": "助学公益项目"}}],
    )
    return {"bar": bar, "kiosk": kiosk, "section": section}


def result_titles(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


@pytest.mark.django_db
def test_two_characters_inside_a_longer_word_find_the_page(client, pages):
    assert result_titles(client, "书吧") == ["博闻公益书吧"]
    assert result_titles(client, "公益书吧") == ["博闻公益书吧"]


@pytest.mark.django_db
def test_text_inside_streamfield_blocks_is_found(client, pages):
    assert result_titles(client, "篮球") == ["志愿者风采"]


@pytest.mark.django_db
def test_every_bigram_of_the_query_must_match(client, pages):
    assert "博闻公益书吧" not in result_titles(client, "书亭")
    assert result_titles(client, "服务亭") == ["志愿服务亭"]


@pytest.mark.django_db
def test_unpublished_pages_are_not_found(client, pages):
    pages["bar"].unpublish()
    assert result_titles(client, "书吧") == []


@pytest.mark.django_db
def test_an_edit_is_searchable_once_published(client, pages):
    kiosk = pages["kiosk"]
    kiosk.summary = "设在博罗县城的便民服务点。"
    kiosk.save_revision().publish()
    assert result_titles(client, "便民") == ["志愿服务亭"]


@pytest.mark.django_db
def test_empty_and_junk_queries_show_the_form_without_results(client, pages):
    response = client.get("/search/")
    assert response.status_code == 200 and response.context["results"] is None
    assert result_titles(client, "。,!") == []
    assert 'name="robots" content="noindex"' in client.get("/search/?q=书吧").content.decode()


@pytest.mark.django_db
def test_results_are_paginated(client, home_page):
    index = make_news_index(home_page)
    for n in range(23):
        make_news(index, n, title=f"书吧读书会第{n}期")
    first = client.get("/search/", {"q": "书吧"})
    assert first.context["results"].paginator.count == 23
    assert len(first.context["results"]) == 10
    assert "q=%E4%B9%A6%E5%90%A7&amp;page=2" in first.content.decode()
    assert len(result_titles(client, "书吧", page=3)) == 3
    assert len(result_titles(client, "书吧", page="abc")) == 10


@pytest.mark.django_db
def test_editors_picks_come_first_and_searches_are_counted(client, pages):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(query=Query.get("志愿"), page=pages["kiosk"], description="街头服务点", sort_order=0)
    html = client.get("/search/", {"q": "志愿"}).content.decode()
    picks = html[html.index('class="search-promotions"') : html.index('class="search-summary"')]
    assert "志愿服务亭" in picks and "街头服务点" in picks
    client.get("/search/", {"q": "志愿"})
    assert Query.get("志愿").hits == 2


@pytest.mark.django_db
def test_teams_are_found_by_a_part_of_their_name_or_speciality(client, home_page):
    from cms.models import TeamIndexPage
    from tests.factories import TeamFactory

    from .showroom import publish_child

    publish_child(home_page, TeamIndexPage(title="志愿团队", slug="teams"))
    TeamFactory(name="博罗县红棉志愿服务队", slug="hongmian", speciality="助老助残")
    TeamFactory(name="博罗县蓝天应急救援队", slug="lantian", speciality="应急救援")
    TeamFactory(name="暂不公开的助老队", slug="draft", speciality="助老", live=False)

    response = client.get("/search/", {"q": "助老"})
    assert [team.name for team in response.context["teams"]] == ["博罗县红棉志愿服务队"]
    assert 'href="/teams/hongmian/"' in response.content.decode()
    assert [team.slug for team in client.get("/search/", {"q": "红棉"}).context["teams"]] == ["hongmian"]


@pytest.fixture
def ranked(home_page):
    projects = make_project_index(home_page)
    # Created first and saying “书吧” again and again: without a title rule it would come first.
    make_project(projects, 1, title="社区阅读角", summary="书吧书吧书吧:在书吧读书,书吧借书,书吧还书。")
    make_project(projects, 2, title="博闻公益书吧", summary="免费开放的阅读空间。")
    # “公益” here and “书吧” there, never “公益书吧”.
    make_project(projects, 3, title="公益集市", summary="每月一次公益集市,旁边的书吧也开门。")
    return projects


def assert_title_first_and_phrases(client):
    assert result_titles(client, "书吧")[0] == "博闻公益书吧"
    assert set(result_titles(client, "书吧")) == {"博闻公益书吧", "社区阅读角", "公益集市"}
    assert result_titles(client, "公益书吧") == ["博闻公益书吧"]
    assert result_titles(client, "旁边的书吧") == ["公益集市"]
    assert result_titles(client, "的书吧也") == ["公益集市"]
    assert result_titles(client, "书吧公益") == []


@pytest.mark.django_db
def test_a_title_match_comes_first_and_three_characters_match_as_a_phrase(client, ranked, each_database):
    assert_title_first_and_phrases(client)


@pytest.mark.django_db
def test_a_phrase_never_joins_two_runs_of_text(client, home_page):
    projects = make_project_index(home_page)
    make_project(projects, 1, title="公益", summary="书吧。益书")
    assert result_titles(client, "公益书吧") == []
    assert result_titles(client, "益书吧") == []


@pytest.mark.django_db
def test_results_slice_into_specific_pages_title_matches_first(home_page):
    from cms.search import search_pages

    index = make_news_index(home_page)
    for n in range(12):
        make_news(index, n, title=f"读书会第{n}期", intro="在书吧")
    make_news(index, 99, title="书吧开放日")
    results = search_pages("书吧")
    assert len(results) == 13 and results.count() == 13
    assert results[0].title == "书吧开放日" and type(results[0]).__name__ == "NewsPage"
    assert all(page.title.startswith("读书会") for page in results[1:13])
    assert len(results[10:20]) == 3 and MAX_RESULTS >= 13
