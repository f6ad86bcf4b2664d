from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qorgau.core.models import AuditEntry
from qorgau.medical.care import selectors, services
from qorgau.medical.care.models import StaffPosition
from qorgau.testing.factories import PopulationCountFactory

D = Decimal


def _set(user, facility, specialty, authorised, filled):
    return services.staff_position_set(
        actor=user,
        facility=facility,
        specialty=specialty,
        authorised=D(authorised),
        filled=D(filled),
    )


def _line(lines, label):
    return next(line for line in lines if str(line.label) == label)


def test_vacancies_and_posts_per_100_people_held_use_the_latest_count(world, doctor):
    # The world counts 450 held on 2026-10-01; a later count of 400 is the one that counts.
    PopulationCountFactory(facility=world.facility_a, date=date(2026, 11, 1), men=380, women=20)
    _set(doctor, world.facility_a, "general_practitioner", "4", "3")
    _set(doctor, world.facility_a, "nurse", "10", "6.5")
    facility = selectors.facility_get_for_user(user=doctor, uuid=world.facility_a.uuid)
    lines = selectors.staffing_for_facility(facility=facility)
    gp, nurse = _line(lines, "General practitioner"), _line(lines, "Nurse")
    assert (gp.vacant, gp.vacancy_rate, gp.authorised_per_100, gp.filled_per_100) == (
        D("1"),
        25.0,
        D("1.00"),
        D("0.75"),
    )
    assert (nurse.vacant, nurse.filled_per_100) == (D("3.5"), D("1.62"))
    total = selectors.staffing_total(lines, "all", facility.headcount)
    assert (total.authorised, total.filled, total.vacant, total.headcount) == (
        D("14"),
        D("9.5"),
        D("4.5"),
        400,
    )
    assert total.filled_per_100 == D("2.38")


def test_without_a_population_count_there_is_no_figure_per_100(world, doctor):
    world.facility_a.population.all().delete()
    _set(doctor, world.facility_a, "dentist", "1", "0")
    facility = selectors.facility_get_for_user(user=doctor, uuid=world.facility_a.uuid)
    [line] = selectors.staffing_for_facility(facility=facility)
    assert line.vacant == D("1") and line.authorised_per_100 is None


def test_setting_a_specialty_again_replaces_its_posts_and_is_audited(world, doctor):
    _set(doctor, world.facility_a, "psychiatrist", "1", "0")
    _set(doctor, world.facility_a, "psychiatrist", "1.5", "1")
    position = StaffPosition.objects.get()
    assert (position.authorised, position.filled) == (D("1.5"), D("1"))
    entries = AuditEntry.objects.filter(
        action="medical.staffing", object_id=str(world.facility_a.uuid)
    )
    assert entries.count() == 2
    assert entries.first().details == {
        "specialty": "psychiatrist",
        "authorised": "1.5",
        "filled": "1",
    }


def test_more_filled_than_authorised_is_refused_and_changes_nothing(world, doctor):
    _set(doctor, world.facility_a, "feldsher", "2", "2")
    with pytest.raises(ValidationError, match="More posts filled than authorised"):
        _set(doctor, world.facility_a, "feldsher", "2", "3")
    assert StaffPosition.objects.get().filled == D("2")


def test_the_summary_sums_the_places_in_scope(world, doctor, national_doctor):
    _set(national_doctor, world.facility_a, "nurse", "9", "9")
    _set(national_doctor, world.facility_b, "nurse", "9", "4.5")
    _set(national_doctor, world.facility_b, "phthisiatrician", "1", "0")
    lines = selectors.staffing_summary(user=national_doctor)
    assert [(line.facility, line.vacant) for line in lines] == sorted(
        [(world.facility_a, D("0")), (world.facility_b, D("5.5"))],
        key=lambda x: (x[0].region.name_ru, x[0].name_ru),
    )
    total = selectors.staffing_total(lines, "all", selectors.places_headcount(lines))
    assert (total.vacant, total.headcount, total.authorised_per_100) == (D("5.5"), 900, D("2.11"))
    by_specialty = selectors.staffing_by_specialty(user=national_doctor, headcount=900)
    assert [(str(s.label), s.authorised, s.filled, s.filled_per_100) for s in by_specialty] == [
        ("Phthisiatrician (TB specialist)", D("1"), D("0"), D("0.00")),
        ("Nurse", D("18"), D("13.5"), D("1.50")),
    ]
    # The facility officer's summary holds facility A only.
    assert [line.facility for line in selectors.staffing_summary(user=doctor)] == [world.facility_a]


def test_the_staffing_pages_show_and_record_posts(world, login, client, doctor):
    login(doctor)
    url = f"/medical/care/staffing/{world.facility_a.uuid}/"
    r = client.post(f"{url}posts/", {"specialty": "dentist", "authorised": "1", "filled": "2"})
    assert r.status_code == 400 and "More posts filled than authorised" in r.content.decode()
    r = client.post(f"{url}posts/", {"specialty": "dentist", "authorised": "2", "filled": "1"})
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "Dentist" in page and "0.44" in page  # 2 authorised per 450 held
    summary = client.get("/medical/care/staffing/").content.decode()
    assert world.facility_a.name in summary and "50.0%" in summary
