"""The iCalendar feeds (stable, documented URLs) and the "subscribe" links shown on every page that has a feed.

| URL                                          | what                                                       |
| -------------------------------------------- | ---------------------------------------------------------- |
| ``/events/feeds/activities.ics``             | all published activities                                   |
| ``/events/feeds/activities/<category>.ics``  | the activities of one category                             |
| ``/events/feeds/teams/<team>.ics``           | a team's activities and duty shifts                        |
| ``/events/feeds/duty.ics``                   | the station's duty roster                                  |
| ``/events/feeds/rooms/<room>.ics``           | a room's occupancy (confirmed and requested; no contacts)  |
| ``/events/feeds/private/<token>.ics``        | every booking with full details, for a staff member's token |
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
import qrcode.image.svg
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET

from cms.models import Team
from events.ical import calendars
from events.ical.cache import cached_feed
from events.models import ActivityCategory, FeedToken, FunctionRoom

CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_view(resolve):
    """Make a conditional feed view from ``resolve(request, **kwargs) -> (cache key, builder, filename)``.

    ``resolve`` raises Http404 for an unknown slug or token before anything is built. The ETag and Last-Modified
    functions and the view share one resolution and one cached feed per request.
    """

    def feed(request, kwargs) -> tuple[bytes, str, object, str, str]:
        if not hasattr(request, "_events_feed"):
            key, build, filename = resolve(request, **kwargs)
            base_url = request.build_absolute_uri("/").rstrip("/")
            urls = calendars.UrlMaker(base_url)
            # Names and labels in a feed are translated: one cached copy per language.
            body, etag, last_modified = cached_feed(f"{base_url}:{get_language()}:{key}", lambda: build(urls))
            request._events_feed = (body, etag, last_modified, key, filename)
        return request._events_feed

    @require_GET
    @condition(
        etag_func=lambda request, **kwargs: feed(request, kwargs)[1],
        last_modified_func=lambda request, **kwargs: feed(request, kwargs)[2],
    )
    def view(request, **kwargs):
        body, _etag, _modified, key, filename = feed(request, kwargs)
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, max-age=0" if key == "private" else "public, max-age=300"
        return response

    return view


@feed_view
def activities(request):
    return (
        "activities",
        lambda urls: calendars.activities_feed(urls, _("博罗志愿服务总站 · 活动资讯")),
        "activities.ics",
    )


@feed_view
def category_activities(request, slug):
    category = get_object_or_404(ActivityCategory, slug=slug)
    name = _("博罗志愿服务总站 · %s活动") % category.name
    return f"category:{slug}", lambda urls: calendars.activities_feed(urls, name, category=category), f"{slug}.ics"


@feed_view
def team(request, slug):
    team = get_object_or_404(Team, slug=slug, live=True)
    return f"team:{slug}", lambda urls: calendars.team_feed(urls, team), "team.ics"


@feed_view
def duty(request):
    return "duty", calendars.duty_feed, "duty.ics"


@feed_view
def room(request, slug):
    room = get_object_or_404(FunctionRoom, slug=slug)
    return f"room:{slug}", lambda urls: calendars.room_feed(urls, room), f"{slug}.ics"


@feed_view
def private(request, token):
    feed_token = FeedToken.objects.filter(token=token, revoked_at__isnull=True).first()
    if feed_token is None:
        raise Http404
    FeedToken.objects.filter(pk=feed_token.pk).update(last_used_at=timezone.now())
    return "private", calendars.private_feed, "bookings.ics"


# -- subscribe links -----------------------------------------------------------------------------------------------
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
