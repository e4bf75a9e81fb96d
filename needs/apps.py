from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("点单服务")

    def ready(self):
        from celery.schedules import crontab

        from cms.models import Team, Township
        from cms.plugins import bump_content_version_on_change, register_periodic_tasks, register_public_models
        from needs.models import Need, NeedsSettings
        from needs.panels import VERSION_SCOPE

        bump_content_version_on_change(VERSION_SCOPE, Need, Team, Township)

        # The recall and the reminder join beat's schedule only where the plugin is installed.
        register_periodic_tasks(
            {
                "needs-recall-unaccepted": {"task": "needs.tasks.recall_unaccepted", "schedule": 15 * 60},
                "needs-remind-overdue": {
                    "task": "needs.tasks.remind_overdue",
                    "schedule": crontab(minute=0, hour=9),  # every morning at 09:00, the station's time
                },
            }
        )
        # The latest needs and each team's record show on public pages (and /api/needs): cached pages start afresh.
        register_public_models(Need, NeedsSettings)
