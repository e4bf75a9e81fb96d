"""How the events plugin plugs into the core and into Wagtail's admin."""

from wagtail import hooks

from cms.plugins import register_admin_dashboard_panel, register_api_router
from events.api import router

register_api_router("", router)


@hooks.register("register_admin_viewset")
def register_room_booking_admin():
    from events.admin_bookings import RoomBookingGroup

    return RoomBookingGroup()


@register_admin_dashboard_panel
def room_requests_dashboard_panel(request):
    if request.user.has_perm("events.change_booking"):
        from events.admin_bookings import BookingRequestsPanel

        return BookingRequestsPanel()
    return None


# Part 2: activities, duty roster and feeds (home-page panels register themselves on import).
from events.views import activities, duty  # noqa: E402, F401
from events.views.activities_admin import register_admin  # noqa: E402

register_admin()
