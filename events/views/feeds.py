"""The iCalendar feeds at stable, documented URLs; the subscribe links offered beside them are in ``events.ical.links``.

| URL                                          | what                                                       |
| -------------------------------------------- | ---------------------------------------------------------- |
| ``/events/feeds/activities.ics``             | all published activities                                   |
| ``/events/feeds/activities/<category>.ics``  | the activities of one category                             |
| ``/events/feeds/teams/<team>.ics``           | a team's activities and duty shifts                        |
| ``/events/feeds/duty.ics``                   | the station's duty roster                                  |
| ``/events/feeds/rooms/<room>.ics``           | a room's occupancy (confirmed and requested; no contacts)  |
| ``/events/feeds/private/<token>.ics``        | every booking in full, plus what plugins add for the holder |
"""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from cms.models import Team
from cms.plugins import staff_calendar_sources
from events.ical import calendars
from events.ical.cache import ACTIVITIES, BOOKINGS, DUTY, cached_feed, room_scope
from events.models import ActivityCategory, FeedToken, FunctionRoom
from events.models.feeds import may_read_bookings

CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_view(resolve):
    """Make a conditional feed view from ``resolve(request, **kwargs) -> (cache key, scopes, builder, filename)``.

    ``resolve`` raises Http404 for an unknown slug or token before anything is built. The ETag and Last-Modified
    functions and the view share one resolution and one cached feed per request.
    """

    def feed(request, kwargs) -> tuple[bytes, str, object, str, str]:
        if not hasattr(request, "_events_feed"):
            key, scopes, build, filename = resolve(request, **kwargs)
            base_url = request.build_absolute_uri("/").rstrip("/")
            urls = calendars.UrlMaker(base_url)
            # Names and labels in a feed are translated: one cached copy per language.
            body, etag, last_modified = cached_feed(f"{base_url}:{get_language()}:{key}", scopes, lambda: build(urls))
            request._events_feed = (body, etag, last_modified, key, filename)
        return request._events_feed

    @require_safe  # HEAD too: calendar services and link checkers probe a feed with it
    @condition(
        etag_func=lambda request, **kwargs: feed(request, kwargs)[1],
        last_modified_func=lambda request, **kwargs: feed(request, kwargs)[2],
    )
    def view(request, **kwargs):
        body, _etag, _modified, key, filename = feed(request, kwargs)
        # HEAD answers with GET's headers (Content-Length included) and no body, whatever server is in front.
        response = HttpResponse(b"" if request.method == "HEAD" else body, content_type=CONTENT_TYPE)
        response["Content-Length"] = len(body)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, max-age=0" if key.startswith("private") else "public, max-age=300"
        return response

    return view


@feed_view
def activities(request):
    return (
        "activities",
        [ACTIVITIES],
        lambda urls: calendars.activities_feed(urls, _("博罗志愿服务总站 · 活动资讯")),
        "activities.ics",
    )


@feed_view
def category_activities(request, slug):
    category = get_object_or_404(ActivityCategory, slug=slug)
    name = _("博罗志愿服务总站 · %s活动") % category.name
    return (
        f"category:{slug}",
        [ACTIVITIES],
        lambda urls: calendars.activities_feed(urls, name, category=category),
        f"{slug}.ics",
    )


@feed_view
def team(request, slug):
    team = get_object_or_404(Team, slug=slug, live=True)
    return f"team:{slug}", [ACTIVITIES, DUTY], lambda urls: calendars.team_feed(urls, team), "team.ics"


@feed_view
def duty(request):
    return "duty", [DUTY], calendars.duty_feed, "duty.ics"


@feed_view
def room(request, slug):
    room = get_object_or_404(FunctionRoom, slug=slug)
    return f"room:{slug}", [room_scope(room.pk)], lambda urls: calendars.room_feed(urls, room), f"{slug}.ics"


@feed_view
def private(request, token):
    feed_token = FeedToken.for_feed(token)
    if feed_token is None:
        raise Http404
    FeedToken.objects.filter(pk=feed_token.pk).update(last_used_at=timezone.now())
    user = feed_token.user
    sources = staff_calendar_sources()
    if not sources:
        return "private", [BOOKINGS], calendars.private_feed, "bookings.ics"
    # Bookings only for those who may read them (a team leader holds a feed for their needs alone); other plugins
    # add what this staff member may see: one cached copy per person and per version of those items.
    bookings = may_read_bookings(user)
    versions = hashlib.sha256("|".join(source.version(user) for source in sources).encode()).hexdigest()[:16]
    return (
        f"private:{user.pk}:{int(bookings)}:{versions}",
        [BOOKINGS],
        lambda urls: calendars.private_feed(
            urls, [entry for source in sources for entry in source.entries(user)], bookings=bookings
        ),
        "bookings.ics",
    )
