"""What staff and applicants do to an application besides changing its state (that is ``workflow.py``).

Each function checks who may do it, writes one timeline entry and queues its mail after the commit. This is also the
incubator's public API for other plugins.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cms.i18n import reader_language
from cms.outbox import send_after_commit
from incubator import tasks
from incubator.models import Application, ApplicationEvent, Grant, MentoringSession
from incubator.workflow import OPEN_STATES, actor_fields, is_assigned_mentor, is_coordinator, is_mentor


class DuplicateApplication(Exception):
    """An open application of the same organisation and phone exists already."""

    def __init__(self, existing):
        super().__init__(existing.organisation_name)
        self.existing = existing


def find_open_duplicate(organisation_name: str, contact_phone: str):
    return Application.objects.filter(
        organisation_name=organisation_name, contact_phone=contact_phone, state__in=OPEN_STATES
    ).first()


def submit_application(application: Application) -> Application:
    """Save a new application from the public form and send the applicant their private status link.

    The application keeps the language the applicant used, so every mail to them is written in it.
    """
    application.language = reader_language()
    if duplicate := find_open_duplicate(application.organisation_name, application.contact_phone):
        raise DuplicateApplication(duplicate)
    try:
        with transaction.atomic():
            application.save()
            event = application.events.create(
                kind=ApplicationEvent.Kind.SUBMITTED,
                to_state=application.state,
                actor_name=application.founder_name,
                visibility=ApplicationEvent.Visibility.APPLICANT,
            )
            send_after_commit(tasks.send_submission_confirmation, event.pk)
    except IntegrityError:
        # A simultaneous submission of the same organisation won the race; the partial unique index refused this one.
        duplicate = find_open_duplicate(application.organisation_name, application.contact_phone)
        if duplicate is None:
            raise
        raise DuplicateApplication(duplicate) from None
    return application


def applications_for(user):
    """The applications a staff member may see, with their applicants' contacts and documents.

    Coordinators see every application; anyone else (a mentor) only those assigned to them. Every staff door (the
    listing and its export, an application's page, edit form, history, charter and actions, the dashboard panel)
    starts from this queryset.
    """
    if is_coordinator(user):
        return Application.objects.all()
    if user is None or not user.is_active or user.pk is None or not user.has_perm("incubator.view_application"):
        return Application.objects.none()
    return Application.objects.filter(mentor=user)


def can_manage(user) -> bool:
    return is_coordinator(user)


def can_log_session(application, user) -> bool:
    return is_coordinator(user) or is_assigned_mentor(application, user)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有权限执行这个操作。"))


@transaction.atomic
def assign_mentor(application: Application, mentor, by, comment: str = "") -> ApplicationEvent:
    """Coordinators assign (or change) the mentor; the mentor is told by email."""
    _require(can_manage(by))
    if mentor is not None and not is_mentor(mentor) and not is_coordinator(mentor):
        raise PermissionDenied(_("只能指派“孵化导师”组的成员。"))
    application.mentor = mentor
    application.save(update_fields=["mentor", "updated_at"])
    name = (mentor.get_full_name() or mentor.get_username()) if mentor else _("无")
    event = application.events.create(
        kind=ApplicationEvent.Kind.ASSIGNMENT,
        comment=comment or _("辅导导师:%(name)s") % {"name": name},
        **actor_fields(by),
    )
    if mentor is not None:
        send_after_commit(tasks.notify_mentor_assigned, event.pk)
    return event


@transaction.atomic
def update_activities_held(application: Application, count: int, by) -> None:
    """Coordinators keep count of the activities the organisation held (one of the maturity criteria)."""
    _require(can_manage(by))
    before = application.activities_held
    application.activities_held = count
    application.save(update_fields=["activities_held", "updated_at"])
    application.events.create(
        kind=ApplicationEvent.Kind.COMMENT,
        comment=_("已开展活动次数:%(before)s → %(after)s") % {"before": before, "after": count},
        **actor_fields(by),
    )


@transaction.atomic
def add_comment(application: Application, by, text: str, visibility: str, notify: bool = False) -> ApplicationEvent:
    """A note on the timeline; shared with the applicant (and optionally emailed) or kept among staff."""
    _require(can_manage(by) or can_log_session(application, by))
    event = application.events.create(
        kind=ApplicationEvent.Kind.COMMENT, comment=text, visibility=visibility, **actor_fields(by)
    )
    if notify and visibility == ApplicationEvent.Visibility.APPLICANT:
        send_after_commit(tasks.notify_comment, event.pk)
    return event


@transaction.atomic
def log_session(session: MentoringSession, by) -> MentoringSession:
    """Record a mentoring session (coordinators, or the organisation's own mentor)."""
    _require(can_log_session(session.application, by))
    session.mentor = session.mentor or session.application.mentor or by
    session.save()
    session.application.events.create(
        kind=ApplicationEvent.Kind.SESSION,
        comment=_("辅导:%(topic)s(%(when)s)")
        % {
            "topic": session.topic,
            "when": date_format(timezone.localtime(session.starts_at), "NUMERIC_DATETIME_FORMAT"),
        },
        visibility=ApplicationEvent.Visibility.APPLICANT,
        **actor_fields(by),
    )
    return session


@transaction.atomic
def record_grant(grant: Grant, by) -> Grant:
    """Record funding support or update it (for example when the report arrives); coordinators only."""
    _require(can_manage(by))
    created = grant.pk is None
    grant.save()
    if created:
        text = _("登记扶持资金 ¥%(amount)s(%(source)s)") % {"amount": grant.amount, "source": grant.source}
    else:
        text = _("更新扶持资金 ¥%(amount)s:报告%(report)s") % {
            "amount": grant.amount,
            "report": _("已收到") if grant.report_received_on else _("未收到"),
        }
    grant.application.events.create(kind=ApplicationEvent.Kind.GRANT, comment=text, **actor_fields(by))
    return grant


class RoomNotReserved(Exception):
    """The function room could not be booked for a session; the message says why and suggests other times."""


def room_booking_available() -> bool:
    return apps.is_installed("events")


def reserve_function_room(session: MentoringSession, by):
    """Book the station's function room for a session through the events plugin's public service.

    Returns the booking, or None when the events plugin is not installed. Raises :class:`RoomNotReserved` with a
    message for staff when the room is taken (with the plugin's suggested times) or the booking is invalid.
    """
    if not room_booking_available():
        return None
    from events import services as events_services

    rooms = events_services.rooms_for_choice()
    if not rooms:
        raise RoomNotReserved(_("没有可预约的功能室。"))
    application = session.application
    try:
        booking = events_services.reserve_room(
            room_slug=rooms[0][0],
            start=session.starts_at,
            end=session.ends_at,
            purpose="incubation",
            title=_("孵化辅导:%(org)s") % {"org": application.organisation_name},
            contact_name=application.founder_name,
            contact_phone=application.contact_phone,
            contact_email=application.contact_email,
            language=application.language,
            attendees=min(application.member_count, 20),
            created_by=by,
            booked_for=session,
            confirm=True,
        )
    except events_services.RoomUnavailable as unavailable:
        raise RoomNotReserved(unavailable.message) from unavailable
    except ValidationError as invalid:
        raise RoomNotReserved(" ".join(invalid.messages)) from invalid
    session.room_booking_id = booking.pk
    session.save(update_fields=["room_booking_id"])
    return booking
