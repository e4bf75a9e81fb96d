"""Staff side of the events plugin in the Wagtail admin: one module per area, all registered from
``events/wagtail_hooks.py`` (and nowhere else)."""
