from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from qorgau.accounts.roles import Role
from qorgau.allegations import services
from qorgau.allegations.choices import (
    FlagStatus,
    ReferralStatus,
    SafeguardKind,
    SafeguardStatus,
    UpdateKind,
)
from qorgau.allegations.models import CaseFile, ReprisalFlag
from qorgau.allegations.selectors import case_for_source, overdue_safeguards_for_user
from qorgau.complaints.services import complaint_triage
from qorgau.core.models import AuditEntry
from qorgau.people.services import placement_record, sanction_record
from qorgau.testing.factories import ZoneFactory


def test_triage_as_torture_opens_a_case_file_with_five_safeguards(make_complaint, staff, settings):
    settings.QORGAU_REFERRAL_HOURS = 24
    complaint = make_complaint()
    complaint_triage(actor=staff, complaint=complaint, categories=["torture"], urgent=True)
    case = case_for_source(kind="complaint", reference=complaint.number)
    assert case is not None and case.facility == complaint.facility
    assert case.known_at == complaint.received_at
    kinds = {s.kind: s for s in case.safeguards.all()}
    assert set(kinds) == set(SafeguardKind.values)
    assert kinds["referral"].due_at == complaint.received_at + timedelta(hours=24)
    assert kinds["referral"].owner == Role.OMBUDSMAN_STAFF
    assert kinds["forensic"].owner == Role.MEDICAL_OFFICER
    # The event date of the complaint bounds the time window; footage runs from it.
    assert timezone.localtime(case.event_from).date().isoformat() == "2026-11-03"
    assert kinds["footage"].due_at == case.event_to + timedelta(
        days=settings.QORGAU_FOOTAGE_RETENTION_DAYS
    )
    victim = case.victims.get()
    assert victim.complaint_number == complaint.number and victim.consent_prosecutor
    assert not victim.name  # the identity stays with the complaint
    assert AuditEntry.objects.filter(action="allegation.open", object_id=str(case.uuid)).exists()


def test_triage_again_or_without_torture_opens_nothing_more(make_complaint, staff):
    complaint = make_complaint()
    complaint_triage(actor=staff, complaint=complaint, categories=["torture"], urgent=False)
    complaint_triage(actor=staff, complaint=complaint, categories=["torture"], urgent=True)
    other = make_complaint(categories=["conditions"])
    complaint_triage(actor=staff, complaint=other, categories=["conditions"], urgent=False)
    assert CaseFile.objects.count() == 1


def test_a_second_complaint_joins_the_file_but_not_twice(make_complaint, staff, world):
    first, second = make_complaint(), make_complaint()
    case = services.case_open_from_complaint(actor=staff, complaint=first)
    services.case_link_complaint(actor=staff, case=case, complaint=second)
    assert case.sources.count() == 2 and case.victims.count() == 2
    with pytest.raises(ValidationError):
        services.case_link_complaint(actor=staff, case=case, complaint=second)
    elsewhere = services.case_open(actor=staff, facility=world.facility_b, summary="Другое")
    third = make_complaint()
    with pytest.raises(ValidationError, match="another facility"):
        services.case_link_complaint(actor=staff, case=elsewhere, complaint=third)


def test_bad_facts_are_refused_and_change_nothing(staff, world):
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.case_open(actor=staff, facility=world.facility_a, summary="  ")
    with pytest.raises(ValidationError):
        services.case_open(
            actor=staff,
            facility=world.facility_a,
            summary="x",
            event_from=now - timedelta(hours=1),
            event_to=now - timedelta(hours=2),
        )
    with pytest.raises(ValidationError):
        services.case_open(actor=staff, facility=world.facility_a, summary="x", zone=world.zone_b)
    assert not CaseFile.objects.exists()


def test_overdue_safeguards_are_listed_in_scope_only(staff, world):
    past = timezone.now() - timedelta(days=2)
    a = services.case_open(actor=staff, facility=world.facility_a, summary="A", known_at=past)
    services.case_open(actor=staff, facility=world.facility_b, summary="B", known_at=past)
    overdue = list(overdue_safeguards_for_user(user=staff))
    assert {s.case for s in overdue} == {a}
    # Referral, protection (24 h) and forensic (72 h? not yet) — and never the watch.
    assert {s.kind for s in overdue} == {"referral", "protection"}


def test_safeguard_rules(staff, world):
    case = services.case_open(actor=staff, facility=world.facility_a, summary="A")
    forensic = case.safeguards.get(kind="forensic")
    with pytest.raises(ValidationError):
        services.safeguard_complete(actor=staff, safeguard=forensic, status="failed", note="")
    services.safeguard_complete(
        actor=staff, safeguard=forensic, status="failed", note="Травмы зажили до осмотра."
    )
    forensic.refresh_from_db()
    assert forensic.status == SafeguardStatus.FAILED and forensic.completed_by == staff
    with pytest.raises(ValidationError):
        services.safeguard_complete(actor=staff, safeguard=forensic, status="done", note="")
    with pytest.raises(ValidationError, match="sending"):
        services.safeguard_complete(
            actor=staff, safeguard=case.safeguards.get(kind="referral"), status="done", note=""
        )
    with pytest.raises(ValidationError):
        services.safeguard_complete(
            actor=staff,
            safeguard=case.safeguards.get(kind="reprisal_watch"),
            status="not_needed",
            note="Не нужно совсем никак",
        )


