"""Spreadsheet exports that open safely in Excel: for the admin listings built on Wagtail's export mixin.

Wagtail turns formulas back into text in XLSX only. A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return) is run as a formula by Excel, and the public forms let anyone put such a value into the listings
staff export: it is prefixed with an apostrophe (OWASP's advice). The CSV also starts with a byte-order mark, without
which Excel on a Chinese Windows reads UTF-8 as GBK and shows mojibake.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def neutralise_formula(value):
    """The value, made inert if a spreadsheet would read it as a formula; anything but text is left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class ExcelSafeCsvMixin:
    """Mix into a Wagtail ``IndexView`` (or any ``SpreadsheetExportMixin``) before it."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
