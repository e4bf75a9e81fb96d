"""The core of the volunteer-service station site: Django project package and the showroom."""

from .celery import app as celery_app

__all__ = ["celery_app"]
