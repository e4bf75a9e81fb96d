"""What every public form must keep for screen-reader and keyboard users, checked on the HTML a visitor gets."""

from bs4 import BeautifulSoup


def field_controls(form):
    """The inputs a visitor fills in: not hidden ones, not the honeypot hidden from people (inside aria-hidden)."""
    for control in form.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type") in ("hidden", "submit", "button"):
            continue
        if control.find_parent(attrs={"aria-hidden": "true"}):
            continue
        yield control


def described_by(control):
    """The aria-describedby ids that apply to a control: its own, or its group's (a fieldset of radios/checkboxes)."""
    ids = control.get("aria-describedby", "").split()
    group = control.find_parent("fieldset", attrs={"aria-describedby": True})
    if group:
        ids += group["aria-describedby"].split()
    return ids


def assert_accessible_form(html: str, selector: str = "form.form") -> set[str]:
    """Assert every field of the form is labelled and its errors are tied to it; return the names of invalid fields.

    For each visible control: a ``<label for=id>``; for each field showing errors: the error text has an id that the
    control (or its fieldset) names in ``aria-describedby``, and the control says ``aria-invalid="true"``.
    Every ``aria-describedby`` id must exist on the page.
    """
    page = BeautifulSoup(html, "html.parser")
    form = page.select_one(selector)
    assert form is not None, f"no {selector} on the page"
    invalid = set()
    for control in field_controls(form):
        name, control_id = control.get("name"), control.get("id")
        assert control_id, f"{name} has no id"
        assert page.find("label", attrs={"for": control_id}), f"{name} has no <label for={control_id}>"
        for described_id in described_by(control):
            assert page.find(id=described_id), f"{name} points aria-describedby at a missing #{described_id}"
        wrapper = control.find_parent(class_="field")
        errors = wrapper.select_one(".field__errors") if wrapper else None
        if errors is None:
            assert control.get("aria-invalid") is None, f"{name} is aria-invalid without an error shown"
            continue
        assert errors.get_text(strip=True), f"{name} has an empty error list"
        assert errors.get("id") in described_by(control), f"the error of {name} is not linked by aria-describedby"
        assert control.get("aria-invalid") == "true", f"{name} shows an error but is not aria-invalid"
        invalid.add(name)
    summary = form.select_one("#form-errors")
    if invalid:
        assert summary is not None and summary.get("role") == "alert", "errors without a summary at the top"
        targets = [form.find(id=link["href"].lstrip("#")) for link in summary.select("a[href^='#']")]
        assert len(targets) == len(invalid) and all(targets), "the summary does not link to each field in error"
        position = {id(element): index for index, element in enumerate(form.find_all(True))}
        order = [position[id(target)] for target in targets]
        assert order == sorted(order), "the summary lists the fields in another order than the page"
    return invalid
