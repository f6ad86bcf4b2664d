from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from qorgau.core.models import AuditEntry
from qorgau.medical.care import selectors, services
from qorgau.medical.care.choices import ScreeningStatus
from qorgau.medical.care.models import ScreeningResult, ScreeningTest
from qorgau.people.models import CustodyStatus

from .conftest import ago


def _record(doctor, person, test, result, **when):
    return services.screening_result_record(
        actor=doctor, person=person, test=test, taken_at=ago(**when), result=result
    )


def _due(user, **kw):
    return {
        p.pk: {t.code for t in selectors.due_tests(p, selectors.programme_tests())}
        for p in selectors.people_due(user=user, **kw)
    }


def test_the_default_list_is_shipped_with_its_rules(db):
    codes = set(ScreeningTest.objects.values_list("code", flat=True))
    assert {"tb", "hiv", "hbv", "hcv", "syphilis"} <= codes
    tb = ScreeningTest.objects.get(code="tb")
    assert tb.interval_days == 365
    assert {"admission", "periodic"} <= set(
        tb.requirements.values_list("examination_kind", flat=True)
    )


def test_a_person_never_tested_is_due_for_every_programme_test(world, doctor, programme):
    assert _due(doctor) == {world.person_a.pk: {"x", "y"}}


def test_due_follows_the_latest_result_and_the_interval(world, doctor, programme, held_at):
    yearly, once = programme
    fresh, expired, indeterminate, positive, refused, pending = (held_at() for _ in range(6))
    _record(doctor, fresh, yearly, "negative", days=10)
    _record(doctor, expired, yearly, "negative", days=400)
    _record(doctor, indeterminate, yearly, "indeterminate", days=1)
    _record(doctor, positive, yearly, "positive", days=900)
    _record(doctor, refused, yearly, "refused", days=30)
    _record(doctor, pending, yearly, "pending", days=2)
    for p in (fresh, expired, indeterminate, positive, refused, pending):
        _record(doctor, p, once, "negative", days=900)  # once-only: valid for the whole stay
    due = _due(doctor)
    assert due == {
        world.person_a.pk: {"x", "y"},
        expired.pk: {"x"},
        indeterminate.pk: {"x"},
    }


def test_a_newer_result_replaces_the_older_and_a_backdated_one_does_not(world, doctor, programme):
    yearly, _ = programme
    person = world.person_a
    first = _record(doctor, person, yearly, "negative", days=10)
    later = _record(doctor, person, yearly, "indeterminate", days=2)
    backdated = _record(doctor, person, yearly, "negative", days=5)
    latest = ScreeningResult.objects.filter(person=person, test=yearly, is_latest=True)
    assert list(latest) == [later]
    assert {first.pk, backdated.pk} == set(
        ScreeningResult.objects.filter(is_latest=False).values_list("pk", flat=True)
    )
    assert "x" in _due(doctor)[person.pk]


def test_a_pending_sample_then_its_outcome_at_the_same_time_counts_the_outcome(
    world, doctor, programme
):
    yearly, _ = programme
    taken = ago(days=3)
    for result in ("pending", "positive"):
        services.screening_result_record(
            actor=doctor, person=world.person_a, test=yearly, taken_at=taken, result=result
        )
    [status] = selectors.person_screening(person=world.person_a, tests=[yearly])
    assert status.status == ScreeningStatus.UP_TO_DATE and status.latest.result == "positive"


def test_due_is_scoped_and_filtered_by_facility_and_test(world, doctor, programme, held_at):
    yearly, once = programme
    other = held_at(world.facility_b)
    _record(doctor, world.person_a, once, "negative", days=1)
    assert set(_due(doctor)) == {world.person_a.pk}  # B's people are out of scope
    assert selectors.people_due(user=doctor, test=once).count() == 0
    assert selectors.people_due(user=doctor, test=yearly).count() == 1
    assert selectors.people_due(user=doctor, facility=world.facility_b).count() == 0
    assert other.pk not in _due(doctor)


def test_people_released_are_not_due(world, doctor, programme):
    world.person_a.status = CustodyStatus.RELEASED
    world.person_a.save()
    assert _due(doctor) == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"result": "maybe"}, "Choose a result"),
        ({"taken_at": ago(days=-1)}, "future"),
        ({"person": "elsewhere"}, "not held at this place"),
        ({"test": "inactive"}, "no longer on the screening list"),
    ],
)
def test_a_refused_result_changes_nothing(world, doctor, programme, change, message):
    yearly, _ = programme
    data = {
        "actor": doctor,
        "person": world.person_a,
        "test": yearly,
        "taken_at": ago(days=1),
        "result": "negative",
        **change,
    }
    if change.get("person"):
        world.person_a.status = CustodyStatus.RELEASED
        world.person_a.save()
        data["person"] = world.person_a
    if change.get("test"):
        data["test"] = ScreeningTest.objects.get(code="tb")
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.screening_result_record(**data)
    assert not ScreeningResult.objects.exists()
    assert AuditEntry.objects.count() == audit


def test_recording_a_result_is_audited_without_the_result(world, doctor, programme):
    yearly, _ = programme
    row = _record(doctor, world.person_a, yearly, "positive", days=1)
    entry = AuditEntry.objects.get(action="medical.screening_result")
    assert entry.object_id == str(row.uuid) and entry.actor_id == doctor.pk
    assert "positive" not in str(entry.details) and entry.details["test"] == "x"


