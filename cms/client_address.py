"""Who is asking: the client's address as the site's rate limits see it."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address.

    Behind a reverse proxy every request comes from the proxy, so ``settings.CLIENT_IP_HEADER`` names the header the
    proxy sets (e.g. ``HTTP_X_REAL_IP``; for ``X-Forwarded-For`` the address the proxy appended last is taken, since
    anything before it came from the client and can be forged). Without a usable value the socket address is used;
    a server that gives none (some WSGI set-ups) puts everyone in one shared bucket rather than failing.
    """
    header = settings.CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    address = forwarded.split(",")[-1].strip() if forwarded else ""
    return address or request.META.get("REMOTE_ADDR") or "unknown"
