"""The plugin's secret links (booking management, private feeds): how they are made and how a request finds one.

A token is 192 random bits from ``secrets`` (``token_urlsafe(24)``, 32 URL-safe characters). A request's token is
looked up by the unique index, then compared to the stored one with ``secrets.compare_digest`` so that the answer
does not depend on how much of it matched.
"""

from __future__ import annotations

import secrets
from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

TOKEN_BYTES = 24  # 192 bits, above the 128 the site requires of every secret link


def new_token() -> str:
    """A fresh secret for a link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def find_by_token(queryset: QuerySet[M], field: str, token: str) -> M | None:
    """The row of ``queryset`` whose ``field`` is ``token``, or None; the match is confirmed in constant time."""
    if not token or len(token) > 64:
        return None
    found = queryset.filter(**{field: token}).first()
    if found is None or not secrets.compare_digest(getattr(found, field).encode(), token.encode()):
        return None
    return found
