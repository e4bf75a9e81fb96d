"""The two roles of the incubator as Django groups: coordinators (everything) and mentors (sessions, start mentoring)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "孵化协调员"
MENTORS = "孵化导师"

MODELS = ("application", "mentoringsession", "grant")
COORDINATOR_PERMISSIONS = [
    ("incubator", "coordinate_incubation"),
    *[("incubator", f"{verb}_{model}") for model in MODELS for verb in ("add", "change", "delete", "view")],
    # The timeline is an audit log: it is read and added to, never edited.
    ("incubator", "view_applicationevent"),
    ("incubator", "add_applicationevent"),
    ("incubator", "change_incubatorsettings"),
    ("wagtailadmin", "access_admin"),
]
MENTOR_PERMISSIONS = [
    ("incubator", "mentor_incubation"),
    ("incubator", "view_application"),
    ("incubator", "view_mentoringsession"),
    ("incubator", "add_mentoringsession"),
    ("incubator", "change_mentoringsession"),
    ("wagtailadmin", "access_admin"),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need the incubator's now
    # (wagtailadmin.access_admin is created by wagtailadmin's own first migration).
    app_config = apps.get_app_config("incubator")
    previous = getattr(app_config, "models_module", None)  # none in a migration's state; the module when called from the tests
    app_config.models_module = previous or True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ((COORDINATORS, COORDINATOR_PERMISSIONS), (MENTORS, MENTOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[COORDINATORS, MENTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0001_applications"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
