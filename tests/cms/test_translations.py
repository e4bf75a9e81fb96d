"""English for visitors who choose it: pages speak English, every catalogue is complete, compiled catalogues ship in sync.

The msgids are Simplified Chinese; ``locale/`` holds the core's English catalogue and each plugin carries its own
(``<plugin>/locale/``). Django merges them into one catalogue per language, so a msgid shared by two catalogues must
have one translation, or one of them would silently win.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from cms.demo.teams import ensure_team_index_page

PLUGINS = ("incubator", "events", "needs")
HAN = re.compile(r"[\u4e00-\u9fff]")
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sd]|\{\w*\}")


# A tiny reader for the .po files we write (no polib needed).


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (the header and obsolete ``#~`` entries are left out)."""
    entries, current, keyword, flags = [], None, None, set()

    def finish():
        if current is not None and current.msgid:
            entries.append(current)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif not line or line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if keyword == "msgctxt":
                current.msgctxt += text
            elif keyword == "msgid":
                current.msgid += text
            elif keyword == "msgid_plural":
                current.msgid_plural += text
            else:
                current.msgstr[keyword] += text
        else:
            word, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            if word in ("msgctxt", "msgid") and (current is None or keyword not in ("msgctxt", None)):
                finish()
                current, flags = Entry(msgid="", flags=flags, line=number), set()
            if word == "msgctxt":
                current.msgctxt = text
            elif word == "msgid":
                current.msgid = text
            elif word == "msgid_plural":
                current.msgid_plural = text
            elif word == "msgstr":
                word = 0
                current.msgstr[0] = text
            else:  # msgstr[n]
                word = int(word[len("msgstr[") : -1])
                current.msgstr[word] = text
            keyword = word
    finish()
    return entries


def catalogue_dir(owner: str) -> Path:
    if owner == "core":
        return Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
    return Path(apps.get_app_config(owner).path) / "locale" / "en" / "LC_MESSAGES"


OWNERS = [
    "core",
    *(
        pytest.param(p, marks=pytest.mark.skipif(not apps.is_installed(p), reason=f"{p} not installed"))
        for p in PLUGINS
    ),
]


def installed_owners() -> list[str]:
    return ["core", *(p for p in PLUGINS if apps.is_installed(p))]


# The catalogues


@pytest.mark.parametrize("owner", OWNERS)
class TestCatalogue:
    def test_every_entry_is_translated_and_none_is_fuzzy(self, owner):
        entries = read_po(catalogue_dir(owner) / "django.po")
        assert entries, "the catalogue is empty: run makemessages"
        offending = [f"line {e.line}: {e.msgid!r}" for e in entries if not e.translated]
        assert not offending, "untranslated or fuzzy:\n" + "\n".join(offending)

    def test_translations_keep_the_placeholders(self, owner):
        offending = []
        for entry in read_po(catalogue_dir(owner) / "django.po"):
            for n, text in entry.msgstr.items():
                source = entry.msgid_plural if n and entry.msgid_plural else entry.msgid
                if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                    offending.append(f"line {entry.line}: {entry.msgid!r} → {text!r}")
        assert not offending, "placeholders differ:\n" + "\n".join(offending)

    def test_translations_are_english(self, owner):
        offending = [
            f"line {e.line}: {e.msgid!r} → {text!r}"
            for e in read_po(catalogue_dir(owner) / "django.po")
            for text in e.msgstr.values()
            # Chinese is fine only where the msgid's own words are kept on purpose (a proper name, e.g. 文明博罗).
            if any(run not in e.msgid for run in HAN_RUN.findall(text))
        ]
        assert not offending, "Chinese left in the English catalogue:\n" + "\n".join(offending)

    def test_compiled_catalogue_matches_its_po(self, owner):
        """The .mo ships in the repository (no gettext tools needed to run the site) and must say what the .po says."""
        directory = catalogue_dir(owner)
        expected = {}
        for entry in read_po(directory / "django.po"):
            if not entry.translated:
                continue
            if entry.msgid_plural:
                expected.update({(entry.key, n): text for n, text in entry.msgstr.items()})
            else:
                expected[entry.key] = entry.msgstr[0]
        with (directory / "django.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)._catalog
        compiled = {key: text for key, text in compiled.items() if key != ""}
        missing = sorted(str(key) for key in expected.keys() - compiled.keys())
        stale = sorted(str(key) for key in compiled.keys() - expected.keys())
        changed = sorted(str(key) for key in expected.keys() & compiled.keys() if expected[key] != compiled[key])
        assert not (missing or stale or changed), (
            "django.mo is out of date; run `manage.py compilemessages --ignore=.venv`\n"
            f"missing: {missing[:20]}\nstale: {stale[:20]}\nchanged: {changed[:20]}"
        )


def test_a_msgid_shared_by_two_catalogues_has_one_translation():
    seen: dict[str, tuple[str, dict]] = {}
    clashes = []
    for owner in installed_owners():
        for entry in read_po(catalogue_dir(owner) / "django.po"):
            if entry.key in seen and seen[entry.key][1] != entry.msgstr:
                other, msgstr = seen[entry.key]
                clashes.append(f"{entry.msgid!r}: {other} {msgstr} ≠ {owner} {entry.msgstr}")
            seen.setdefault(entry.key, (owner, entry.msgstr))
    assert not clashes, "\n".join(clashes)


# What an English-speaking visitor sees


def get_en(client, url, **extra):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **extra)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_english(html: str, *english: str, absent=("跳到正文", "主导航", "博罗志愿服务总站</a>")):
    assert '<html lang="en">' in html
    for text in english:
        assert text in html
    for text in absent:
        assert text not in html


