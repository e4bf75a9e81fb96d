"""The site's date and time formats, one module per language (``FORMAT_MODULE_PATH``).

Templates and Python name a shape (``{{ value|date:"MONTH_DAY_FORMAT" }}``, ``date_format(value, "MONTH_DAY_FORMAT")``)
and each language writes it once here. Names a module leaves out fall back to Django's own module for that language
(input formats, first day of the week...). Every language must define every custom name below, or Django would print
the name itself as a format.
"""
