"""The events plugin's public pages, mounted at ``/events/`` by the core."""

from django.urls import path

from events.views import rooms

app_name = "events"

urlpatterns = [
    path("room/", rooms.room_index, name="room_index"),
    path("room/<slug:slug>/", rooms.room_week, name="room_week"),
    path("room/<slug:slug>/book/", rooms.booking_request, name="booking_request"),
    path("booking/<str:token>/", rooms.booking_manage, name="booking_manage"),
    path("booking/<str:token>/cancel/", rooms.booking_cancel, name="booking_cancel"),
    path("booking/<str:token>/booking.ics", rooms.booking_ics, name="booking_ics"),
]
