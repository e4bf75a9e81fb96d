"""Template tags of the showroom theme: the main navigation and sharing metadata."""

from django import template
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from cms.models.pages import SHARE_IMAGE

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav_pages(context):
    """The live children of the site's home page marked “在菜单中显示”, in the page tree's order (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(Page.objects.child_of(site.root_page).live().public().in_menu().only("title", "url_path", "path"))


@register.simple_tag(takes_context=True)
def share_image_rendition(context, page):
    """The Open Graph image of ``page`` (1200×630, focal point kept) with its absolute ``share_url``, or None."""
    image = getattr(page, "share_image", None)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SHARE_IMAGE)
    except SourceImageIOError:  # the original file is gone from storage: share without an image, never a 500
        return None
    request = context.get("request")
    rendition.share_url = request.build_absolute_uri(rendition.url) if request else rendition.full_url
    return rendition


@register.filter
def is_ancestor_or_self(nav_page, current_page) -> bool:
    return bool(current_page) and current_page.url_path.startswith(nav_page.url_path)
