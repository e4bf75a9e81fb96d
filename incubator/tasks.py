"""Mail of the incubator, sent by Celery after the commit. Each task takes ids and is safe to run twice.

Mail to an applicant is written in the language they applied in (``Application.language``); mail to a mentor in the
admin language of their Wagtail profile; the coordinators' digest, one mail to all of them, in the site's language.
"""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from cms.i18n import supported_language
from cms.mail import MAIL_RETRY, send_mail
from cms.outbox import OutboxTask
from incubator.models import Application, ApplicationEvent, IncubatorSettings
from incubator.workflow import COORDINATE_PERMISSION


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def staff_language(user) -> str:
    """The admin language the staff member chose in their profile, else the site's (never the caller's)."""
    preferred = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return supported_language(preferred)


def _send(template: str, context: dict, recipients: list[str], language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"incubator/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"incubator/email/{template}.txt", context)
    send_mail(subject, body, recipients)


def applicant_language(event) -> str:
    return event.application.language


def _send_once(event_id: int, template: str, recipients_of, language_of=applicant_language) -> bool:
    """Send the mail about one event unless it was sent already (``notified_at`` marks it, under a row lock)."""
    with transaction.atomic():
        event = (
            ApplicationEvent.objects.select_for_update(of=("self",))
            .select_related("application", "application__mentor")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None:
            return False
        recipients = recipients_of(event)
        if recipients:
            application = event.application
            context = {"event": event, "application": application, "status_url": absolute(application.get_status_url())}
            _send(template, context, recipients, language_of(event))
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return True


@shared_task(name="incubator.tasks.send_submission_confirmation", base=OutboxTask, **MAIL_RETRY)
def send_submission_confirmation(event_id: int) -> bool:
    """The applicant's receipt, with the private status link."""
    return _send_once(event_id, "submitted", lambda event: [event.application.contact_email])


@shared_task(name="incubator.tasks.notify_state_change", base=OutboxTask, **MAIL_RETRY)
def notify_state_change(event_id: int) -> bool:
    """Tell the applicant the new stage, the reason or comment given, and the next step."""
    return _send_once(event_id, "state_changed", lambda event: [event.application.contact_email])


@shared_task(name="incubator.tasks.notify_comment", base=OutboxTask, **MAIL_RETRY)
def notify_comment(event_id: int) -> bool:
    """Send the applicant a note staff chose to share with them."""
    return _send_once(event_id, "comment", lambda event: [event.application.contact_email])


@shared_task(name="incubator.tasks.notify_mentor_assigned", base=OutboxTask, **MAIL_RETRY)
def notify_mentor_assigned(event_id: int) -> bool:
    """Tell a mentor which organisation they now accompany."""

    def mentor_address(event):
        mentor = event.application.mentor
        return [mentor.email] if mentor and mentor.email else []

    return _send_once(
        event_id, "mentor_assigned", mentor_address, lambda event: staff_language(event.application.mentor)
    )


@shared_task(name="incubator.tasks.send_status_links", base=OutboxTask, **MAIL_RETRY)
def send_status_links(email: str, language: str = "") -> int:
    """Send again the private links of every application made with this address (nothing if there is none).

    ``language`` is the one the person asked in; without it, the one of their latest application.
    """
    applications = list(Application.objects.filter(contact_email__iexact=email).order_by("-submitted_at"))
    if applications:
        links = [(application, absolute(application.get_status_url())) for application in applications]
        _send("status_links", {"links": links}, [email], language or applications[0].language)
    return len(applications)


def coordinator_addresses() -> list[str]:
    app_label, codename = COORDINATE_PERMISSION.split(".")
    granted = {"permissions__codename": codename, "permissions__content_type__app_label": app_label}
    users = get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(**{f"groups__{key}": value for key, value in granted.items()})
        | Q(**{f"user_{key}": value for key, value in granted.items()}),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@shared_task(name="incubator.tasks.send_stale_digest")
def send_stale_digest() -> int:
    """The coordinators' weekly list of open applications that have waited too long in one state."""
    days = IncubatorSettings.load().stale_days
    stale = list(Application.objects.stale(days).select_related("mentor", "township").order_by("state_changed_at"))
    recipients = coordinator_addresses()
    if stale and recipients:
        _send(
            "stale_digest",
            {"applications": stale, "days": days, "listing_url": absolute(reverse("incubator_applications:index"))},
            recipients,
            settings.LANGUAGE_CODE,
        )
    return len(stale)