def test_referral_carries_identity_only_with_consent(make_complaint, staff):
    from qorgau.allegations import documents

    with_consent = make_complaint()
    case = services.case_open_from_complaint(actor=staff, complaint=with_consent)
    letter = documents.referral_letter(
        case=case, number="REF-X", sent_at=timezone.now(), with_identity=True
    )
    assert letter.carries_identity
    assert ("Full name", "Сейтов Нурлан") in letter.victims[0].identity

    without = make_complaint(consent_prosecutor=False)
    case2 = services.case_open_from_complaint(actor=staff, complaint=without)
    letter2 = documents.referral_letter(
        case=case2, number="REF-Y", sent_at=timezone.now(), with_identity=True
    )
    assert not letter2.carries_identity and letter2.victims[0].withheld
    docx = documents.letter_docx(letter2)
    assert docx[:2] == b"PK"
    assert "Сейтов".encode() not in docx


def test_sending_the_referral_fixes_the_letter_and_completes_the_safeguard(make_complaint, staff):
    complaint = make_complaint()
    case = services.case_open_from_complaint(actor=staff, complaint=complaint)
    referral = services.referral_send(actor=staff, case=case)
    assert bytes(referral.letter_pdf).startswith(b"%PDF")
    assert bytes(referral.copy_pdf).startswith(b"%PDF")
    assert referral.letter_pdf != referral.copy_pdf and referral.carries_identity
    assert len(referral.letter_sha256) == 64
    sg = case.safeguards.get(kind="referral")
    assert sg.status == SafeguardStatus.DONE and sg.note == referral.number
    with pytest.raises(ValidationError):
        services.referral_send(actor=staff, case=case)
    # The text of the letter is really in the PDF (fonts embedded, Cyrillic intact).
    text = "".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(referral.letter_pdf)).pages)
    assert case.number in text and "Сейтов Нурлан" in text
    copy = "".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(referral.copy_pdf)).pages)
    assert "Сейтов" not in copy


