"""Demo content of the incubator: the coordinator and two mentors, and applications in every state.

Every application is moved through the real workflow (``perform_transition``) so its audit log is what staff would see;
no mail is sent. Idempotent: an organisation that exists already is left alone. The demo staff accounts have no usable
password: log in as the admin, or set one with ``manage.py changepassword <username>``.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Township
from incubator import services
from incubator.demo.content import (
    AGES_IN_DAYS,
    APPLICATIONS,
    ASSIGNMENT_COMMENT,
    COMMENTS,
    GRANT,
    SESSION_NOTES,
    SESSION_TOPICS,
    STAFF,
    UPCOMING_SESSION_TOPIC,
)
from incubator.models import Application, ApplicationEvent, Grant, MentoringSession
from incubator.workflow import perform_transition


def ensure_staff() -> dict:
    users = {}
    for username, name, group in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.com", "is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def _spread_over_time(application, days: int) -> None:
    """Demo timelines look lived-in: the entries spread over the last ``days`` days, in their order."""
    start = timezone.now() - timedelta(days=days)
    events = list(application.events.order_by("pk"))
    step = timedelta(days=days) / max(len(events), 1)
    changed = start
    for i, event in enumerate(events):
        ApplicationEvent.objects.filter(pk=event.pk).update(created_at=start + i * step)
        if event.kind == ApplicationEvent.Kind.TRANSITION:
            changed = start + i * step
    Application.objects.filter(pk=application.pk).update(submitted_at=start, state_changed_at=changed)


def build_application(index: int, row, users, age_days: int) -> Application:
    name, township, field, founder, members, intro, projects, support, path = row
    coordinator, mentor = users["incubator-coordinator"], users["mentor-chen"]
    if township == "changning":
        mentor = users["mentor-huang"]
    application = Application.objects.create(
        organisation_name=name,
        founder_name=founder,
        contact_phone=f"1382752{index:04d}",
        contact_email=f"apply-{township}@example.com",
        township=Township.objects.get(slug=township),
        field_of_service=field,
        member_count=members,
        introduction=intro,
        planned_projects=projects,
        support_needed=list(support),
    )
    application.events.create(
        kind=ApplicationEvent.Kind.SUBMITTED, to_state=application.state, actor_name=founder, visibility="applicant"
    )
    sessions = 0
    for step in path:
        if step == "assign":
            # Directly, rather than through services.assign_mentor, so that no mail goes out.
            application.mentor = mentor
            application.save(update_fields=["mentor"])
            application.events.create(
                kind=ApplicationEvent.Kind.ASSIGNMENT,
                actor=coordinator,
                actor_name=coordinator.get_full_name(),
                comment=ASSIGNMENT_COMMENT.format(mentor=mentor.get_full_name()),
            )
        elif step == "session":
            sessions += 1
            services.log_session(
                MentoringSession(
                    application=application,
                    mentor=mentor,
                    starts_at=timezone.now() - timedelta(days=age_days - sessions * 7),
                    topic=SESSION_TOPICS[(sessions - 1) % len(SESSION_TOPICS)],
                    **SESSION_NOTES,
                ),
                mentor,
            )
        elif step == "grant":
            services.record_grant(
                Grant(
                    application=application,
                    **GRANT,
                    disbursed_on=timezone.localdate() - timedelta(days=20),
                    report_due_on=timezone.localdate() + timedelta(days=40),
                ),
                coordinator,
            )
        elif step == "report":
            grant = application.grants.first()
            grant.report_received_on = timezone.localdate() - timedelta(days=2)
            services.record_grant(grant, coordinator)
            application.activities_held = 4
            application.save(update_fields=["activities_held"])
        else:
            user = mentor if step == "start_mentoring" else coordinator
            perform_transition(application, step, user, comment=COMMENTS.get(step, ""), notify=False)
    if path and path[-1] == "session":
        # an upcoming session, so the status page shows one
        MentoringSession.objects.create(
            application=application,
            mentor=mentor,
            starts_at=timezone.now() + timedelta(days=5, hours=2),
            topic=UPCOMING_SESSION_TOPIC,
        )
    _spread_over_time(application, age_days)
    return application


def load_demo_content(home_page, stdout) -> None:
    """The incubator's demo: staff accounts (no usable password) and one application per row of the content."""
    users = ensure_staff()
    created = 0
    for index, (age, row) in enumerate(zip(AGES_IN_DAYS, APPLICATIONS, strict=True)):
        if Application.objects.filter(organisation_name=row[0]).exists():
            continue
        build_application(index, row, users, age)
        created += 1
    if created:
        stdout.write(
            f"Incubator: {created} demo applications; demo staff accounts have no password (set one with changepassword)."
        )
