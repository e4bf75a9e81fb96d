"""``/search/``: the public site search (Chinese-aware, see ``cms.search``)."""

from urllib.parse import urlencode

from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from cms.listing import paginate
from cms.search import search_pages, search_teams

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search_pages(query) if query else None
    page = None
    promotions = []
    if results is not None:
        page = paginate(request, results, RESULTS_PER_PAGE)
        search_query = Query.get(query)
        search_query.add_hit()  # popular searches, shown to editors under 报告 → 搜索词
        promotions = search_query.editors_picks.filter(Q(page__isnull=True) | Q(page__live=True)).select_related("page")
    context = {
        "query": query,
        "results": page,
        "promotions": promotions,
        "teams": search_teams(query, request) if page is not None and page.number == 1 else [],
        "query_prefix": urlencode({"q": query}),
    }
    return TemplateResponse(request, "pages/search.html", context)
