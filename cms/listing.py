"""Helpers for listings (cards, results): one query per listing, never one per item."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
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
