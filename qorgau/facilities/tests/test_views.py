from __future__ import annotations

import pytest

from qorgau.accounts.roles import Role
from qorgau.facilities.models import PopulationCount, Zone


def test_national_role_sees_all_regional_role_sees_its_region(world, login, client):
    login(world.users[Role.IDENTITY_CUSTODIAN])  # national
    page = client.get("/facilities/").content.decode()
    assert (
        world.facility_a.get_absolute_url() in page and world.facility_b.get_absolute_url() in page
    )
    client.logout()
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    page = client.get("/facilities/").content.decode()
    assert (
        world.facility_a.get_absolute_url() in page
        and world.facility_b.get_absolute_url() not in page
    )


def test_filters_and_htmx_partial(world, login, client):
    login(world.users[Role.IDENTITY_CUSTODIAN])
    r = client.get("/facilities/", {"region": "KZ-B"}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert (
        "<html" not in body
        and world.facility_b.get_absolute_url() in body
        and world.facility_a.get_absolute_url() not in body
    )
    r = client.get("/facilities/", {"type": "nonsense"})
    assert r.status_code == 200  # an invalid filter is reported on the form, not a 500


def test_detail_shows_zones_population_and_chart(world, login, client):
    from qorgau.testing.factories import PopulationCountFactory

    PopulationCountFactory(facility=world.facility_a, date="2026-09-01", men=520, convicted=520)
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get(world.facility_a.get_absolute_url()).content.decode()
    assert "ШИЗО" in body and "<svg" in body and "polyline" in body
    assert "Record a population count" not in body  # ombudsman staff cannot change facilities


def test_facility_admin_records_population_and_zone(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    url = world.facility_a.get_absolute_url()
    r = client.post(
        f"{url}population/",
        {
            "date": "2026-11-01",
            "men": 480,
            "women": 20,
            "juveniles": 1,
            "convicted": 500,
            "remand": 0,
        },
    )
    assert r.status_code == 302
    assert PopulationCount.objects.get(facility=world.facility_a, date="2026-11-01").women == 20
    r = client.post(f"{url}zones/", {"name": "Комната обыска", "kind": "search_room"})
    assert r.status_code == 302
    assert Zone.objects.get(facility=world.facility_a, name="Комната обыска").risk_level == "high"


@pytest.mark.parametrize(
    "data",
    [
        {"date": "2026-11-01", "men": 10, "women": 0, "juveniles": 0, "convicted": 5, "remand": 0},
        {"date": "not a date", "men": -1},
    ],
)
def test_bad_population_input_is_refused_with_errors(world, login, client, data):
    login(world.users[Role.FACILITY_ADMIN])
    before = PopulationCount.objects.count()
    r = client.post(f"{world.facility_a.get_absolute_url()}population/", data)
    assert r.status_code == 400 and 'role="alert"' in r.content.decode()
    assert PopulationCount.objects.count() == before


def test_api_lists_with_occupancy_and_problem_on_bad_input(world, login, client):
    login(world.users[Role.IDENTITY_CUSTODIAN])
    r = client.get("/api/v1/facilities/", {"region": "KZ-A"})
    item = r.json()["items"][0]
    assert r.json()["count"] == 1 and item["code"] == "FA" and item["occupancy_rate"] == 90.0
    r = client.get("/api/v1/facilities/", {"limit": "many"})
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"][-1] == "limit"


def test_api_population_record_validates_the_sum(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(
        f"/api/v1/facilities/{world.facility_a.uuid}/population",
        data={
            "date": "2026-11-01",
            "men": 10,
            "women": 0,
            "juveniles": 0,
            "convicted": 3,
            "remand": 0,
        },
        content_type="application/json",
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["remand"]


def _upload(text: str, name: str = "places.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_sysadmin_imports_from_the_page_all_or_nothing(world, login, client):
    from qorgau.facilities.models import Facility
    from qorgau.facilities.services import IMPORT_COLUMNS

    login(world.users[Role.SYSADMIN])
    assert b"/facilities/import/" in client.get("/facilities/").content
    assert "<code>name_kk</code>" in client.get("/facilities/import/").content.decode()
    header = ",".join(IMPORT_COLUMNS)
    good = "UG-900,мекеме,Учреждение,Institution,colony,penitentiary,medium,KZ-A,,650,open"
    bad = "UG-901,мекеме,Учреждение,Institution,castle,penitentiary,medium,KZ-A,,650,open"
    r = client.post("/facilities/import/", {"file": _upload(f"{header}\n{good}\n{bad}\n")})
    body = r.content.decode()
    assert r.status_code == 400 and "Nothing was imported" in body and "<code>type</code>" in body
    assert not Facility.objects.filter(code__startswith="UG-9").exists()
    r = client.post("/facilities/import/", {"file": _upload(f"{header}\n{good}\n")})
    assert r.status_code == 200 and "1 created" in r.content.decode()
    assert Facility.objects.filter(code="UG-900").exists()


def test_import_refuses_a_file_that_is_not_utf8(world, login, client):
    login(world.users[Role.SYSADMIN])
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(
        "/facilities/import/", {"file": SimpleUploadedFile("x.csv", "код".encode("cp1251"))}
    )
    assert r.status_code == 400 and "UTF-8" in r.content.decode()
