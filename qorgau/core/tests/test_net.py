from django.test import RequestFactory

from qorgau.core.net import client_ip


def test_without_proxies_the_socket_address_counts(settings):
    settings.QORGAU_PROXY_COUNT = 0
    r = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(r) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_appended_counts_not_a_forged_one(settings):
    settings.QORGAU_PROXY_COUNT = 1
    r = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(r) == "203.0.113.9"
    bare = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_ip(bare) == "127.0.0.1"
