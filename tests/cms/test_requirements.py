"""Exactly what was tested: every package the code imports is pinned, and every pin is in the hashed lock files."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = ["cms", "incubator", "events", "needs"]
OWN = {"cms", "incubator", "events", "needs", "tests"}
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)", re.MULTILINE)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    return {normalise(name): version for name, version in PIN.findall(path.read_text())}


def imported_modules() -> set[str]:
    """Top-level names of every module the code imports, at the top of a file or inside a function."""
    names = set()
    for package in CODE:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - OWN - set(sys.stdlib_module_names) - {"__future__"}


def test_every_imported_package_is_pinned_in_requirements():
    distributions = packages_distributions()
    pinned = pins(ROOT / "requirements.txt")
    missing = {
        module: distributions.get(module, ["?"])
        for module in imported_modules()
        if not any(normalise(dist) in pinned for dist in distributions.get(module, []))
    }
    assert missing == {}, "imported but not pinned in requirements.txt"


def test_the_packages_the_project_was_specified_with_stay():
    pinned = pins(ROOT / "requirements.txt")
    for name in ("wagtail", "django", "django-fsm-2", "celery", "redis", "psycopg2-binary", "icalendar"):
        assert name in pinned, name


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]
)
def test_the_lock_holds_every_pin_at_its_version_with_hashes(source, lock):
    wanted = pins(ROOT / "requirements.txt") | pins(ROOT / source)
    locked = pins(ROOT / lock)
    assert {name: locked.get(name) for name in wanted} == wanted, f"run `make lock`: {lock} is behind {source}"
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text().split("\n\n", 1)[-1])
    for entry in entries:
        if PIN.match(entry):
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_installed_packages_are_the_locked_ones():
    """The environment the suite runs in is the one the lock describes (`make test` installs it with hashes)."""
    from importlib.metadata import version

    locked = pins(ROOT / "requirements.lock")
    assert {name: version(name) for name in locked if name not in {"pip", "setuptools"}} == {
        name: v for name, v in locked.items() if name not in {"pip", "setuptools"}
    }
