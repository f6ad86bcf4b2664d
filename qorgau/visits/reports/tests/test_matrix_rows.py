"""The access-matrix rules on this area's rows alone (the full matrix runs every area)."""

import pytest

from qorgau.accounts.roles import Role
from qorgau.core.tests.test_access_matrix import OK_STATUSES, _call, _has, _public

from . import routes


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_what_its_capabilities_allow(world, login, client, role):
    login(world.users[role])
    for name, method, url, cap, other, body in routes.pages(world):
        r = _call(client, method, url, body, False)
        if cap is None or _has(role, cap):
            assert r.status_code in OK_STATUSES, (role, name, url, r.status_code)
        else:
            assert r.status_code in (403, 404), (role, name, url, r.status_code)
        if other:
            r = _call(client, method, other, body, False)
            assert r.status_code in (403, 404), (role, name, other, r.status_code)
            if cap is None or _has(role, cap):
                assert r.status_code == 404, (role, name, other, r.status_code)


def test_anonymous_is_sent_to_login_except_on_public_pages(world, client):
    for name, method, url, _cap, _other, body in routes.pages(world):
        r = _call(client, method, url, body, False)
        if _public(url):
            assert r.status_code == 200, name
        else:
            assert r.status_code == 302 and "/accounts/login/" in r["Location"], name
