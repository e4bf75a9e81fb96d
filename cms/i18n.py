"""The language a reader uses on the site, kept with what they send us so that later mail speaks it too."""

from django.conf import settings
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language


def supported_language(code: str | None) -> str:
    """``code`` as one of ``settings.LANGUAGES`` (``en-gb`` → ``en``), or the site's default when none fits."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def reader_language() -> str:
    """The language of the current request (what ``LocaleMiddleware`` chose), as a code of ``settings.LANGUAGES``."""
    return supported_language(translation.get_language())


# The language switch sits in every page's header. With a CSRF token in it no page could be shared by the page cache
# (the token is per visitor), so it takes none: a forged switch can only change which language the visitor reads,
# and Django's view still only follows a ``next`` URL on this site.
set_language = csrf_exempt(django_set_language)
