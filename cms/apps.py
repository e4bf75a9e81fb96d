from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("展示厅")

    def ready(self):
        # Failed logins are counted wherever they happen, before the URLconf is first loaded too.
        from cms import login_limits  # noqa: F401
        from cms.page_cache import connect_signals

        # Any change to public content starts the page cache afresh (plugins add theirs through cms.plugins).
        connect_signals()
