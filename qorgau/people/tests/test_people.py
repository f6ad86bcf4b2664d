from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.people.models import CustodyStatus, Person, PlacementKind
from qorgau.people.services import person_admit, placement_record
from qorgau.people.validators import iin_birth_date, validate_iin
from qorgau.testing.factories import FacilityFactory, ZoneFactory, make_iin

AT = datetime(2026, 11, 2, 10, tzinfo=UTC)


# --- IIN ---------------------------------------------------------------------


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    st.booleans(),
    st.integers(0, 9999),
)
def test_generated_iins_validate_and_encode_the_birth_date(born, female, serial):
    iin = make_iin(serial, born, female)
    validate_iin(iin)
    assert iin_birth_date(iin) == born


@given(st.integers(0, 9999), st.integers(1, 9))
def test_a_wrong_check_digit_is_caught(serial, delta):
    iin = make_iin(serial)
    broken = iin[:11] + str((int(iin[11]) + delta) % 10)
    with pytest.raises(ValidationError):
        validate_iin(broken)


@pytest.mark.parametrize("value", ["12345", "90051730000a", "901317300001", "900230300001"])
def test_malformed_iins_are_refused(value):
    with pytest.raises(ValidationError):
        validate_iin(value)


# --- services -------------------------------------------------------------------


def _admit(facility, **kw):
    data = dict(
        surname="Сейтов",
        given_name="Нурлан",
        surname_latin="SEITOV",
        given_name_latin="NURLAN",
        birth_date=date(1990, 5, 17),
        sex="m",
        iin=make_iin(77),
    )
    return person_admit(actor=None, facility=facility, at=AT, **(data | kw))


@pytest.mark.django_db
def test_admission_transfer_release_history():
    a, b = FacilityFactory(), FacilityFactory()
    zone_b = ZoneFactory(facility=b)
    person = _admit(a)
    placement_record(
        actor=None,
        person=person,
        kind=PlacementKind.TRANSFER,
        at=AT.replace(day=5),
        facility=b,
        zone=zone_b,
    )
    person.refresh_from_db()
    assert person.current_facility == b and person.current_zone == zone_b
    placement_record(actor=None, person=person, kind=PlacementKind.RELEASE, at=AT.replace(day=9))
    person.refresh_from_db()
    assert person.status == CustodyStatus.RELEASED and person.current_zone is None
    assert list(person.placements.order_by("at").values_list("kind", flat=True)) == [
        "admission",
        "transfer",
        "release",
    ]
    assert AuditEntry.objects.filter(object_id=str(person.uuid)).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind,kw,msg",
    [
        (PlacementKind.ADMISSION, {}, "already held"),
        (PlacementKind.TRANSFER, {}, "facility"),
        (PlacementKind.ZONE_MOVE, {}, "zone"),
        (PlacementKind.RELEASE, {"at": datetime(2020, 1, 1, tzinfo=UTC)}, "precede"),
    ],
)
def test_illegal_events_are_refused_and_change_nothing(kind, kw, msg):
    person = _admit(FacilityFactory())
    with pytest.raises(ValidationError, match=msg):
        placement_record(actor=None, person=person, kind=kind, **({"at": AT} | kw))
    person.refresh_from_db()
    assert person.status == CustodyStatus.HELD and person.placements.count() == 1


@pytest.mark.django_db
def test_zone_must_belong_to_the_facility_and_death_is_final():
    a, b = FacilityFactory(), FacilityFactory()
    person = _admit(a)
    with pytest.raises(ValidationError):
        placement_record(
            actor=None,
            person=person,
            kind=PlacementKind.ZONE_MOVE,
            at=AT,
            zone=ZoneFactory(facility=b),
        )
    placement_record(actor=None, person=person, kind=PlacementKind.DEATH, at=AT)
    with pytest.raises(ValidationError, match="died"):
        placement_record(actor=None, person=person, kind=PlacementKind.ADMISSION, at=AT, facility=a)


@pytest.mark.django_db
def test_iin_must_be_unique_and_match_the_birth_date():
    f = FacilityFactory()
    _admit(f)
    with pytest.raises(ValidationError):
        _admit(f)
    with pytest.raises(ValidationError, match="date of birth"):
        _admit(f, iin=make_iin(5), birth_date=date(1991, 1, 1))
    assert Person.objects.count() == 1


