"""Rate limits on the public forms: one bucket per form and per client (:func:`cms.client_address.client_key`)."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

from cms.client_address import ratelimit_key


def limit_posts(*, rate_setting: str, default: str, template: str):
    """Decorate a form view: at most ``settings.<rate_setting>`` (default ``default``) POSTs per client, beyond it
    ``template`` with status 429.

    Each view counts in its own group, named after the view itself: a visitor who applied three times may still ask
    for their link to be resent, and the other way round.
    """

    def rate(_group, _request) -> str:
        return getattr(settings, rate_setting, default)

    def decorate(view):
        @wraps(view)
        @ratelimit(
            group=f"{view.__module__}.{view.__qualname__}", key=ratelimit_key, rate=rate, method="POST", block=False
        )
        def limited(request, *args, **kwargs):
            if getattr(request, "limited", False):
                return render(request, template, status=429)
            return view(request, *args, **kwargs)

        return limited

    return decorate
