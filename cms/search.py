"""Chinese full-text search on the database backend, the same on SQLite and PostgreSQL.

Neither SQLite's FTS5 tokenizer nor PostgreSQL's text-search parser segments Chinese: a run of Han characters such as
“博闻公益书吧” is one token, so a search for “书吧” finds nothing. We index n-grams instead of words: every page also
indexes its text as space-separated single characters and overlapping two-character grams (“博 闻 … 博闻 闻公 公益
益书 书吧”), and a query is turned into the grams it must all contain (“公益书吧” → “公益 益书 书吧”, searched with AND).
Both databases then see ordinary space-separated tokens. Bigrams keep the index small and need no dictionary; the cost
is that a long query also matches pages containing its bigrams in another order, which ranking pushes down.
"""

import re

from django.utils.html import strip_tags
from wagtail.search import index

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
NON_HAN_WORD = re.compile(f"[^\\s{HAN}\\W]+|\\d+")
NGRAMS_FIELD = "cjk_ngrams"


def han_ngrams(text: str) -> list[str]:
    """Single characters and bigrams of every run of Han characters in ``text``, in order."""
    grams = []
    for run in HAN_RUN.findall(text):
        grams.extend(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def query_terms(query: str) -> list[str]:
    """The terms a page must contain to match ``query``: bigrams of Han runs (or the character), other words as is."""
    terms = []
    for part in query.split():
        for run in HAN_RUN.findall(part):
            terms.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        terms.extend(NON_HAN_WORD.findall(HAN_RUN.sub(" ", part)))
    return list(dict.fromkeys(terms))


def searchable_text(obj) -> str:
    """All the text ``obj`` indexes through its other search fields (rich text and StreamFields flattened)."""
    texts = []
    for field in obj.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == NGRAMS_FIELD:
            continue
        value = field.get_value(obj)  # rich text and StreamFields come back as their searchable content
        if isinstance(value, list | tuple):
            texts.extend(str(part) for part in value)
        elif value:
            texts.append(str(value))
    return strip_tags(" ".join(texts))


class ChineseSearchMixin:
    """Add ``index.SearchField(NGRAMS_FIELD)`` to a model's ``search_fields`` to make its Chinese text searchable."""

    def cjk_ngrams(self) -> str:
        return " ".join(han_ngrams(searchable_text(self)))


def search_pages(query: str):
    """Live, public pages matching ``query``, best first; an empty queryset for a query without terms."""
    from wagtail.models import Page

    terms = query_terms(query)
    if not terms:
        return Page.objects.none()
    return Page.objects.live().public().specific().search(" ".join(terms), operator="and")


TEAM_RESULTS = 5


def search_teams(query: str, request=None) -> list:
    """Published teams whose name, speciality or summary contains ``query`` (at most five, profile URLs set).

    Teams are few (hundreds), so a substring match is enough and needs no index; it works for Chinese on both
    databases because LIKE compares characters, not words.
    """
    from django.db.models import Q

    from cms.models import Team, TeamIndexPage

    query = query.strip()
    directory = TeamIndexPage.objects.live().public().first()
    if not query or directory is None:
        return []
    teams = list(
        Team.objects.filter(live=True)
        .filter(Q(name__icontains=query) | Q(speciality__icontains=query) | Q(summary__icontains=query))
        .select_related("township")
        .order_by("name")[:TEAM_RESULTS]
    )
    base = directory.get_url(request) or ""
    for team in teams:
        team.profile_url = base + directory.reverse_subpage("team", args=[team.slug])
    return teams
