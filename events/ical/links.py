"""The "subscribe" box of every page that has a feed: the https and webcal:// addresses and a QR code."""

from dataclasses import dataclass
from functools import lru_cache

import qrcode
import qrcode.image.svg
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FeedLinks:
    """What the subscribe box shows: the https address, the webcal:// one, and a QR code of the webcal link."""

    title: str
    https_url: str
    webcal_url: str
    qr_svg: SafeString


@lru_cache(maxsize=256)
def qr_svg(data: str) -> SafeString:
    """An inline SVG QR code (rendered on the server; no script or network needed)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=10)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308  (our own SVG from the qrcode package; the data is our own URL)


def feed_links(request, url_name: str, *args, title: str = "") -> FeedLinks:
    https_url = request.build_absolute_uri(reverse(f"events:{url_name}", args=args))
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return FeedLinks(title or _("订阅日历"), https_url, webcal_url, qr_svg(webcal_url))
