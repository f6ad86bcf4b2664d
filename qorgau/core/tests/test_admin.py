from __future__ import annotations

import pytest

from qorgau.core.models import AuditEntry
from qorgau.testing.factories import UserFactory


@pytest.fixture
def admin_client(world, login):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    return login(user)


def test_admin_change_is_audited(world, admin_client):
    url = f"/admin/facilities/facility/{world.facility_a.pk}/change/"
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {
        "code": "FA",
        "name_kk": "жаңа",
        "name_ru": "новое",
        "name_en": "new",
        "type": "colony",
        "agency": "penitentiary",
        "regime": "medium",
        "region": world.region_a.pk,
        "address": "",
        "capacity": 700,
        "status": "open",
        "zones-TOTAL_FORMS": 0,
        "zones-INITIAL_FORMS": 0,
        "zones-MIN_NUM_FORMS": 0,
        "zones-MAX_NUM_FORMS": 1000,
    }
    r = admin_client.post(url, data)
    assert r.status_code == 302, r.content[:2000]
    entry = AuditEntry.objects.get(action="admin.change", object_id=str(world.facility_a.uuid))
    assert "capacity" in entry.details["fields"] and entry.actor_label == "root"


def test_identity_data_is_not_in_the_admin(world, admin_client):
    assert admin_client.get("/admin/people/person/").status_code == 404
    assert b"people/person" not in admin_client.get("/admin/").content


def test_admin_refuses_a_scope_the_role_cannot_hold(world):
    from django.core.exceptions import ValidationError

    from qorgau.accounts.models import Membership

    m = Membership(user=world.outsider, role="sysadmin", scope="facility")
    with pytest.raises(ValidationError):
        m.full_clean()
