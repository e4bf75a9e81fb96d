"""The two roles of the incubator as Django groups: coordinators (everything) and mentors (sessions, start mentoring)."""

from django.db import migrations

from cms.workflow import create_role_groups, remove_role_groups

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
    create_role_groups(apps, "incubator", {COORDINATORS: COORDINATOR_PERMISSIONS, MENTORS: MENTOR_PERMISSIONS})


def remove_roles(apps, schema_editor):
    remove_role_groups(apps, [COORDINATORS, MENTORS])


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0001_applications"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
