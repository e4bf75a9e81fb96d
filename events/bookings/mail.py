"""The mail sent about bookings: one template per kind, each sent at most once per booking (``BookingNotice``)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.mail import send_mail
from events.models import Booking, BookingNotice

SUBJECTS = {
    BookingNotice.Kind.REQUESTED: _("已收到您的功能室预约申请"),
    BookingNotice.Kind.CONFIRMED: _("您的功能室预约已确认"),
    BookingNotice.Kind.DECLINED: _("您的功能室预约未通过"),
    BookingNotice.Kind.CANCELLED: _("您的功能室预约已取消"),
    BookingNotice.Kind.REMINDER: _("明天的功能室预约提醒"),
}


def manage_url(booking: Booking) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + booking.get_absolute_url()


def send_notice(booking_id: int, kind: str) -> bool:
    """Send the ``kind`` mail about a booking unless it was sent before. Returns whether a mail went out.

    The mail is written in the language the booking was made in (``Booking.language``), subject included.
    """
    booking = Booking.objects.select_related("room").filter(pk=booking_id).first()
    if booking is None or kind not in BookingNotice.Kind.values:
        return False
    try:
        with transaction.atomic(), translation.override(booking.language):
            BookingNotice.objects.create(booking=booking, kind=kind)
            context = {"booking": booking, "manage_url": manage_url(booking)}
            body = render_to_string(f"events/booking_email/{kind}.txt", context)
            subject = gettext("%(notice)s:%(title)s") % {"notice": SUBJECTS[kind], "title": booking.title}
            # Inside the transaction: if the mail server fails, the notice is rolled back and a retry sends again.
            send_mail(subject, body, [booking.contact_email])
    except IntegrityError:
        return False  # already sent
    return True
