"""The headers of a careful public site that Django's ``SecurityMiddleware`` does not write: a Content Security Policy
and a ``Permissions-Policy``.

Public pages run no inline script and carry no nonce: a page cache serves one copy of a page to every visitor, so a
nonce would be shared and mean nothing. Their scripts are static files; ``style-src`` keeps ``'unsafe-inline'`` for
the ``style`` attributes that give a team its colour. The admin (Wagtail's and Django's) still needs inline scripts
and gets its own, looser policy; it is only ever seen by signed-in staff.

Images may come from the map's tile server (``MAP_TILE_URL``, the one host the site talks to at run time) and from
wherever static and media files are served when those are on another host. A view that needs a browser feature
(the team map asks for the visitor's position) sets its own ``Permissions-Policy`` with ``permissions_policy``;
every other response denies them all.
"""

from urllib.parse import urlsplit

from django.conf import settings

ADMIN_PATHS = ("/admin/", "/django-admin/")
UNSAFE_INLINE = "'unsafe-inline'"

# Features no page of the site uses; a view allows one for itself with ``permissions_policy(geolocation=True)``.
# Autoplay and full screen stay at the browser's default: the station's screen loop plays its videos by itself.
BROWSER_FEATURES = (
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)


def permissions_policy(**allowed) -> str:
    """The ``Permissions-Policy`` value: every feature denied but those passed as ``feature=True`` (this origin only).

    Feature names use underscores for hyphens: ``permissions_policy(geolocation=True)``.
    """
    allowed_names = {name.replace("_", "-") for name, allow in allowed.items() if allow}
    unknown = allowed_names - set(BROWSER_FEATURES)
    if unknown:
        raise ValueError(f"unknown browser features: {sorted(unknown)}")
    return ", ".join(
        f"{feature}=(self)" if feature in allowed_names else f"{feature}=()" for feature in BROWSER_FEATURES
    )


def url_origin(url: str) -> str:
    """The CSP source for an absolute URL (``https://host``), or ``""`` for a relative one (``'self'`` covers it).

    A tile URL's ``{s}`` subdomain placeholder becomes a wildcard: ``https://webrd0{s}.is.autonavi.com/...`` →
    ``https://*.is.autonavi.com``.
    """
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = host.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    return f"{parts.scheme}://{'.'.join(labels)}"


def _sources(*extra) -> str:
    origins = {url_origin(url) for url in (settings.STATIC_URL, settings.MEDIA_URL)} - {""}
    return " ".join(["'self'", *extra, *sorted(origins)])


def public_policy() -> str:
    """The Content Security Policy of every page but the admin's."""
    tiles = url_origin(getattr(settings, "MAP_TILE_URL", ""))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {_sources()}",
            f"style-src {_sources(UNSAFE_INLINE)}",
            f"img-src {_sources('data:', *([tiles] if tiles else []))}",
            f"media-src {_sources()}",
            f"font-src {_sources()}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def admin_policy() -> str:
    """The admin's policy: Wagtail's editor still runs inline scripts and previews pages in a same-origin frame."""
    tiles = url_origin(getattr(settings, "MAP_TILE_URL", ""))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {_sources(UNSAFE_INLINE)}",
            f"style-src {_sources(UNSAFE_INLINE)}",
            f"img-src {_sources('data:', 'blob:', *([tiles] if tiles else []))}",
            f"media-src {_sources('blob:')}",
            f"font-src {_sources('data:')}",
            "connect-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    """Adds the Content Security Policy and the ``Permissions-Policy`` to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = public_policy()
        self.admin = admin_policy()
        self.permissions = permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.admin if request.path.startswith(ADMIN_PATHS) else self.public
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
