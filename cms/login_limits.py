"""Limits on password guessing at the two admin logins (Wagtail's ``/admin/login/`` and ``/django-admin/login/``), and
on the reset mails Wagtail's ``/admin/password_reset/`` sends.

Every failed login (Django's ``user_login_failed`` signal) counts once against the client (:func:`client_key`: its
address, or its IPv6 /64) and once against the username tried. While either count has reached its limit
(``LOGIN_FAILURES_PER_ADDRESS``, default ``20/h``; ``LOGIN_FAILURES_PER_USERNAME``, default ``5/15m``), a login POST is
not even checked: the login page comes back with status 429 and says when to try again, so the right password found
after many wrong ones does not get in either.
"""

import math
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from cms.client_address import ratelimit_key

GROUP_ADDRESS = "cms.login-failures.address"
GROUP_USERNAME = "cms.login-failures.username"
GROUP_RESET = "cms.password-reset"


def _username_key(username) -> str:
    return str(username or "").strip().lower()[:150]


def _limits(username) -> list[tuple[str, object, str]]:
    limits = [(GROUP_ADDRESS, ratelimit_key, getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", "20/h"))]
    if key := _username_key(username):
        limits.append(
            (GROUP_USERNAME, lambda _group, _request: key, getattr(settings, "LOGIN_FAILURES_PER_USERNAME", "5/15m"))
        )
    return limits


def _usages(request, username, *, increment: bool) -> list[dict]:
    found = []
    for group, key, rate in _limits(username):
        usage = get_usage(request, group=group, key=key, rate=rate, method=get_usage.ALL, increment=increment)
        if usage is not None:
            found.append(usage)
    return found


def seconds_blocked(request, username) -> int:
    """How long logins with this username from this client are refused; 0 when they are not."""
    return max(
        (
            usage["time_left"]
            for usage in _usages(request, username, increment=False)
            if usage["count"] >= usage["limit"]
        ),
        default=0,
    )


@receiver(user_login_failed, dispatch_uid="cms.login_limits.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        _usages(request, credentials.get("username"), increment=True)


def _refuse(view, request, args, kwargs, *, wait: int, message: str):
    """The page of ``view`` itself (as for a GET, so either admin's own template), with ``message`` and status 429."""
    messages.error(request, message % {"minutes": max(1, math.ceil(wait / 60))})
    request.method = "GET"
    response = view(request, *args, **kwargs)
    response.status_code = 429
    response["Retry-After"] = str(max(1, wait))
    return response


def login_rate_limited(login_view):
    """Wrap a login view: a POST while the client or the username is over its limit is refused unchecked."""

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if request.method == "POST" and (wait := seconds_blocked(request, request.POST.get("username"))):
            message = _("登录失败次数过多,为保护账号安全已暂停登录,请 %(minutes)s 分钟后再试。")
            return _refuse(login_view, request, args, kwargs, wait=wait, message=message)
        return login_view(request, *args, **kwargs)

    return view


def password_reset_rate_limited(reset_view):
    """Wrap the password-reset form: every request for a reset mail counts against the client
    (``PASSWORD_RESETS_PER_ADDRESS``, default ``5/h``) and the address asked for (``PASSWORD_RESETS_PER_EMAIL``,
    default ``3/h``), so the form cannot flood an editor's mailbox. Over a limit no mail is sent and the answer is the
    usual "if the address is known, a mail is on its way" page: the form reveals no more than it did."""

    @wraps(reset_view)
    def view(request, *args, **kwargs):
        if request.method == "POST":
            email = _username_key(request.POST.get("email"))
            limits = [(ratelimit_key, getattr(settings, "PASSWORD_RESETS_PER_ADDRESS", "5/h"))]
            if email:
                limits.append((lambda _group, _request: email, getattr(settings, "PASSWORD_RESETS_PER_EMAIL", "3/h")))
            usages = [
                get_usage(request, group=GROUP_RESET, key=key, rate=rate, method=get_usage.ALL, increment=True)
                for key, rate in limits
            ]
            if any(usage is not None and usage["should_limit"] for usage in usages):
                return redirect("wagtailadmin_password_reset_done")
        return reset_view(request, *args, **kwargs)

    return view
