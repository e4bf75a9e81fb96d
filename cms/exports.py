"""Spreadsheet exports of the admin's listings that open safely and correctly in Excel, whatever the data holds.

Every listing with an export (the core's snippets, the plugins' model viewsets) uses an index view from here:

- CSV starts with a UTF-8 byte-order mark: without it Excel on Chinese Windows reads the file as GBK and shows mojibake.
- A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote, so
  a value typed by the public (a booking's title, an applicant's name) is never run as a formula (CSV injection).
  Wagtail does this for XLSX cells only.
- The export streams from the filtered, searched, ordered queryset straight away: Wagtail's listing would first build
  the page's context, whose row count loads every object before the first byte is sent.

A view with a large export overrides ``export_rows`` to read plain values (``values()``) instead of model instances.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.utils import formats, timezone
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.snippets.views import snippets

BYTE_ORDER_MARK = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK = 2000  # rows read from the database at a time
LINES_PER_CHUNK = 200  # CSV lines sent at a time


def neutralise_formula(value):
    """A text value that a spreadsheet would read as a formula, made plain text by a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# Django's date format letters that strftime writes the same way (numbers only: no names to translate).
_STRFTIME = {"Y": "%Y", "m": "%m", "d": "%d", "H": "%H", "i": "%M", "s": "%S"}


def local_time_formatter(format_name: str = "NUMERIC_DATETIME_FORMAT"):
    """A function writing an aware datetime in the station's time zone with the named format of the active language
    ("" for none). The format is looked up once: ``date_format`` per cell was most of a large export's time."""
    django_format = formats.get_format(format_name)
    zone = timezone.get_default_timezone()
    if all(char in _STRFTIME or not char.isalpha() for char in django_format) and "%" not in django_format:
        pattern = "".join(_STRFTIME.get(char, char) for char in django_format)
        return lambda value: value.astimezone(zone).strftime(pattern) if value else ""
    return lambda value: formats.date_format(timezone.localtime(value, zone), format_name) if value else ""


class _Echo:
    """A file-like object whose ``write`` hands the line back, so ``csv`` can produce a stream."""

    def write(self, value: str) -> str:
        return value


class SafeExportMixin:
    """For a Wagtail index view with ``list_export``: a safe CSV (byte-order mark, no formulas), streamed at once."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def export_rows(self, queryset) -> Iterable[dict]:
        """The rows of the export, one dict (field → value) per object, in ``list_export``'s order."""
        return map(self.to_row_dict, queryset.iterator(chunk_size=EXPORT_CHUNK))

    @cached_property
    def _preprocessors(self) -> dict:
        return {}

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail looks the function up for every cell; it depends on the field and the value's type only.
        key = (field, type(value), export_format)
        try:
            function = self._preprocessors[key]
        except KeyError:
            function = self._preprocessors[key] = self.get_preprocess_function(field, value, export_format)
        return value if function is None else function(value)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset) -> Iterator[str]:
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export)
        headings = {field: neutralise_formula(self.get_heading(queryset, field)) for field in self.list_export}
        yield BYTE_ORDER_MARK + writer.writerow(headings)
        lines = []
        for row in self.export_rows(queryset):
            lines.append(self.write_csv_row(writer, row))
            if len(lines) == LINES_PER_CHUNK:  # a chunk per line would cost the response more than the line
                yield "".join(lines)
                lines.clear()
        if lines:
            yield "".join(lines)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"  # said as well as the byte-order mark
        return response

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for row in self.export_rows(queryset):
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)


class IndexView(SafeExportMixin, generic.IndexView):
    """The index view of a ``ModelViewSet`` with an export."""


class SnippetIndexView(SafeExportMixin, snippets.IndexView):
    """The index view of a ``SnippetViewSet`` with an export."""
