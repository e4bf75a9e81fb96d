"""Limits on what applicants may upload."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_CHARTER_SIZE = 5 * 1024 * 1024


def validate_charter_size(upload) -> None:
    if upload.size > MAX_CHARTER_SIZE:
        raise ValidationError(
            _("章程文件不能超过 %(limit)s,当前文件 %(size)s。"),
            code="file_too_large",
            params={"limit": filesizeformat(MAX_CHARTER_SIZE), "size": filesizeformat(upload.size)},
        )
