"""One source for the station's figures: the blocks' previews and the demo content read them from cms.station_facts."""

import re
from pathlib import Path

from cms import station_facts
from cms.blocks import FiguresBlock, TimelineBlock

ROOT = Path(__file__).resolve().parents[2]

# The facts as they would be written out: a module that spells one has its own copy of it.
SPELLED_OUT = re.compile(r"55000|55,000|5\.5万|927|1361|1,361|170平方米|2015年12月14日|2015, 12, 14|2016年5月")
# Help texts show editors the format of a value ("例如:5.5万、927、1361"), not the station's figures.
HELP_TEXT = re.compile(r'help_text=_\("[^"]*"\)')


def test_previews_and_demo_content_do_not_spell_out_the_figures():
    modules = [ROOT / "cms" / "blocks.py", *sorted(ROOT.glob("*/demo/*.py"))]
    assert len(modules) > 10
    copies = {
        str(module.relative_to(ROOT)): found
        for module in modules
        if (found := SPELLED_OUT.findall(HELP_TEXT.sub("", module.read_text(encoding="utf-8"))))
    }
    assert copies == {}


def test_block_previews_show_the_station_facts():
    figures = FiguresBlock().get_preview_value()
    assert [figure["value"] for figure in figures["figures"]] == ["5.5万", "927", "1361"]
    assert figures["note"] == "截至2016年5月底"
    timeline = TimelineBlock().render(TimelineBlock().get_preview_value())
    assert station_facts.OPENED_ON_TEXT == "2015年12月14日"
    assert "2015年12月14日" in timeline and "总面积170平方米" in timeline and "5.5万人" in timeline
