"""Rate limits on public booking requests: per client IP and per contact phone and email (django-ratelimit).

Used by the request form and the JSON API alike; rates can be tuned in settings.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from cms.client_address import ratelimit_key

GROUP = "events.booking-request"


def _rate(name: str, default: str) -> str:
    return getattr(settings, name, default)


def booking_rate_limited(request, *, phone: str = "", email: str = "") -> bool:
    """Count one booking attempt and say whether it is over any limit (every counter is incremented)."""
    checks = [(ratelimit_key, _rate("EVENTS_BOOKING_RATE_PER_IP", "20/h"))]
    contact_rate = _rate("EVENTS_BOOKING_RATE_PER_CONTACT", "5/h")
    for value in (phone.strip(), email.strip().lower()):
        if value:
            checks.append((lambda _group, _request, value=value: value, contact_rate))
    limited = [
        is_ratelimited(request, group=GROUP, key=key, rate=rate, method=is_ratelimited.ALL, increment=True)
        for key, rate in checks
    ]
    return any(limited)
