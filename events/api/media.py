"""JSON endpoints take JSON only.

django-ninja parses any body as JSON whatever its ``Content-Type``. A plain cross-site HTML form can send
``text/plain`` (or form-encoded) without a CORS preflight, with the visitor's session cookie attached: a staff
member's session would then be recorded on a booking posted from another site. Requiring ``application/json``
(or a ``+json`` type) forces a preflight, which other sites do not pass.
"""

from __future__ import annotations

from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext as _


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


def json_body_only(run):
    """Wrap a ninja operation (``@decorate_view``): a body of any other media type answers 415 with a JSON message."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        if request.method in {"POST", "PUT", "PATCH"} and not is_json(request.META.get("CONTENT_TYPE", "")):
            return JsonResponse({"detail": _("请以 JSON 格式提交(Content-Type: application/json)。")}, status=415)
        return run(request, *args, **kwargs)

    return checked
