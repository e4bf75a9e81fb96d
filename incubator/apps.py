from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("组织孵化")

    def ready(self):
        # The coordinators' weekly digest joins beat's schedule only where the plugin is installed.
        from celery.schedules import crontab

        from cms.celery import app

        app.conf.beat_schedule = {
            **app.conf.beat_schedule,
            "incubator-stale-digest": {
                "task": "incubator.tasks.send_stale_digest",
                "schedule": crontab(minute=30, hour=8, day_of_week=1),  # Mondays 08:30 Asia/Shanghai
            },
        }
