"""Helpers for listings (cards, results): one query per listing, never one per item."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from wagtail.admin.paginator import WagtailPaginator
from wagtail.images import get_image_model


def with_image_renditions(queryset, *image_fields):
    """``queryset`` with its images joined and their renditions prefetched: no query per card."""
    rendition_model = get_image_model().get_rendition_model()
    return queryset.select_related(*image_fields).prefetch_related(
        *(Prefetch(f"{field}__renditions", queryset=rendition_model.objects.all()) for field in image_fields)
    )


def paginate(request, items, per_page: int):
    """The page of ``items`` asked for by ``?page=``; the first page for junk, the last one past the end."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class DeferredJoinPaginator(WagtailPaginator):
    """A paginator for large admin listings (Wagtail's, with its page range): a page reads its ids first, then only those rows with their joins.

    ``OFFSET`` makes the database walk every row before the page; walking an index of ``(ordering…, id)`` for ids
    alone is a small fraction of joining and reading each skipped row, so the last page of 10,000 costs about what
    the first one does. The rows come back in the listing's order.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = self.object_list.filter(pk__in=ids).order_by() if ids else []
        by_id = {row.pk: row for row in rows}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)
