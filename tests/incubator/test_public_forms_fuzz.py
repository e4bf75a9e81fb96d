"""Hypothesis over the applicant's public forms: applying (with an upload), resending links, the status links.

Each form gets valid submissions with a few fields spoiled: some must be accepted, some refused with the form shown
again, none may give a 500. The rate limit is lifted for the test (it is a setting).
"""

from collections import Counter, defaultdict
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incubator.models import Application
from tests.factories import TownshipFactory
from tests.form_fuzz import report, spoiled
from tests.incubator import factories

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
CHARTERS = st.sampled_from(
    [
        None,
        ("章程.pdf", b"%PDF-1.4 charter"),
        ("charter.PDF", b"%PDF-1.4 charter"),
        ("charter.exe", b"MZ\x90\x00"),
        ("charter.pdf", b""),
        ("../../etc/passwd.pdf", b"%PDF-1.4 x"),
        ("charter.pdf", b"not a pdf at all"),
    ]
)


@pytest.fixture
def open_forms(settings, home_page):
    settings.INCUBATOR_FORM_RATE = "100000/h"
    return TownshipFactory(name="石湾镇", slug="shiwan")


def test_the_application_form_accepts_and_refuses_but_never_fails(client, open_forms, capsys):
    seen: dict[str, Counter] = defaultdict(Counter)
    numbers = iter(range(10_000))
    valid = {
        "organisation_name": "石湾镇“银龄互助”志愿服务队",
        "founder_name": "张桂芳",
        "contact_phone": "138 0013 8000",
        "contact_email": "zhang@example.com",
        "township": str(open_forms.pk),
        "field_of_service": "elderly",
        "member_count": "15",
        "founded_on": "2026-03-01",
        "introduction": "退休教师发起,关爱独居老人。",
        "planned_projects": "每周上门探访。",
        "support_needed": "funding",
        "agree": "on",
    }

    @FUZZ
    @given(data=spoiled(valid), charter=CHARTERS)
    def submit(data, charter):
        if data.get("organisation_name") == valid["organisation_name"]:
            data["organisation_name"] += str(next(numbers))  # a new organisation each time: no duplicate refusal
        if charter:
            data["charter"] = SimpleUploadedFile(*charter)
        before = Application.objects.count()
        response = client.post("/incubator/apply/", data)
        assert response.status_code in {200, 302}, (response.status_code, data)
        created = Application.objects.count() - before
        if response.status_code == 302:
            assert response["Location"] == "/incubator/apply/done/"
            assert created == 1
            seen["apply"]["302 accepted"] += 1
        else:
            assert created == 0
            assert "errorlist" in response.content.decode() or "error" in response.content.decode()
            seen["apply"]["200 refused"] += 1

    submit()
    report(capsys, "incubator apply fuzz", seen)
    assert seen["apply"]["302 accepted"] >= 3 and seen["apply"]["200 refused"] >= 3, seen


def test_the_resend_form_and_the_status_links_never_fail(client, open_forms, capsys):
    application = factories.ApplicationFactory(contact_email="known@example.com")
    seen: dict[str, Counter] = defaultdict(Counter)

    @FUZZ
    @given(
        data=spoiled({"email": "known@example.com"}),
        token=st.one_of(st.just(application.status_token), st.text(max_size=40)),
    )
    def visit(data, token):
        response = client.post("/incubator/status/resend/", data)
        assert response.status_code in {200, 302}, (response.status_code, data)
        seen["resend"][f"{response.status_code}"] += 1
        if token:
            url = f"/incubator/status/{quote(token, safe='')}/"
            response = client.get(url)
            assert response.status_code in {200, 404}, (response.status_code, url)
            seen["status"][f"{response.status_code}"] += 1

    visit()
    report(capsys, "incubator resend/status fuzz", seen)
    assert seen["resend"]["302"] >= 1 and seen["resend"]["200"] >= 1, seen
    assert seen["status"]["200"] >= 1 and seen["status"]["404"] >= 1, seen
