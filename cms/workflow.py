"""What the plugins' state machines share: the refusal, the locked transition, the audit's actor, the private link
page and the roles' groups. Each plugin keeps its own states, transitions, permissions and wording in its
``workflow.py``; this module holds only the mechanics, so that a change to them is made once.

Nothing here imports a plugin (the core never does); the plugins call in.
"""

from collections.abc import Callable
from copy import copy
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_fsm import ConcurrentTransition

from cms.outbox import send_after_commit


class TransitionError(Exception):
    """A transition was refused; ``code`` says why, ``message`` says it to a person, ``reasons`` lists unmet conditions."""

    UNKNOWN_ACTION = "unknown_action"
    NOT_FROM_STATE = "not_from_state"
    PERMISSION_DENIED = "permission_denied"
    CONDITIONS_NOT_MET = "conditions_not_met"
    MISSING_DETAILS = "missing_details"
    COMMENT_REQUIRED = "comment_required"
    CONFLICT = "conflict"

    def __init__(self, code, message, reasons=()):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.reasons = [str(reason) for reason in reasons]

    def __str__(self):
        return " ".join([str(self.message), *self.reasons])


class Actions:
    """The named actions of one workflow class (django-fsm ``@transition`` methods), looked up the same way."""

    def __init__(self, workflow_class, names):
        self.workflow_class = workflow_class
        self.names = tuple(names)

    def transitions_of(self, action):
        """The django-fsm transitions (one per source state) of ``action``, or an error if there is no such action."""
        if action not in self.names:
            raise TransitionError(TransitionError.UNKNOWN_ACTION, _("没有这个操作。"))
        return getattr(self.workflow_class, action)._django_fsm

    def label(self, action) -> str:
        return next(iter(self.transitions_of(action).transitions.values())).custom["label"]

    def available(self, instance, user) -> list[str]:
        """The actions this user may take on ``instance`` now (permission checked; conditions shown on refusal)."""
        return [
            action
            for action in self.names
            if (found := self.transitions_of(action).get_transition(instance.state)) and found.has_perm(instance, user)
        ]


def actor_fields(user, outsider_class) -> dict:
    """How an audit entry names who acted: a staff account, the outsider acting by a private link (an instance of
    ``outsider_class``), or the system. The stored name is in the site's language, whichever language acted."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(user, outsider_class):
            return {"actor": None, "actor_name": str(user)}
        if user is None or not user.is_authenticated:
            return {"actor": None, "actor_name": str(_("系统"))}
    return {"actor": user, "actor_name": user.get_full_name() or user.get_username()}


def locked_transition(
    instance,
    action: str,
    *,
    check: Callable,
    audit: Callable,
    notify=None,
    conflict_message,
    integrity_message=None,
    **details,
):
    """Take ``action`` on ``instance`` under a row lock, exactly once, and return the audit entry.

    ``check(locked)`` raises :class:`TransitionError` to refuse; the transition method is then called with
    ``details``, ``state_changed_at`` set and the row saved; ``audit(locked, before)`` writes the one audit entry
    (``before`` is the row as locked, before the change); ``notify`` (a task declared with
    ``base=cms.outbox.OutboxTask``) is sent the entry's id through the outbox: kept with the change, run after the commit.
    A concurrent change (django-fsm's ``ConcurrentTransition``) and, when ``integrity_message`` is given, a
    constraint the new state breaks are refused as :class:`TransitionError` ``CONFLICT``. The caller's ``instance``
    is refreshed on success.
    """
    conflicts = (ConcurrentTransition, IntegrityError) if integrity_message else (ConcurrentTransition,)
    try:
        with transaction.atomic():
            locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            check(locked)
            before = copy(locked)
            getattr(locked, action)(**details)
            locked.state_changed_at = timezone.now()
            locked.save()
            event = audit(locked, before)
            if notify is not None:
                send_after_commit(notify, event.pk)
    except conflicts as error:
        message = conflict_message if isinstance(error, ConcurrentTransition) else integrity_message
        raise TransitionError(TransitionError.CONFLICT, message) from error
    instance.refresh_from_db()
    return event


def private_link_page(view):
    """Pages reached by a secret link (a status page): never cached, indexed, or leaked through the Referer header.

    ``same-origin`` rather than ``no-referrer``: the link never leaves the site, and the page's own forms still carry
    the Origin header that Django's CSRF check needs (under ``no-referrer`` browsers send "null").
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def create_role_groups(apps, app_label: str, roles: dict[str, list[tuple[str, str]]]) -> None:
    """For a data migration: the groups named in ``roles``, each with its ``(app_label, codename)`` permissions.

    Permissions are normally created after all migrations ran; the groups need the plugin's now
    (wagtailadmin.access_admin is created by wagtailadmin's own first migration).
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    previous = getattr(app_config, "models_module", None)  # none in a migration's state; the module from the tests
    app_config.models_module = previous or True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        for permission_app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=permission_app_label, codename=codename)
            )


def remove_role_groups(apps, names) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=list(names)).delete()
