from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("组织孵化")

    def ready(self):
        from celery.schedules import crontab

        from cms.plugins import bump_content_version_on_change, register_periodic_tasks, register_public_models
        from incubator.admin_panels import VERSION_SCOPE
        from incubator.models import Application, IncubatorSettings

        bump_content_version_on_change(VERSION_SCOPE, Application, IncubatorSettings)

        # The coordinators' weekly digest joins beat's schedule only where the plugin is installed.
        register_periodic_tasks(
            {
                "incubator-stale-digest": {
                    "task": "incubator.tasks.send_stale_digest",
                    "schedule": crontab(minute=30, hour=8, day_of_week=1),  # Mondays 08:30, the station's time
                },
            }
        )
        # The home page's call for applications counts mature organisations: cached pages start afresh on a change.
        register_public_models(Application, IncubatorSettings)
