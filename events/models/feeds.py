"""Private calendar feeds: a staff member's secret link to the full booking calendar."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import staff_calendar_sources
from events.tokens import find_by_token, new_token

# Who may read every booking with its contacts: the same people the booking admin lets in.
BOOKING_READERS = ("events.view_booking", "events.change_booking")


def may_read_bookings(user) -> bool:
    """Whether ``user`` may read every booking with its contacts (and so hold a private feed)."""
    return user.is_active and any(user.has_perm(permission) for permission in BOOKING_READERS)


def new_feed_token() -> str:
    return new_token()


class FeedToken(models.Model):
    """A secret feed address for one staff member; revoking it (or renewing it) makes the old link a 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="feed_tokens"
    )
    label = models.CharField(_("用途"), max_length=100, blank=True, help_text=_("例如:办公室电脑上的日历"))
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("私人日历订阅")
        verbose_name_plural = _("私人日历订阅")

    def __str__(self):
        return f"{self.user} · {self.label or self.token[:6]}"

    @property
    @admin.display(description=_("有效"), boolean=True)
    def is_active(self) -> bool:
        return self.revoked_at is None

    def grants_access(self) -> bool:
        """Whether the link still opens the private feed: not revoked, and its user active and still allowed to see
        bookings (a deactivated account or a lost permission kills every link at once, no one has to revoke it)."""
        if self.revoked_at is not None or not self.user.is_active:
            return False
        return may_read_bookings(self.user) or any(source.serves(self.user) for source in staff_calendar_sources())

    def renew(self) -> None:
        """A new secret address; the old one answers 404 at once."""
        self.token, self.revoked_at = new_feed_token(), None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()

    @classmethod
    def for_feed(cls, token: str) -> FeedToken | None:
        """The token behind a private feed address if it grants access now, else None (the feed answers 404)."""
        feed_token = find_by_token(cls.objects.select_related("user"), "token", token)
        return feed_token if feed_token is not None and feed_token.grants_access() else None

    def get_absolute_url(self):
        return reverse("events:feed_private", args=[self.token])

    @admin.display(description=_("订阅地址"))
    def feed_path(self) -> str:
        return self.get_absolute_url()
