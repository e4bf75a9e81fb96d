"""How the site's forms render: Django's own field rendering, pointed at the theme's one form-field component."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every ``{{ form }}`` and ``{{ field.as_field_group }}`` of the public site uses the theme's field component.

    ``TemplatesSetting`` (rather than Django's default renderer) is what lets the project's ``templates/`` folder,
    the theme, provide that component; widgets keep Django's (and Wagtail's) own templates, found through the apps.
    The Wagtail admin renders its fields with its own templates, so it is not affected.
    """

    field_template_name = "components/forms/field.html"
