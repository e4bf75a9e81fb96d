"""Public pages of the function rooms: week view, booking request, and the private manage page.

Views stay thin: they parse, call ``events.bookings.rules`` and render.
"""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.plugins import public_page
from events.bookings import availability, series
from events.bookings import rules as service
from events.bookings.forms import BookingRequestForm, CancelBookingForm
from events.bookings.ratelimits import booking_rate_limited
from events.ical.booking_file import booking_ics_bytes
from events.ical.links import feed_links
from events.models import Booking
from events.tokens import find_by_token


def _day_param(request, name: str) -> date | None:
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@public_page
def room_index(request):
    rooms = list(availability.rooms_with_rules().filter(is_active=True))
    if len(rooms) == 1:
        return redirect(rooms[0].get_absolute_url())
    return render(request, "events/room_index.html", {"rooms": rooms})


@public_page
def room_week(request, slug):
    """One room's week (Monday to Sunday): free and busy times; phones see the chosen ``day`` of it."""
    room = get_object_or_404(availability.rooms_with_rules(), slug=slug, is_active=True)
    today = timezone.localdate()
    chosen = _day_param(request, "day") or _day_param(request, "week") or today
    if abs((chosen - today).days) > 400:
        chosen = today
    monday = chosen - timedelta(days=chosen.weekday())
    days = availability.availability(room, monday, 7)
    context = {
        "room": room,
        "days": [{"day": day, "items": _day_items(room, day)} for day in days],
        "chosen_day": chosen,
        "today": today,
        "previous_week": monday - timedelta(days=7),
        "next_week": monday + timedelta(days=7),
        "previous_day": chosen - timedelta(days=1),
        "next_day": chosen + timedelta(days=1),
        "timeline": _timeline_bounds(days),
        "feed": feed_links(request, "feed_room", room.slug, title=_("订阅本室占用日历")),
    }
    return render(request, "events/room_week.html", context)


def _minutes(moment: datetime) -> int:
    local = timezone.localtime(moment)
    return local.hour * 60 + local.minute


def _day_items(room, day) -> list[dict]:
    """Busy and free times of one day in time order; free ones link to the request form with the time filled in."""
    items = [
        {"kind": "busy", "start": b.start, "end": b.end, "booking": b, "from": _minutes(b.start), "to": _minutes(b.end)}
        for b in day.busy
    ]
    form_url = reverse("events:booking_request", args=[room.slug])
    for slot in day.free:
        end = min(slot.end, slot.start + timedelta(minutes=max(60, room.min_duration_minutes)))
        query = urlencode({"start": slot.start.isoformat(), "end": end.isoformat()})
        items.append(
            {
                "kind": "free",
                "start": slot.start,
                "end": slot.end,
                "book_url": f"{form_url}?{query}",
                "from": _minutes(slot.start),
                "to": _minutes(slot.end),
            }
        )
    return sorted(items, key=lambda item: item["start"])


def _timeline_bounds(days) -> dict:
    """The first and last hour any day of the week is open, for drawing the days to one scale."""
    opening = [slot for day in days for slot in day.opening]
    if not opening:
        return {"start": 8 * 60, "end": 21 * 60}
    start = min(timezone.localtime(s.start).hour for s in opening) * 60
    end = max(timezone.localtime(s.end).hour * 60 + timezone.localtime(s.end).minute for s in opening)
    return {"start": start, "end": end}


def booking_request(request, slug):
    room = get_object_or_404(availability.rooms_with_rules(), slug=slug, is_active=True)
    if request.method == "POST":
        form = BookingRequestForm(request.POST, room=room)
        form.request = request
        if form.is_spam:
            return render(request, "events/booking_received.html", {"room": room})
        if form.is_valid():
            data = form.cleaned_data
            if booking_rate_limited(request, phone=data["contact_phone"], email=data["contact_email"]):
                form.add_error(None, _("预约请求过于频繁,请稍后再试。"))
                return render(request, "events/booking_form.html", {"room": room, "form": form}, status=429)
            try:
                booking = _request(form, created_by=_user_or_none(request))
            except service.RoomUnavailable as conflict:
                form.add_error(None, conflict.message)
                context = {"room": room, "form": form, "suggestions": conflict.suggestions}
                return render(request, "events/booking_form.html", context, status=409)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("预约申请已提交,请收藏本页链接以便查看或取消。"))
                return redirect(booking.get_absolute_url())
        return render(request, "events/booking_form.html", {"room": room, "form": form}, status=422)
    form = BookingRequestForm(room=room, initial=_initial_from_query(request))
    return render(request, "events/booking_form.html", {"room": room, "form": form})


def _request(form, created_by):
    """One booking, or a weekly series when more than one week is asked for; returns the first booking."""
    weeks = form.cleaned_data["repeat_weeks"] or 1
    if weeks == 1:
        return service.request_booking(form.booking_request(created_by=created_by))
    result = series.request_series(
        form.booking_request(created_by=created_by), count=weeks, skip_conflicts=form.cleaned_data["skip_conflicts"]
    )
    if not result.booked:
        raise ValidationError(_("所选的每一周都无法预约。"))
    if result.skipped:
        skipped = "、".join(str(slot) for slot, _reason in result.skipped)
        messages.warning(form.request, _("以下日期已被占用,已跳过:%(dates)s") % {"dates": skipped})
    return result.booked[0]


def _user_or_none(request):
    return request.user if request.user.is_authenticated else None


def _initial_from_query(request) -> dict:
    """A free slot picked in the week view arrives as ``?start=…&end=…`` (ISO datetimes)."""
    initial = {}
    try:
        start = datetime.fromisoformat(request.GET["start"])
        end = datetime.fromisoformat(request.GET["end"])
    except (KeyError, ValueError):
        return initial
    if timezone.is_aware(start) and timezone.is_aware(end):
        start, end = timezone.localtime(start), timezone.localtime(end)
        initial.update(date=start.date(), start_time=start.time(), end_time=end.time())
    return initial


def _booking_by_token(token: str) -> Booking:
    booking = find_by_token(Booking.objects.select_related("room", "team", "series"), "manage_token", token)
    if booking is None:
        raise Http404
    return booking


def booking_manage(request, token):
    """The private page behind the link in the requester's mail: status, details, cancel, add to calendar."""
    booking = _booking_by_token(token)
    can_cancel = booking.is_holding and booking.end > timezone.now()
    occurrences = booking.series.occurrences.order_by("start") if booking.series else []
    context = {
        "booking": booking,
        "can_cancel": can_cancel,
        "cancel_form": CancelBookingForm(),
        "occurrences": occurrences,
    }
    response = render(request, "events/booking_manage.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = (
        "same-origin"  # the private link never leaks to other sites; "no-referrer" would break CSRF
    )
    return response


@require_POST
def booking_cancel(request, token):
    booking = _booking_by_token(token)
    form = CancelBookingForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    try:
        if data.get("scope") == "following" and booking.series:
            day = timezone.localtime(booking.start).date()
            series.cancel_series_from(booking.series, day, by=_user_or_none(request))
        else:
            service.cancel_booking(booking, by=_user_or_none(request), message=data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("预约已取消,该时段已释放。"))
    return redirect(booking.get_absolute_url())


def booking_ics(request, token):
    booking = _booking_by_token(token)
    response = HttpResponse(booking_ics_bytes(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.pk}.ics"'
    return response
