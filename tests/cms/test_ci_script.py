"""CI runs exactly the README's command: nothing from the environment narrows the suite it runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def commands(script: str) -> list[str]:
    """The script's shell commands, continuation lines joined, comments and echo lines left out."""
    joined = script.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_both_ci_runs_are_the_readme_command_without_an_inherited_pytest_args():
    runs = [
        command
        for command in commands((ROOT / ".ci" / "run").read_text())
        if command.endswith("make test") and not command.startswith("echo")
    ]
    assert len(runs) == 2, runs  # embedded, then PostgreSQL + Redis
    for command in runs:
        assert command.startswith("env -u PYTEST_ARGS "), command  # a stray -k or -m would run a subset, green
        assert "PYTEST_ARGS=" not in command
    assert "CI_EMBEDDED=1" in runs[0] and "DATABASE_URL=" in runs[1] and "REDIS_URL=" in runs[1]
    assert "make test" in (ROOT / "README.md").read_text()
