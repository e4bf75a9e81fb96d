"""Password guessing at the admin logins: limited per client address and per username, with a clear message."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGINS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.com", "correct horse battery")


def login(client, url, password, username="editor", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGINS)
def test_fifteen_wrong_passwords_then_the_right_one_is_refused(client, editor, url):
    statuses = [login(client, url, f"guess-{n}").status_code for n in range(15)]
    assert statuses == [200] * 5 + [429] * 10
    response = login(client, url, "correct horse battery")
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "登录失败次数过多" in html and "分钟后再试" in html
    assert 'name="password"' in html  # the login page itself, not an error page
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("url", LOGINS)
def test_the_message_is_in_english_for_an_english_browser(client, editor, url):
    for n in range(5):
        login(client, url, f"guess-{n}")
    response = login(client, url, "guess", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_few_mistakes_do_not_lock_anyone_out(client, editor):
    for n in range(3):
        login(client, "/admin/login/", f"guess-{n}")
    assert login(client, "/admin/login/", "correct horse battery").status_code == 302
    assert logged_in(client)


def test_guessing_one_username_from_many_addresses_is_limited(client, editor):
    statuses = [
        login(client, "/admin/login/", f"guess-{n}", REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(7)
    ]
    assert statuses == [200] * 5 + [429] * 2
    assert login(client, "/admin/login/", "correct horse battery", REMOTE_ADDR="198.51.100.1").status_code == 429


def test_guessing_many_usernames_from_one_address_is_limited(client, editor, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = "8/h"
    statuses = [login(client, "/admin/login/", "guess", username=f"user{n}").status_code for n in range(10)]
    assert statuses == [200] * 8 + [429] * 2
    # The limit is the client's: another client still signs in.
    assert login(client, "/admin/login/", "correct horse battery", REMOTE_ADDR="198.51.100.1").status_code == 302


@pytest.mark.parametrize("header", ["unknown", "1.2.3.4:5678", "[2001:db8::1]:443"])
def test_an_odd_client_address_header_is_no_500(client, editor, settings, header):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert login(client, "/admin/login/", "guess", HTTP_X_FORWARDED_FOR=header).status_code == 200


def test_password_reset_mails_are_limited_per_address_asked_for(client, editor, mailoutbox):
    url = "/admin/password_reset/"
    responses = [client.post(url, {"email": "Editor@example.com"}) for _ in range(5)]
    # The same answer every time (the form tells nobody whether an address is known or limited), three mails.
    assert {response["Location"] for response in responses} == {"/admin/password_reset/done/"}
    assert len(mailoutbox) == 3


def test_password_reset_mails_are_limited_per_client(client, editor, mailoutbox, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = "2/h"
    for n in range(4):
        client.post("/admin/password_reset/", {"email": f"someone{n}@example.com"})
    client.post("/admin/password_reset/", {"email": "editor@example.com"})
    assert mailoutbox == []
    client.post("/admin/password_reset/", {"email": "editor@example.com"}, REMOTE_ADDR="198.51.100.1")
    assert len(mailoutbox) == 1
