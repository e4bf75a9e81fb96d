"""The client address the rate limits count: the socket's, or the one the trusted proxy reports."""

import pytest

from cms.client_address import UNKNOWN_ADDRESS, client_ip, client_key


def test_socket_address_without_a_proxy(rf, settings):
    settings.CLIENT_IP_HEADER = ""
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_REAL_IP="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"  # a client-sent header is not trusted unless configured


def test_address_from_the_proxys_header(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="198.51.100.1")) == "198.51.100.1"


def test_forwarded_for_takes_the_address_the_proxy_appended(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_missing_addresses_share_one_bucket_instead_of_failing(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request) == UNKNOWN_ADDRESS
    assert client_key(request) == UNKNOWN_ADDRESS


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("1.2.3.4:5678", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ('for="[2001:db8::1]:443"', "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("::ffff:198.51.100.1", "198.51.100.1"),
        ("forged, 198.51.100.1:80", "198.51.100.1"),
        # Not an address: the socket's address is used.
        ("unknown", "10.0.0.2"),
        ("_hidden", "10.0.0.2"),
        ("1.2.3.4, unknown", "10.0.0.2"),
        ("999.1.1.1", "10.0.0.2"),
        ("1.2.3.4\x00", "10.0.0.2"),
        ("", "10.0.0.2"),
    ],
)
def test_a_header_that_is_not_a_bare_address_is_parsed_or_ignored(rf, settings, header, expected):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)) == expected


def test_an_unusable_socket_address_shares_the_unknown_bucket(rf, settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(rf.get("/", REMOTE_ADDR="unix:/run/gunicorn.sock")) == UNKNOWN_ADDRESS


def test_ipv6_clients_are_counted_by_their_64(rf, settings):
    settings.CLIENT_IP_HEADER = ""
    first = client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1"))
    assert first == "2001:db8:1:2::/64"
    assert client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:ffff")) == first
    assert client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:3::1")) != first
    assert client_key(rf.get("/", REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"
