"""Simplified Chinese: the shapes the station has always printed (n月j日, not Django's zero-padded m月j日)."""

DATE_FORMAT = "Y年n月j日"  # 2026年11月29日
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年11月29日 14:30
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年11月
MONTH_DAY_FORMAT = "n月j日"  # 11月29日

# The site's own names.
MONTH_DAY_TIME_FORMAT = "n月j日 H:i"  # 11月29日 14:30
WEEKDAY_FORMAT = "l"  # 星期日
SHORT_WEEKDAY_FORMAT = "D"  # 星期日
WEEKDAY_MONTH_DAY_FORMAT = "n月j日 l"  # 11月29日 星期日
WEEKDAY_DATE_FORMAT = "Y年n月j日 l"  # 2026年11月29日 星期日
WEEKDAY_DATETIME_FORMAT = "Y年n月j日 l H:i"  # 2026年11月29日 星期日 14:30
SHORT_WEEKDAY_DATETIME_FORMAT = "n月j日 D H:i"  # 11月29日 星期日 14:30
COMPACT_MONTH_DAY_FORMAT = "n/j"  # 11/29 (day tabs on a phone)
NUMERIC_DATE_FORMAT = "Y-m-d"  # 2026-11-29 (staff tables and timelines)
NUMERIC_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-29 14:30
