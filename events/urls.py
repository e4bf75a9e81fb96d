"""The events plugin's public pages, mounted at ``/events/`` by the core."""

from django.urls import path

from events.views import duty, feeds, rooms

app_name = "events"

urlpatterns = [
    path("room/", rooms.room_index, name="room_index"),
    path("room/<slug:slug>/", rooms.room_week, name="room_week"),
    path("room/<slug:slug>/book/", rooms.booking_request, name="booking_request"),
    # Tokens are secrets.token_urlsafe(), i.e. slug characters: anything else (a NUL byte, which PostgreSQL refuses
    # in a query and answered with a 500) is a 404 before any lookup.
    path("booking/<slug:token>/", rooms.booking_manage, name="booking_manage"),
    path("booking/<slug:token>/cancel/", rooms.booking_cancel, name="booking_cancel"),
    path("booking/<slug:token>/booking.ics", rooms.booking_ics, name="booking_ics"),
    # The duty roster and the calendar feeds (documented in events/views/feeds.py; keep these URLs stable).
    path("duty/", duty.roster, name="duty_roster"),
    path("feeds/activities.ics", feeds.activities, name="feed_activities"),
    path("feeds/activities/<slug:slug>.ics", feeds.category_activities, name="feed_category"),
    path("feeds/teams/<str:slug>.ics", feeds.team, name="feed_team"),
    path("feeds/duty.ics", feeds.duty, name="feed_duty"),
    path("feeds/rooms/<slug:slug>.ics", feeds.room, name="feed_room"),
    path("feeds/private/<slug:token>.ics", feeds.private, name="feed_private"),
]
