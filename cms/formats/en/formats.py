"""English: day before month, 24-hour clock (the station's times are Beijing times, read next to Chinese ones)."""

DATE_FORMAT = "j F Y"  # 29 November 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y H:i"  # 29 November 2026 14:30
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "j F"  # 29 November

# The site's own names.
MONTH_DAY_TIME_FORMAT = "j F H:i"  # 29 November 14:30
WEEKDAY_FORMAT = "l"  # Sunday
SHORT_WEEKDAY_FORMAT = "D"  # Sun
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # Sunday 29 November
WEEKDAY_DATE_FORMAT = "l j F Y"  # Sunday 29 November 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y H:i"  # Sunday 29 November 2026 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M H:i"  # Sun 29 Nov 14:30
COMPACT_MONTH_DAY_FORMAT = "j M"  # 29 Nov (day tabs on a phone)
NUMERIC_DATE_FORMAT = "Y-m-d"  # 2026-11-29 (staff tables and timelines)
NUMERIC_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-29 14:30