# --- search and reads -------------------------------------------------------------


def test_search_by_cyrillic_latin_or_iin_within_scope_is_audited(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    for q in ("ахм", "Ахметов Ерлан", "akhm", world.person_a.iin):
        body = client.post("/people/", {"q": q}).content.decode()
        assert world.person_a.get_absolute_url() in body, q
        assert world.person_b.get_absolute_url() not in body, q  # region B
    assert (
        AuditEntry.objects.filter(action="person.search", actor_label="ombudsman_staff").count()
        == 4
    )


def test_search_query_never_goes_into_the_url(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get("/people/").content.decode()
    assert 'method="post"' in body and 'hx-post="/people/"' in body
    r = client.get("/people/", {"q": "Ахм"})
    assert world.person_a.get_absolute_url() not in r.content.decode()


def test_too_short_query_is_explained(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])
    r = client.post("/people/", {"q": "А"}, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in r.content.decode()


def test_opening_a_record_is_audited(world, login, client):
    login(world.users[Role.PROSECUTOR])
    r = client.get(world.person_a.get_absolute_url())
    assert r.status_code == 200 and world.person_a.iin in r.content.decode()
    assert AuditEntry.objects.filter(
        action="read", object_id=str(world.person_a.uuid), actor_label="prosecutor"
    ).exists()


def test_facility_admin_admits_through_the_form(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    form = client.get("/people/admit/").content.decode()
    assert str(world.facility_a.uuid) in form and world.facility_b.name_ru not in form
    r = client.post(
        "/people/admit/",
        {
            "surname": "Сейтова",
            "given_name": "Дана",
            "surname_latin": "SEITOVA",
            "given_name_latin": "DANA",
            "birth_date": "1994-03-02",
            "sex": "f",
            "iin": make_iin(8, date(1994, 3, 2), True),
            "languages": ["kk"],
            "facility": str(world.facility_a.uuid),
            "zone": str(world.zone_a.uuid),
            "at": "2026-11-02T09:30",
        },
    )
    assert r.status_code == 302
    assert Person.objects.get(surname="Сейтова").current_zone == world.zone_a


def test_admission_into_a_facility_out_of_scope_is_refused(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(
        "/people/admit/",
        {
            "surname": "Х",
            "given_name": "Y",
            "surname_latin": "X",
            "given_name_latin": "Y",
            "birth_date": "1994-03-02",
            "sex": "m",
            "facility": str(world.facility_b.uuid),
            "at": "2026-11-02T09:30",
        },
    )
    assert r.status_code == 400 and not Person.objects.filter(surname="Х").exists()
    r = client.post(
        "/api/v1/people/",
        data={
            "facility": str(world.facility_b.uuid),
            "at": "2026-11-02T10:00:00Z",
            "surname": "Х",
            "given_name": "Y",
            "surname_latin": "X",
            "given_name_latin": "Y",
            "birth_date": "1990-05-17",
            "sex": "m",
        },
        content_type="application/json",
    )
    assert r.status_code == 404 and not Person.objects.filter(surname="Х").exists()


def test_api_person_detail_has_history_and_transfer_via_api(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(
        f"/api/v1/people/{world.person_a.uuid}/placements",
        data={
            "kind": "transfer",
            "at": "2026-11-03T10:00:00Z",
            "facility": str(world.facility_b.uuid),
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["facility"] == str(world.facility_b.uuid)
    # The person is now held in facility B: out of this facility's scope.
    assert client.get(f"/api/v1/people/{world.person_a.uuid}").status_code == 404
    client.logout()
    login(world.users[Role.IDENTITY_CUSTODIAN])
    data = client.get(f"/api/v1/people/{world.person_a.uuid}").json()
    assert [p["kind"] for p in data["placements"]] == ["transfer", "admission"]
    assert data["placements"][0]["from_facility"] == str(world.facility_a.uuid)


def test_api_rejects_a_malformed_iin_with_a_problem(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(
        "/api/v1/people/",
        data={
            "facility": str(world.facility_a.uuid),
            "at": "2026-11-02T10:00:00Z",
            "surname": "Х",
            "given_name": "Y",
            "surname_latin": "X",
            "given_name_latin": "Y",
            "birth_date": "1990-05-17",
            "sex": "m",
            "iin": "900517300001",
        },
        content_type="application/json",
    )
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert not Person.objects.filter(surname="Х").exists()
