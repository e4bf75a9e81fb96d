"""The station's own facts and figures (from the 2016 report on it), written once.

The blocks' previews show them to editors and the demo content tells them to visitors; both read them here, so that
a corrected figure is corrected everywhere. This module is part of the runtime (``cms.blocks`` imports it), the demo
is not.
"""

from datetime import date

OPENED_ON = date(2015, 12, 14)
FLOOR_AREA_M2 = 170
FEATURED_TEAMS = 7  # the teams that take turns on duty at the station

# The county's figures, as of the end of May 2016.
FIGURES_MONTH = "2016年5月"
REGISTERED_VOLUNTEERS = 55000
ORGANISATIONS = 927
PROJECTS = 1361


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def in_wan(number: int) -> str:
    """55000 → "5.5万", as the figure is written in Chinese text."""
    return f"{number / 10000:g}万"


OPENED_ON_TEXT = chinese_date(OPENED_ON)  # 2015年12月14日
VOLUNTEERS_TEXT = in_wan(REGISTERED_VOLUNTEERS)  # 5.5万
FIGURES_NOTE = f"截至{FIGURES_MONTH}底"

# (number, suffix, label) of the station's headline figures.
FIGURES = [
    (REGISTERED_VOLUNTEERS, "+", "实名注册志愿者"),
    (ORGANISATIONS, "个", "志愿服务组织"),
    (PROJECTS, "个", "志愿服务项目"),
]


def figures_block_value() -> dict:
    """The headline figures as a figures block (``cms.blocks.FiguresBlock``) stores them: numbers as written."""
    figures = [
        {"value": in_wan(number) if number >= 10000 else str(number), "suffix": suffix, "label": label}
        for number, suffix, label in FIGURES
    ]
    return {"heading": "博罗志愿服务", "figures": figures, "note": FIGURES_NOTE}
