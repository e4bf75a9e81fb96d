"""Chinese full-text search on the database backend, the same on SQLite and PostgreSQL.

Neither SQLite's FTS5 tokenizer nor PostgreSQL's text-search parser segments Chinese: a run of Han characters such as
“博闻公益书吧” is one token, so a search for “书吧” finds nothing. We index n-grams instead of words: every page also
indexes its text as space-separated single characters and overlapping two-character grams (“博 闻 … 博闻 闻公 公益
益书 书吧”), and a query is turned into the grams it must all contain (“公益书吧” → “公益 益书 书吧”, searched with AND).
Both databases then see ordinary space-separated tokens. Bigrams keep the index small and need no dictionary.

A run of three or more characters is searched as a phrase of its bigrams (“公益 益书 书吧”, each next to the other),
so “公益书吧” does not find a page that merely says “公益” here and “书吧” there. The index lists each run's bigrams in
order and puts the run's single characters between one run and the next, so a phrase of bigrams matches only where
the characters stand together in the text. Pages whose title contains the query come first, the others in the
database's order of relevance.
"""

import re
from functools import cached_property

from django.utils.html import strip_tags
from wagtail.search import index
from wagtail.search.query import And, Phrase, PlainText

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
NON_HAN_WORD = re.compile(f"[^\\s{HAN}\\W]+|\\d+")
NGRAMS_FIELD = "cjk_ngrams"


def han_ngrams(text: str) -> list[str]:
    """Single characters and bigrams of every run of Han characters in ``text``, in order.

    The list starts with a single character and ends with one (the last run's first, repeated when the run has
    bigrams): the index joins this field to the page's other texts, and a bigram phrase must not run across the join.
    """
    grams = []
    runs = HAN_RUN.findall(text)
    for run in runs:
        grams.extend(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    if runs and len(runs[-1]) > 1:
        grams.append(runs[-1][0])
    return grams


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


def query_terms(query: str) -> list[tuple[str, str]]:
    """What a page must contain to match ``query``, as ``(kind, text)``: a ``"phrase"`` of the bigrams of a Han run of
    three or more characters, else a ``"term"`` (a bigram, a single character, a word or a number)."""
    terms = []
    for part in query.split():
        for run in HAN_RUN.findall(part):
            bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
            terms.append(
                ("phrase", " ".join(bigrams)) if len(bigrams) > 1 else ("term", bigrams[0] if bigrams else run)
            )
        terms.extend(("term", word) for word in NON_HAN_WORD.findall(HAN_RUN.sub(" ", part)))
    return list(dict.fromkeys(terms))


def search_query(query: str):
    """The backend's query for ``query`` (every term and phrase required), or None when it has no terms."""
    clauses = [Phrase(text) if kind == "phrase" else PlainText(text) for kind, text in query_terms(query)]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)


# Results are ordered in Python (title matches first), so a search reads at most this many of them.
MAX_RESULTS = 500


class SearchResults:
    """The pages found, as a sequence the paginator can slice: title matches first, then by relevance.

    Finding reads only the pages' ids and titles; a slice loads its pages as their specific types.
    """

    def __init__(self, query: str, found):
        words = HAN_RUN.findall(query) + NON_HAN_WORD.findall(HAN_RUN.sub(" ", query))
        self.query_parts = [word.casefold() for word in words]
        self.found = found

    @cached_property
    def ids(self) -> list[int]:
        hits = list(self.found[:MAX_RESULTS])
        title_matches = [hit for hit in hits if all(part in hit.title.casefold() for part in self.query_parts)]
        matched = {hit.pk for hit in title_matches}
        return [hit.pk for hit in title_matches] + [hit.pk for hit in hits if hit.pk not in matched]

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        from wagtail.models import Page

        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        found = [pages[pk] for pk in ids if pk in pages]
        return found if isinstance(index, slice) else found[0]


def search_pages(query: str) -> SearchResults:
    """Live, public pages matching ``query``, pages with the query in their title first; empty without terms."""
    from wagtail.models import Page

    built = search_query(query)
    found = Page.objects.none() if built is None else Page.objects.live().public().search(built)
    return SearchResults(query, found)


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
