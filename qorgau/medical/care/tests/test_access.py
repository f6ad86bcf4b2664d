"""Medical secrecy: roles without medical access get 404 everywhere, and scope holds."""

from __future__ import annotations

import pytest

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from qorgau.core.models import AuditEntry
from qorgau.medical.care.models import BedStay, ScreeningResult

from .routes import care_pages

NON_MEDICAL = [r for r in Role if Cap.MEDICAL_VIEW not in ROLE_CAPABILITIES[r]]


@pytest.mark.parametrize("role", NON_MEDICAL)
def test_roles_without_medical_access_get_404_and_change_nothing(world, login, client, role):
    rows = care_pages(world)
    counts = (ScreeningResult.objects.count(), BedStay.objects.count())
    login(world.users[role])
    for name, method, url, _cap, _other, body in rows:
        r = client.get(url) if method == "get" else client.post(url, body)
        assert r.status_code == 404, (role, name, r.status_code)
    assert (ScreeningResult.objects.count(), BedStay.objects.count()) == counts
    assert not AuditEntry.objects.filter(action__startswith="medical.").exists()


def test_facility_as_medical_officer_gets_404_on_facility_bs_objects(world, login, client):
    rows = [r for r in care_pages(world) if r[4]]
    login(world.users[Role.MEDICAL_OFFICER])
    for name, method, _url, _cap, other, body in rows:
        r = client.get(other) if method == "get" else client.post(other, body)
        assert r.status_code == 404, (name, r.status_code)
    assert not ScreeningResult.objects.exists()
    assert not AuditEntry.objects.filter(action="medical.read").exists()


def test_lists_and_figures_hold_only_the_officers_facility(world, login, client):
    rows = care_pages(world)  # gives both facilities a ward, a stay and an item
    login(world.users[Role.MEDICAL_OFFICER])
    for url in ("/medical/care/beds/", "/medical/care/equipment/", "/medical/care/screening/"):
        body = client.get(url).content.decode()
        assert world.facility_a.name in body and world.facility_b.name not in body, url
    beds = client.get("/medical/care/beds/").content.decode()
    assert '<td class="num">2</td><td class="num">1</td>' in beds  # two beds, one occupied
    overview = client.get("/medical/care/").content.decode()
    assert "1 / 2" in overview  # facility A's ward only: one of two beds occupied
    assert rows
