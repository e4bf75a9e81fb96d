"""The language a reader uses on the site, kept with what they send us so that later mail speaks it too."""

from django.conf import settings
from django.utils import translation


def supported_language(code: str | None) -> str:
    """``code`` as one of ``settings.LANGUAGES`` (``en-gb`` → ``en``), or the site's default when none fits."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def reader_language() -> str:
    """The language of the current request (what ``LocaleMiddleware`` chose), as a code of ``settings.LANGUAGES``."""
    return supported_language(translation.get_language())
