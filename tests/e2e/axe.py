"""axe-core in the browser journeys: one call checks the page a journey is on against WCAG 2.x A and AA.

axe-core itself (MPL-2.0) comes from the pinned PyPI package ``axe-playwright-python``, which ships ``axe.min.js``: no
npm at test time. The script is evaluated in the page over the DevTools protocol, so the site's Content Security Policy
does not need to allow it.
"""

from importlib.resources import files

AXE_SCRIPT = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")

# WCAG 2.0, 2.1 and 2.2 at levels A and AA; plus the outline rule (axe files it under best practice), because a
# heading that skips a level is what the audit found on /news/ and the role models.
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {"heading-order": {"enabled": True}},
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[str]:
    """The violations on ``page`` as it is now, one line each: rule id, impact, what is wrong, the offending nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => window.axe.run(document, options)", OPTIONS)
    lines = []
    for violation in results["violations"]:
        targets = ", ".join(" ".join(node["target"]) if node["target"] else "?" for node in violation["nodes"])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return lines


def assert_no_violations(page, where: str = "") -> None:
    """Fail listing every violation on ``page`` (``where`` names it in the message)."""
    violations = axe_violations(page)
    assert not violations, f"axe found on {where or page.url}:\n" + "\n".join(violations)
