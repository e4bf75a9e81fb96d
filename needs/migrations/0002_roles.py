"""The two roles of the needs plugin as Django groups: the station's dispatchers and the teams' leaders.

A leader's group gives the right to answer needs at all; which needs is scoped by ``TeamLeader`` rows (their own
team's only), checked by the workflow and the admin views.
"""

from django.db import migrations

from cms.workflow import create_role_groups, remove_role_groups

DISPATCHERS = "点单派单员"
LEADERS = "队伍负责人"

DISPATCHER_PERMISSIONS = [
    ("needs", "dispatch_need"),
    ("needs", "view_need"),
    ("needs", "change_need"),
    ("needs", "view_needevent"),
    ("needs", "view_teamleader"),
    ("needs", "add_teamleader"),
    ("needs", "change_teamleader"),
    ("needs", "delete_teamleader"),
    ("needs", "change_needssettings"),
    ("wagtailadmin", "access_admin"),
]
LEADER_PERMISSIONS = [
    ("needs", "lead_team_needs"),
    ("wagtailadmin", "access_admin"),
]


def create_roles(apps, schema_editor):
    create_role_groups(apps, "needs", {DISPATCHERS: DISPATCHER_PERMISSIONS, LEADERS: LEADER_PERMISSIONS})


def remove_roles(apps, schema_editor):
    remove_role_groups(apps, [DISPATCHERS, LEADERS])


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_needs"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
