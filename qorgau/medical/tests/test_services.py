from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.allegations import services as allegation_services
from qorgau.allegations.choices import SafeguardKind, SourceKind
from qorgau.allegations.models import CaseFile, CaseSource
from qorgau.core.models import AuditEntry
from qorgau.medical.models import Examination

from .conftest import BRUISE


def test_an_examination_without_signs_of_ill_treatment_opens_no_case_file(record):
    examination = record(injuries=[BRUISE], findings="Ушиб, со слов — упал.")
    assert examination.injuries.count() == 1
    assert examination.case_reference == ""
    assert not CaseFile.objects.exists()


def test_an_allegation_with_injuries_opens_a_case_file_with_the_person_as_victim(world, record):
    examination = record(alleges_ill_treatment=True, injuries=[BRUISE, BRUISE])
    case = CaseFile.objects.get()
    assert examination.case_reference == case.number
    assert case.facility == world.facility_a and case.known_at == examination.examined_at
    assert case.sources.get().kind == SourceKind.EXAMINATION
    assert case.sources.get().reference == str(examination.uuid)
    victim = case.victims.get()
    assert victim.person == world.person_a and not victim.consent_prosecutor
    # The prosecutor's notification is the file's referral safeguard, due in 24 hours.
    referral = case.safeguards.get(kind=SafeguardKind.REFERRAL)
    assert referral.due_at == examination.examined_at + timedelta(hours=24)


def test_the_summary_of_the_case_file_is_factual_not_the_account(record):
    record(
        alleges_ill_treatment=True,
        account="Били дубинкой в отделе полиции",
        conclusion="highly_consistent",
        injuries=[BRUISE],
    )
    summary = CaseFile.objects.get().summary
    assert "1 injury recorded" in summary and "Highly consistent with" in summary
    assert "дубинкой" not in summary


def test_an_allegation_without_injuries_opens_no_case_file(record):
    record(alleges_ill_treatment=True)
    assert not CaseFile.objects.exists()


@pytest.mark.parametrize("conclusion", ["consistent", "highly_consistent", "typical", "diagnostic"])
def test_a_conclusion_of_consistent_or_stronger_opens_a_case_file(record, conclusion):
    examination = record(conclusion=conclusion)
    assert examination.case_reference == CaseFile.objects.get().number


def test_a_conclusion_of_not_consistent_opens_none(record):
    record(conclusion="not_consistent", injuries=[BRUISE])
    assert not CaseFile.objects.exists()


def test_unexplained_injuries_on_return_from_police_open_a_case_file(record):
    record(kind="return_from_police", injuries_unexplained=True, injuries=[BRUISE])
    assert CaseFile.objects.count() == 1


def test_unexplained_injuries_at_a_periodic_examination_open_none(record):
    record(kind="periodic", injuries_unexplained=True, injuries=[BRUISE])
    assert not CaseFile.objects.exists()


def test_an_open_case_file_of_the_person_is_joined_not_duplicated(world, record, doctor):
    case = allegation_services.case_open(
        actor=doctor, facility=world.facility_a, summary="Избиение", known_at=timezone.now()
    )
    allegation_services.victim_add(actor=doctor, case=case, person=world.person_a)
    examination = record(conclusion="consistent")
    assert CaseFile.objects.count() == 1
    assert examination.case_reference == case.number
    assert case.sources.filter(kind=SourceKind.EXAMINATION).get().reference == str(examination.uuid)


def test_an_old_or_closed_case_file_is_not_joined(world, record, doctor):
    old = allegation_services.case_open(
        actor=doctor,
        facility=world.facility_a,
        summary="Избиение",
        known_at=timezone.now() - timedelta(days=40),
    )
    allegation_services.victim_add(actor=doctor, case=old, person=world.person_a)
    examination = record(conclusion="consistent")
    assert CaseFile.objects.count() == 2 and examination.case_reference != old.number


def test_without_consent_only_the_refusal_is_recorded(record):
    with pytest.raises(ValidationError) as exc:
        record(consent=False, findings="Ссадина")
    assert "consent" in exc.value.message_dict
    with pytest.raises(ValidationError):
        record(consent=False, injuries=[BRUISE])
    examination = record(consent=False, account="Отказался от осмотра")
    assert not Examination.objects.exclude(pk=examination.pk).exists()


def test_an_examination_in_the_future_is_refused(record):
    with pytest.raises(ValidationError) as exc:
        record(examined_at=timezone.now() + timedelta(hours=1))
    assert "examined_at" in exc.value.message_dict
    assert not Examination.objects.exists()


def test_a_person_never_held_at_the_place_is_refused(world, record):
    with pytest.raises(ValidationError):
        record(facility=world.facility_b)
    assert not Examination.objects.exists()


def test_the_audit_names_the_examination_and_the_case_file_but_not_the_content(record):
    examination = record(alleges_ill_treatment=True, account="Били дубинкой", injuries=[BRUISE])
    entry = AuditEntry.objects.get(action="medical.examination")
    assert entry.object_id == str(examination.uuid)
    assert "дубинкой" not in str(entry.details) and "дубинкой" not in entry.object_repr
    assert AuditEntry.objects.filter(action="allegation.open").exists()
    assert AuditEntry.objects.filter(action="allegation.victim").exists()


def test_a_failure_in_the_case_file_rolls_back_the_examination(world, record, monkeypatch):
    def boom(**kwargs):
        raise ValidationError("no")

    monkeypatch.setattr(allegation_services, "victim_add", boom)
    with pytest.raises(ValidationError):
        record(conclusion="diagnostic")
    assert not Examination.objects.exists() and not CaseSource.objects.exists()
