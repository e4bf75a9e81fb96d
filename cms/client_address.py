"""Who is asking: the client's address as the site's rate limits see it.

Every rate limit of the site keys on :func:`client_key` (or django-ratelimit's ``key="ip"``, which calls
:func:`client_ip` through ``RATELIMIT_IP_META_KEY`` and masks the same way), so one client is one bucket everywhere:
an IPv4 address, or an IPv6 /64 (one subscriber's network, which a client can rotate through at will).
"""

import ipaddress

from django.conf import settings

# Where no usable address is given (a WSGI server without REMOTE_ADDR): everyone shares one bucket, nothing fails.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a bucket's name, not an address to bind)
IPV6_PREFIX = 64


def parse_address(value: str) -> str:
    """A bare IP address from one header value, or "" when it holds none.

    Accepts what proxies and clients actually send: ``1.2.3.4:5678``, ``[2001:db8::1]:443``, ``for="[2001:db8::1]"``
    (RFC 7239), an IPv6 zone (``fe80::1%eth0``) and IPv4-mapped IPv6; ``unknown``, ``_hidden`` or garbage give "".
    """
    value = value.strip().strip('"').strip()
    if value[:4].lower() == "for=":
        value = value[4:].strip().strip('"')
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # IPv4 with a port; bare IPv6 has at least two colons
        value = value.partition(":")[0]
    value = value.partition("%")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request) -> str:
    """The client's IP address, always a bare address that :mod:`ipaddress` accepts.

    Behind a reverse proxy every request comes from the proxy, so ``settings.CLIENT_IP_HEADER`` names the header the
    proxy sets (e.g. ``HTTP_X_REAL_IP``; for ``X-Forwarded-For`` the address the proxy appended last is taken, since
    anything before it came from the client and can be forged). A value that is not an address (``unknown``, a port
    attached, brackets) is parsed or, failing that, ignored for the socket address; without any usable address
    everyone shares one bucket (:data:`UNKNOWN_ADDRESS`) rather than failing.
    """
    header = settings.CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    if isinstance(forwarded, str) and forwarded:
        if address := parse_address(forwarded.split(",")[-1]):
            return address
    return parse_address(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN_ADDRESS


def client_key(request) -> str:
    """The rate-limit bucket of the client: its IPv4 address, or its IPv6 /64 network (``2001:db8:1:2::/64``)."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def ratelimit_key(_group, request) -> str:
    """:func:`client_key` in the shape django-ratelimit calls a ``key`` with."""
    return client_key(request)
