"""Dates in named formats: each shape is written once per language (``cms/formats/<locale>/formats.py``).

Templates and Python name the shape (``|date:"MONTH_DAY_FORMAT"``); a name missing from one language's module would be
printed literally by Django, and a format written into a template would ignore the reader's language.
"""

import re
from datetime import date, datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from .showroom import make_news, make_news_index

ROOT = Path(settings.BASE_DIR)
SOURCES = ["templates", "cms", "incubator", "events"]
NAMED = re.compile(
    r"""\|(?:date|time):["']([A-Z_]+)["']|(?:date|time)_format\([^()]*(?:\([^()]*\)[^()]*)?,\s*["']([A-Z_]+)["']"""
)
WRITTEN_OUT = re.compile(
    r"""\|(?:date|time):["'][^"']*[年月日]|strftime\(["'][^"']*[年月日]|(?:date|time)_format\([^()]*,\s*["'][^"']*[年月日]"""
)


def source_files():
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".html", ".txt", ".py"} and "migrations" not in path.parts:
                yield path


def format_module(language):
    """The module Django reads for ``language`` (it looks up ``to_locale("zh-hans")``, i.e. ``zh_Hans``)."""
    return import_module(f"cms.formats.{translation.to_locale(language)}.formats")


def test_every_language_has_a_format_module_with_the_same_names():
    names = {
        code: {n for n in vars(format_module(code)) if n.endswith("_FORMAT")} for code, _name in settings.LANGUAGES
    }
    first, *others = names.values()
    assert all(other == first for other in others), names


def test_every_named_format_used_exists_in_every_language():
    used = set()
    for path in source_files():
        for match in NAMED.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert "MONTH_DAY_FORMAT" in used and "WEEKDAY_DATETIME_FORMAT" in used  # the scan finds them
    for code, _name in settings.LANGUAGES:
        assert used <= set(vars(format_module(code))), code


def test_no_template_or_module_writes_a_chinese_date_format_itself():
    written = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in source_files()
        for match in WRITTEN_OUT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert written == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["2026年11月29日", "11月29日", "2026年11月", "11月29日 星期日", "2026年11月29日 星期日 14:30"]),
        (
            "en",
            ["29 November 2026", "29 November", "November 2026", "Sunday 29 November", "Sunday 29 November 2026 14:30"],
        ),
    ],
)
def test_the_shapes_in_each_language(language, expected):
    moment = datetime(2026, 11, 29, 14, 30)
    names = [
        "DATE_FORMAT",
        "MONTH_DAY_FORMAT",
        "YEAR_MONTH_FORMAT",
        "WEEKDAY_MONTH_DAY_FORMAT",
        "WEEKDAY_DATETIME_FORMAT",
    ]
    with translation.override(language):
        assert [date_format(moment, name) for name in names] == expected


@pytest.mark.django_db
def test_a_news_page_shows_its_date_in_the_readers_language(client, home_page):
    page = make_news(make_news_index(home_page), 1, date=date(2026, 11, 29))
    english = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(page.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<time datetime="2026-11-29">29 November 2026</time>' in english
    assert '<time datetime="2026-11-29">2026年11月29日</time>' in chinese
    news_list = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">29 November 2026</time>" in news_list
