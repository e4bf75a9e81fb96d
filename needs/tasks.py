"""Mail and beat tasks of the needs plugin. Each task takes ids, runs after the commit and is safe to run twice."""

from datetime import timedelta
from itertools import groupby

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.mail import MAIL_RETRY, send_mail
from cms.outbox import OutboxTask
from needs.models import NeedEvent, TeamLeader

# What the requester hears about (by mail, when they left an address); the rest shows on the status page only.
REQUESTER_ACTIONS = {"submitted", "accept", "complete", "reject", "cancel"}


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template: str, context: dict, recipients: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"needs/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"needs/email/{template}.txt", context)
    send_mail(subject, body, recipients)


def leader_addresses(team_id) -> list[str]:
    emails = TeamLeader.objects.filter(team_id=team_id, user__is_active=True).values_list("user__email", flat=True)
    return sorted({email for email in emails if email})


@shared_task(name="needs.tasks.notify_state_change", base=OutboxTask, **MAIL_RETRY)
def notify_state_change(event_id: int) -> bool:
    """Tell the requester what happened to their need, and a team's leaders that a need was dispatched to them."""
    with transaction.atomic():
        event = (
            NeedEvent.objects.select_for_update(of=("self",))
            .select_related("need", "need__township", "team")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None:
            return False
        need = event.need
        context = {"event": event, "need": need, "status_url": absolute(need.get_status_url())}
        if event.action in REQUESTER_ACTIONS and need.contact_email:
            _send("requester", context, [need.contact_email])
        if event.action == "dispatch" and (recipients := leader_addresses(event.team_id)):
            _send("dispatched", context, recipients)
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return True


@shared_task(name="needs.tasks.recall_unaccepted")
def recall_unaccepted() -> int:
    """Return to the station's queue every need dispatched longer ago than the setting allows and not accepted."""
    from needs.models import Need, NeedsSettings
    from needs.workflow import TransitionError, perform_transition

    hours = NeedsSettings.load().accept_within_hours
    recalled = 0
    for need in Need.objects.unaccepted_since(timezone.now() - timedelta(hours=hours)):
        try:
            with translation.override(settings.LANGUAGE_CODE):
                comment = gettext("派单后 %(hours)s 小时内无队伍接单,已退回总站重新派单。") % {"hours": hours}
            perform_transition(need, "recall", None, comment=comment)
        except TransitionError:
            continue  # accepted (or changed) in the meantime: nothing to recall
        recalled += 1
    return recalled


@shared_task(name="needs.tasks.remind_overdue")
def remind_overdue() -> int:
    """Remind each team's leaders of the accepted needs whose date has passed without being marked done."""
    from needs.models import Need

    overdue = list(Need.objects.overdue(timezone.localdate()).select_related("team", "township").order_by("team_id"))
    for team_id, needs in groupby(overdue, key=lambda need: need.team_id):
        if recipients := leader_addresses(team_id):
            _send("overdue", {"needs": list(needs)}, recipients)
    return len(overdue)