def test_home_page_in_english(client, home_page):
    html = get_en(client, "/")
    assert_english(html, "Skip to content", "Main navigation", ">Boluo Volunteer Service Station</a>", ">Home</a>")
    assert "Follow us" in html or "Opening hours" in html or "Boluo County Volunteer Service Federation" in html


def test_chinese_stays_the_default(client, home_page):
    html = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "跳到正文" in html
    assert "Skip to content" not in html


def test_the_language_menu_switches_to_english(client, home_page):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Skip to content" in html
    assert "跳到正文" not in html


def test_search_page_in_english(client, home_page):
    html = get_en(client, reverse("search"), data={"q": "没有这样的内容"})
    assert_english(html, "Keywords", "Nothing found; please try different keywords.")
    assert "关键词" not in html


def test_team_directory_and_map_in_english(client, home_page):
    directory = ensure_team_index_page(home_page)
    html = get_en(client, directory.url)
    assert_english(html, "Filter volunteer teams", "All townships", "All service areas")
    assert "筛选志愿团队" not in html
    html = get_en(client, directory.map_url())
    assert_english(html, "Volunteer team map", "Use my location", "10-minute walk")
    assert "使用我的位置" not in html


@pytest.mark.skipif(not apps.is_installed("incubator"), reason="incubator not installed")
def test_incubation_application_form_in_english(client, home_page):
    html = get_en(client, reverse("incubator:apply"))
    assert_english(html, "Apply for incubation", "Team building", "Funding support")
    assert "申请孵化" not in html


@pytest.mark.skipif(not apps.is_installed("events"), reason="events not installed")
def test_duty_roster_in_english(client, home_page):
    html = get_en(client, reverse("events:duty_roster"))
    assert_english(html, "Station duty roster", "Next month")
    assert "总站值班表" not in html


@pytest.mark.skipif(not apps.is_installed("incubator"), reason="incubator not installed")
def test_incubator_mail_templates_render_in_english():
    """What the mail says when it is rendered in English (the mail task picks the language)."""
    from django.template.loader import render_to_string

    with translation.override("en"):
        subject = render_to_string("incubator/email/status_links_subject.txt", {}).strip()
        body = render_to_string("incubator/email/status_links.txt", {"links": []})
    assert subject == "Your incubation application progress links"
    assert "If you did not apply, please ignore this email." in body
    assert not HAN.search(body)


def test_admin_labels_of_our_models_in_english(client, home_page):
    """Staff whose browser (or Wagtail profile) prefers English see our own field labels in English."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    html = get_en(client, "/admin/snippets/cms/team/add/")
    for label in ("Team name", "Township", "Uniform colour", "Contact and location"):
        assert label in html
    for label in ("队伍名称", "队服颜色", "联系与位置"):
        assert label not in html
