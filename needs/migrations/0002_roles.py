"""The two roles of the needs plugin as Django groups: the station's dispatchers and the teams' leaders.

A leader's group gives the right to answer needs at all; which needs is scoped by ``TeamLeader`` rows (their own
team's only), checked by the workflow and the admin views.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    # Permissions are normally created after all migrations ran; the groups need the plugin's now.
    app_config = apps.get_app_config("needs")
    previous = getattr(app_config, "models_module", None)  # none in a migration's state; the module when called from the tests
    app_config.models_module = previous or True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ((DISPATCHERS, DISPATCHER_PERMISSIONS), (LEADERS, LEADER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[DISPATCHERS, LEADERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_needs"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
