"""How the events plugin plugs into the core (``cms.plugins``) and into Wagtail's admin: every registration is here."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from cms.plugins import register_admin_dashboard_panel, register_api_router, register_statistics
from events import panels  # noqa: F401  (the home-page, screen and team-profile panels register on import)
from events.admin.activities import ActivityCategoryViewSet
from events.api import router
from events.figures import events_figures
from events.models.feeds import may_read_bookings

register_api_router("", router)
register_snippet(ActivityCategoryViewSet)
register_statistics(events_figures)


@hooks.register("register_admin_viewset")
def register_room_booking_admin():
    from events.admin.bookings import RoomBookingGroup

    return RoomBookingGroup()


@hooks.register("register_admin_viewset")
def register_duty_shift_admin():
    from events.admin.duty import DutyShiftViewSet

    return DutyShiftViewSet("events_duty_shifts")


@hooks.register("register_admin_viewset")
def register_feed_token_admin():
    from events.admin.feeds import FeedTokenViewSet

    return FeedTokenViewSet("events_feed_tokens")


@hooks.register("register_admin_urls")
def register_rota_admin_url():
    from events.admin.duty import rota_admin

    return [path("events/duty-rota/", rota_admin, name="events_duty_rota")]


@hooks.register("register_admin_urls")
def register_my_feeds_admin_url():
    from events.admin.feeds import MyFeedsView

    return [path("events/my-calendar/", MyFeedsView.as_view(), name="events_my_feeds")]


class MyFeedsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_bookings(request.user)


@hooks.register("register_admin_menu_item")
def register_my_feeds_menu_item():
    return MyFeedsMenuItem(_("我的日历订阅"), reverse("events_my_feeds"), icon_name="date", order=322)


@hooks.register("register_admin_menu_item")
def register_rota_menu_item():
    return MenuItem(_("自动排班"), reverse("events_duty_rota"), icon_name="repeat", order=321)


@register_admin_dashboard_panel
def room_requests_dashboard_panel(request):
    if request.user.has_perm("events.change_booking"):
        from events.admin.bookings import BookingRequestsPanel

        return BookingRequestsPanel()
    return None
