"""Rate limits of the applicant's forms: each form its own bucket, one bucket per client whatever header it sends."""

import pytest

from incubator.models import Application
from tests.incubator.test_public_views import form_data, township  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

APPLY = "/incubator/apply/"
RESEND = "/incubator/status/resend/"


def apply(client, form_data, n, **extra):  # noqa: F811
    return client.post(APPLY, {**form_data, "organisation_name": f"第{n}支测试志愿服务队"}, **extra)


def test_applications_and_resends_do_not_share_a_bucket(client, form_data, settings):  # noqa: F811
    settings.INCUBATOR_FORM_RATE = "5/h"
    assert [apply(client, form_data, n).status_code for n in range(3)] == [302] * 3
    assert [client.post(RESEND, {"email": "a@example.com"}).status_code for _ in range(2)] == [302] * 2
    # The sixth post of the visitor: still within the limit of each form.
    assert apply(client, form_data, 3).status_code == 302
    assert client.post(RESEND, {"email": "a@example.com"}).status_code == 302
    assert Application.objects.count() == 4


def test_each_form_still_has_its_limit(client, form_data, settings):  # noqa: F811
    settings.INCUBATOR_FORM_RATE = "2/h"
    assert [client.post(RESEND, {"email": "a@example.com"}).status_code for _ in range(3)] == [302, 302, 429]
    assert [apply(client, form_data, n).status_code for n in range(3)] == [302, 302, 429]


@pytest.mark.parametrize(
    "header",
    [
        "1.2.3.4:5678",
        "unknown",
        "",
        "_hidden",
        "1.2.3.4, unknown",
        "not an address, at all",
        "[2001:db8::1]:443",
        "2001:db8::1",
        'for="[2001:db8::1]:443"',
        "999.1.1.1",
        "1.2.3.4\x00",
    ],
)
def test_an_odd_client_address_header_is_never_a_500(client, form_data, settings, header):  # noqa: F811
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert apply(client, form_data, 1, HTTP_X_FORWARDED_FOR=header).status_code == 302
    assert client.post(RESEND, {"email": "a@example.com"}, HTTP_X_FORWARDED_FOR=header).status_code == 302


def test_a_client_rotating_through_its_ipv6_64_is_one_client(client, form_data, settings):  # noqa: F811
    settings.INCUBATOR_FORM_RATE = "2/h"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    statuses = [apply(client, form_data, n, HTTP_X_REAL_IP=f"2001:db8:1:2::{n + 1:x}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    # Its neighbour in another /64 is someone else.
    assert apply(client, form_data, 9, HTTP_X_REAL_IP="2001:db8:1:3::1").status_code == 302