def test_prosecutor_records_in_order(make_complaint, staff, world):
    prosecutor = world.users[Role.PROSECUTOR]
    case = services.case_open_from_complaint(actor=staff, complaint=make_complaint())
    referral = services.referral_send(actor=staff, case=case)
    with pytest.raises(ValidationError):
        services.referral_record(
            actor=prosecutor,
            referral=referral,
            kind=UpdateKind.REGISTRATION,
            criminal_case_number="261500031000123",
            registered_on=timezone.localdate(),
        )
    services.referral_record(actor=prosecutor, referral=referral, kind=UpdateKind.RECEIPT)
    with pytest.raises(ValidationError):
        services.referral_record(actor=prosecutor, referral=referral, kind=UpdateKind.REGISTRATION)
    with pytest.raises(ValidationError):
        services.referral_record(
            actor=prosecutor,
            referral=referral,
            kind=UpdateKind.REGISTRATION,
            criminal_case_number="1",
            registered_on=timezone.localdate() + timedelta(days=1),
        )
    services.referral_record(
        actor=prosecutor,
        referral=referral,
        kind=UpdateKind.REGISTRATION,
        criminal_case_number="261500031000123",
        registered_on=timezone.localdate(),
    )
    services.referral_record(
        actor=prosecutor, referral=referral, kind=UpdateKind.OUTCOME, text="Приговор: 5 лет."
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.criminal_case_number == "261500031000123"
    assert referral.updates.count() == 3
    assert referral.updates.filter(seen_at__isnull=True).count() == 3
    services.referral_updates_seen(case=case)
    assert not referral.updates.filter(seen_at__isnull=True).exists()


def test_transfer_sanction_and_isolation_during_the_watch_raise_flags(staff, world):
    person = world.person_a
    case = services.case_open(
        actor=staff,
        facility=world.facility_a,
        summary="A",
        known_at=timezone.now() - timedelta(days=10),
    )
    services.victim_add(actor=staff, case=case, person=person)
    with pytest.raises(ValidationError):
        services.victim_add(actor=staff, case=case, person=person)
    cells = ZoneFactory(facility=world.facility_a, kind="cell", name="Отряд 2")
    t = timezone.now() - timedelta(days=5)
    placement_record(actor=None, person=person, kind="zone_move", at=t, zone=cells)
    assert not ReprisalFlag.objects.exists()  # an ordinary move is not a flag
    placement_record(
        actor=None, person=person, kind="zone_move", at=t + timedelta(hours=1), zone=world.zone_a
    )
    sanction_record(
        actor=None, person=person, kind="reprimand", at=t + timedelta(hours=2), reason="Спор"
    )
    placement_record(
        actor=None,
        person=person,
        kind="transfer",
        at=t + timedelta(hours=3),
        facility=world.facility_b,
    )
    kinds = sorted(case.reprisal_flags.values_list("kind", flat=True))
    assert kinds == ["disciplinary_cell", "sanction", "transfer"]
    flag = case.reprisal_flags.get(kind="transfer")
    with pytest.raises(ValidationError):
        services.flag_review(actor=staff, flag=flag, status="reprisal", note="")
    services.flag_review(
        actor=staff, flag=flag, status="reprisal", note="Перевод сразу после жалобы."
    )
    assert ReprisalFlag.objects.get(pk=flag.pk).status == FlagStatus.REPRISAL


def test_events_outside_the_watch_are_not_flagged(staff, world, settings):
    settings.QORGAU_REPRISAL_WATCH_DAYS = 30
    person = world.person_a
    case = services.case_open(
        actor=staff,
        facility=world.facility_a,
        summary="A",
        known_at=timezone.now() - timedelta(days=40),
    )
    services.victim_add(actor=staff, case=case, person=person)
    placement_record(
        actor=None, person=person, kind="zone_move", at=timezone.now(), zone=world.zone_a
    )
    assert not ReprisalFlag.objects.exists()


def test_a_victim_named_by_a_relative_goes_by_their_own_name(make_complaint, staff):
    from qorgau.allegations import documents

    complaint = make_complaint(about="other", victim_name="Нуров Асан")
    case = services.case_open_from_complaint(actor=staff, complaint=complaint)
    victim = case.victims.get()
    assert victim.named_by_complainant and victim.person is None
    letter = documents.referral_letter(
        case=case, number="REF-Z", sent_at=timezone.now(), with_identity=True
    )
    assert letter.victims[0].identity == [("Full name", "Нуров Асан")]
    assert "named in" in letter.victims[0].label
    # The relative who complained is not named as the victim.
    assert "Сейтов" not in str(letter.victims)


def test_the_ombudsmans_copy_marks_sent_identities_as_omitted(make_complaint, staff):
    from qorgau.allegations import documents

    case = services.case_open_from_complaint(actor=staff, complaint=make_complaint())
    copy = documents.referral_letter(
        case=case, number="REF-C", sent_at=timezone.now(), with_identity=False
    )
    assert copy.victims[0].omitted and not copy.victims[0].withheld
    assert not copy.victims[0].identity


def test_letters_go_in_russian_when_the_writer_works_in_english(make_complaint, staff):
    from qorgau.allegations import documents

    case = services.case_open_from_complaint(actor=staff, complaint=make_complaint())
    assert documents.letter_language() == "ru"  # the suite works in English
    with translation.override("kk"):
        assert documents.letter_language() == "kk"
    pdf, _copy, _named = documents.referral_pdfs(case=case, number="REF-L", sent_at=timezone.now())
    assert pdf.startswith(b"%PDF")


def test_a_complainant_who_gave_an_iin_is_watched_without_being_shown(make_complaint, staff, world):
    person = world.person_a
    complaint = make_complaint(
        identity={"full_name": "Ахметов", "birth_date": None, "iin": person.iin}
    )
    case = services.case_open_from_complaint(actor=staff, complaint=complaint)
    assert case.victims.get().person == person
    sanction_record(
        actor=None, person=person, kind="reprimand", at=timezone.now(), reason="Спор с сотрудником"
    )
    assert case.reprisal_flags.get().kind == "sanction"


def test_closing_keeps_the_reason_and_stops_the_reminders(make_complaint, staff):
    past = timezone.now() - timedelta(days=3)
    case = services.case_open(
        actor=staff, facility=make_complaint().facility, summary="A", known_at=past
    )
    with pytest.raises(ValidationError, match="after its referral"):
        services.case_set_status(actor=staff, case=case, status="closed", note="Всё сделано уже")
    services.referral_send(actor=staff, case=case)
    assert overdue_safeguards_for_user(user=staff).exists()
    services.case_set_status(actor=staff, case=case, status="closed", note="Дело возбуждено, ждём.")
    case.refresh_from_db()
    assert case.status_note == "Дело возбуждено, ждём." and case.status_changed_at
    assert not overdue_safeguards_for_user(user=staff).exists()
    services.case_set_status(actor=staff, case=case, status="open")
    assert AuditEntry.objects.filter(action="allegation.reopen").exists()
    assert AuditEntry.objects.filter(action="allegation.close").exists()


def test_an_allegation_cannot_be_known_in_the_future(staff, world):
    with pytest.raises(ValidationError):
        services.case_open(
            actor=staff,
            facility=world.facility_a,
            summary="A",
            known_at=timezone.now() + timedelta(hours=1),
        )


def test_case_link_source_joins_a_record_once(world, staff):
    case = services.case_open(actor=staff, facility=world.facility_a, summary="Избиение")
    link = services.case_link_source(
        actor=staff, case=case, kind="examination", reference="3f0c1a9e-0000-4000-8000-000000000001"
    )
    assert link.case == case and case_for_source(kind="examination", reference=link.reference)
    assert AuditEntry.objects.filter(action="allegation.link", object_id=str(case.uuid)).exists()
    other = services.case_open(actor=staff, facility=world.facility_a, summary="Другое")
    with pytest.raises(ValidationError):
        services.case_link_source(
            actor=staff, case=other, kind="examination", reference=link.reference
        )