def test_coverage_counts_people_held_up_to_date_per_facility(
    world, doctor, national_doctor, programme, held_at
):
    yearly, once = programme
    a2, a3, b1 = held_at(), held_at(), held_at(world.facility_b)
    _record(doctor, world.person_a, yearly, "negative", days=10)  # up to date
    _record(doctor, a2, yearly, "negative", days=500)  # expired
    _record(doctor, a3, yearly, "refused", days=5)  # offered, not covered
    _record(doctor, a3, once, "positive", days=700)  # positive stands
    _record(national_doctor, b1, yearly, "positive", days=1)
    rows = {
        r.facility: r
        for r in selectors.screening_coverage(user=national_doctor, tests=[yearly, once])
    }
    assert rows[world.facility_a].held == 3
    assert rows[world.facility_a].cells([yearly, once]) == [(1, 33.3), (1, 33.3)]
    assert rows[world.facility_b].cells([yearly, once]) == [(1, 50.0), (0, 0.0)]  # and person B
    totals = selectors.coverage_totals(list(rows.values()), [yearly, once])
    assert [(n, held) for _t, n, held in totals] == [(2, 5), (1, 5)]
    # The facility officer sees only facility A.
    assert [r.facility for r in selectors.screening_coverage(user=doctor, tests=[yearly])] == [
        world.facility_a
    ]


def test_the_screening_list_is_configured_nationally_and_audited(
    world, login, client, national_doctor, doctor
):
    login(doctor)
    assert client.get("/medical/care/screening/tests/").status_code == 404
    login(national_doctor)
    assert client.get("/medical/care/screening/tests/").status_code == 200
    r = client.post(
        "/medical/care/screening/tests/",
        {
            "new-code": "covid",
            "new-name_kk": "COVID-19",
            "new-name_ru": "COVID-19",
            "new-interval_days": "",
            "new-active": "on",
            "new-order": "80",
            "new-examination_kinds": ["admission", "transfer"],
        },
    )
    assert r.status_code == 302
    test = ScreeningTest.objects.get(code="covid")
    assert test.interval_days is None
    assert set(test.requirements.values_list("examination_kind", flat=True)) == {
        "admission",
        "transfer",
    }
    assert AuditEntry.objects.filter(action="medical.screening_test", object_id=str(test.uuid))
    r = client.post(
        f"/medical/care/screening/tests/{test.uuid}/",
        {"covid-code": "tb", "covid-name_kk": "A", "covid-name_ru": "A", "covid-order": "1"},
    )
    assert r.status_code == 400 and "Another test already has this code" in r.content.decode()
    test.refresh_from_db()
    assert test.code == "covid" and test.requirements.count() == 2


def test_results_are_recorded_at_the_examination_panel(world, login, client, doctor, programme):
    from qorgau.medical.services import examination_record

    yearly, once = programme
    exam = examination_record(
        actor=doctor,
        person=world.person_a,
        facility=world.facility_a,
        kind="periodic",
        examined_at=ago(hours=1),
    )
    login(doctor)
    url = f"/medical/care/screening/examinations/{exam.uuid}/"
    panel = client.get(url, HTTP_HX_REQUEST="true")
    body = panel.content.decode()
    assert (
        panel.status_code == 200 and "Test X" in body and "Test Y" not in body
    )  # periodic: X only
    assert "<html" not in body  # a fragment for the examination page
    assert AuditEntry.objects.filter(action="medical.read", object_id=str(exam.uuid))
    r = client.post(url, {"test_x": "negative"})
    assert r.status_code == 302 and r["Location"] == exam.get_absolute_url()
    result = ScreeningResult.objects.get()
    assert (result.examination, result.taken_at, result.result) == (
        exam,
        exam.examined_at,
        "negative",
    )
    # Recorded once per examination: the panel no longer offers it, a second post is refused.
    again = client.post(url, {"test_x": "positive"})
    assert again.status_code == 400 and ScreeningResult.objects.count() == 1
    page = client.get(url).content.decode()
    assert "<html" in page and 'name="test_x"' not in page


def test_the_examination_page_loads_the_panel(world, login, client, doctor):
    from qorgau.medical.services import examination_record

    exam = examination_record(
        actor=doctor,
        person=world.person_a,
        facility=world.facility_a,
        kind="admission",
        examined_at=ago(hours=1),
    )
    login(doctor)
    page = client.get(exam.get_absolute_url()).content.decode()
    assert f'hx-get="/medical/care/screening/examinations/{exam.uuid}/"' in page


def test_the_person_page_records_a_result_and_logs_the_read(
    world, login, client, doctor, programme
):
    login(doctor)
    url = f"/medical/care/screening/people/{world.person_a.uuid}/"
    page = client.get(url)
    assert page.status_code == 200 and "Test X" in page.content.decode()
    read = AuditEntry.objects.get(action="medical.read", object_id=str(world.person_a.uuid))
    assert read.actor_id == doctor.pk
    r = client.post(url, {"test": "x", "taken_at": "2020-01-01T10:00", "result": "negative"})
    assert r.status_code == 302
    bad = client.post(url, {"test": "x", "taken_at": "2999-01-01T10:00", "result": "negative"})
    assert bad.status_code == 400 and "cannot be in the future" in bad.content.decode()
    assert ScreeningResult.objects.count() == 1


def test_the_due_list_and_coverage_pages_show_people_and_figures(
    world, login, client, doctor, programme
):
    login(doctor)
    due = client.get("/medical/care/screening/").content.decode()
    assert world.person_a.full_name in due and "Test X" in due
    coverage = client.get("/medical/care/screening/coverage/").content.decode()
    assert "<svg" in coverage and "0.0%" in coverage
