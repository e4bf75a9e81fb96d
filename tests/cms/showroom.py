"""Builders for the showroom's pages in tests: published pages under the demo home page, images from factories."""

import io
import re
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.models import ExhibitionHallPage, HallSectionPage, NewsIndexPage, NewsPage, ProjectIndexPage, ProjectPage


def make_image(title="测试图片", size=(320, 200), colour="#c8102e"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name="test.png"), description=f"{title}的描述"
    )


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_hall(home, **fields):
    return publish_child(home, ExhibitionHallPage(title=fields.pop("title", "展示厅"), slug="hall", **fields))


def make_section(hall, n=0, **fields):
    fields.setdefault("title", f"栏目{n}")
    fields.setdefault("slug", f"section-{n}")
    fields.setdefault("summary", f"第{n}个栏目的摘要")
    return publish_child(hall, HallSectionPage(**fields))


def make_news_index(home):
    return publish_child(home, NewsIndexPage(title="志愿服务动态", slug="news"))


def make_news(index, n=0, **fields):
    fields.setdefault("title", f"新闻{n}")
    fields.setdefault("slug", f"news-{n}")
    fields.setdefault("intro", f"第{n}条新闻的导语")
    fields.setdefault("date", date(2016, 1, 1) + timedelta(days=n))
    fields.setdefault("body", [{"type": "paragraph", "value": f"<p>第{n}条新闻的正文</p>"}])
    tags = fields.pop("tags", [])
    page = NewsPage(**fields)
    page.tags.add(*tags)
    return publish_child(index, page)


def make_project_index(home):
    return publish_child(home, ProjectIndexPage(title="公益项目", slug="projects"))


def make_project(index, n=0, **fields):
    fields.setdefault("title", f"项目{n}")
    fields.setdefault("slug", f"project-{n}")
    fields.setdefault("summary", f"第{n}个项目的摘要")
    return publish_child(index, ProjectPage(**fields))


def count_queries(client, url) -> int:
    """Queries of a warm GET of ``url`` (a first GET creates renditions and fills per-process caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def heading_levels(html: str) -> list[int]:
    """The levels of the headings in ``html``, in document order (``<h2 class=…>`` → 2)."""
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def skipped_levels(levels: list[int], start: int = 1) -> list[tuple[int, int]]:
    """Where the outline jumps more than one level down (``h1`` → ``h3``), as (from, to) pairs, starting under ``start``."""
    jumps, previous = [], start
    for level in levels:
        if level > previous + 1:
            jumps.append((previous, level))
        previous = level
    return jumps
