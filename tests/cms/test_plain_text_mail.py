"""Plain-text mail is not HTML: no template of any app's mail escapes what it prints (``&lt;`` ``&quot;`` ``&amp;``)."""

from pathlib import Path

from django.apps import apps

MAIL_TEMPLATE_DIRS = ("email", "booking_email")


def mail_text_templates() -> list[Path]:
    found = []
    for config in apps.get_app_configs():
        templates = Path(config.path) / "templates"
        found += [path for path in templates.rglob("*.txt") if set(path.parent.parts) & set(MAIL_TEMPLATE_DIRS)]
    return sorted(found)


def test_every_plain_text_mail_template_turns_autoescape_off():
    templates = mail_text_templates()
    assert len(templates) >= 20  # the incubator's, the room bookings' and the needs' mail
    for path in templates:
        text = path.read_text(encoding="utf-8")
        after_loads = text.split("%}", 1)[1] if text.startswith("{% load") else text
        assert after_loads.startswith("{% autoescape off %}"), path
        assert text.rstrip().endswith("{% endautoescape %}"), path
