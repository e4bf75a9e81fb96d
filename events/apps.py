from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("活动与预约")

    def ready(self):
        from celery.schedules import crontab

        from cms.plugins import register_periodic_tasks
        from events.freshness import watch_public_models
        from events.ical.cache import connect_signals

        # The plugin's periodic tasks exist only while the plugin is installed.
        register_periodic_tasks(
            {
                "events-booking-reminders": {
                    "task": "events.tasks.send_booking_reminders",
                    "schedule": crontab(hour=18, minute=0),
                },
                "events-expire-booking-requests": {
                    "task": "events.tasks.expire_booking_requests",
                    "schedule": crontab(minute=5),
                },
                "events-extend-duty-rota": {
                    "task": "events.tasks.extend_duty_rota",
                    "schedule": crontab(hour=1, minute=30),
                },
            }
        )
        # Cached calendar feeds are rebuilt after any change to what they show.
        connect_signals()
        # Cached public pages start afresh after any change to what they show (and roll over as activities start).
        watch_public_models()
