"""Confidential interviews: pseudonyms only, notes for the team and coordinators with every
read audited, and an allegation that leaves the visit only with consent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.allegations.models import CaseFile, CaseSource
from qorgau.allegations.services import case_open
from qorgau.core.models import AuditEntry
from qorgau.visits.models import Interview
from qorgau.visits.onsite import services

NOTES = "Бьют дубинками в ШИЗО, дежурный Сидоров, ночью"


def held():
    return (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")


def form(**over):
    data = {
        "kind": "individual",
        "group_size": 1,
        "pseudonym": "Асан",
        "held_at": held(),
        "in_private": "on",
        "notes": NOTES,
        "themes": ["discipline", "dignity"],
    }
    data.update(over)
    return data


def record(site, **over):
    values = dict(
        actor=site.participant,
        visit=site.a,
        kind="individual",
        pseudonym="Асан",
        held_at=timezone.now() - timedelta(hours=1),
        notes=NOTES,
    )
    values.update(over)
    return services.interview_record(**values)


def test_team_records_an_interview_and_reads_the_notes_audited(db, site, login, client):
    login(site.participant)
    r = client.post(f"/visits/{site.a.uuid}/interviews/", form())
    assert r.status_code == 302
    interview = Interview.objects.get()
    assert interview.themes == ["discipline", "dignity"] and interview.by == site.participant
    listing = client.get(f"/visits/{site.a.uuid}/interviews/").content.decode()
    assert "Асан" in listing and NOTES not in listing  # the list never shows notes
    assert not AuditEntry.objects.filter(action="read", object_id=str(interview.uuid)).exists()
    for reader in (site.participant, site.coordinator):
        login(reader)
        r = client.get(f"/visits/{site.a.uuid}/interviews/{interview.uuid}/")
        assert r.status_code == 200 and NOTES in r.content.decode()
    reads = AuditEntry.objects.filter(action="read", object_id=str(interview.uuid))
    assert {e.actor_id for e in reads} == {site.participant.pk, site.coordinator.pk}
    assert all(NOTES not in str(e.details) for e in AuditEntry.objects.all())


@pytest.mark.parametrize("who", ["staff", "facility", "outsider"])
def test_notes_are_never_shown_to_others(db, site, login, client, who):
    interview = record(site)
    login(getattr(site, who))
    for url in (
        f"/visits/{site.a.uuid}/interviews/",
        f"/visits/{site.a.uuid}/interviews/{interview.uuid}/",
    ):
        r = client.get(url)
        assert r.status_code == (403 if who == "staff" else 404), url
        assert NOTES not in r.content.decode()
    r = client.post(f"/visits/{site.a.uuid}/interviews/", form(pseudonym="Другой"))
    assert r.status_code in (403, 404) and Interview.objects.count() == 1
    assert not AuditEntry.objects.filter(action="read", object_id=str(interview.uuid)).exists()


def test_participant_of_another_team_gets_404(db, site, login, client):
    interview = record(site, visit=site.b, actor=site.coordinator)
    login(site.participant)
    assert client.get(f"/visits/{site.b.uuid}/interviews/{interview.uuid}/").status_code == 404
    # Nor through visit A, which they may work on.
    assert client.get(f"/visits/{site.a.uuid}/interviews/{interview.uuid}/").status_code == 404


@pytest.mark.parametrize(
    "pseudonym", ["900517300123", "9005 1730 0123", "Асан 900517-300-123", "ИИН900517300123"]
)
def test_a_pseudonym_that_looks_like_an_iin_is_refused(db, site, login, client, pseudonym):
    login(site.participant)
    r = client.post(f"/visits/{site.a.uuid}/interviews/", form(pseudonym=pseudonym))
    assert r.status_code == 400 and "IIN" in r.content.decode()
    assert not Interview.objects.exists()


def test_group_size_must_fit_the_kind(db, site):
    with pytest.raises(ValidationError) as e:
        record(site, kind="group", group_size=1)
    assert "group_size" in e.value.error_dict
    with pytest.raises(ValidationError):
        record(site, kind="individual", group_size=3)
    assert record(site, kind="group", group_size=5).group_size == 5


def test_future_time_or_zone_of_another_place_is_refused(db, site, world):
    with pytest.raises(ValidationError):
        record(site, held_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError):
        record(site, zone=world.zone_b)
    assert not Interview.objects.exists()


def test_allegation_with_consent_opens_a_case_file_without_the_notes(db, site, login, client):
    login(site.participant)
    summary = "Сообщает о побоях дубинками в ШИЗО в марте; согласен на передачу"
    r = client.post(
        f"/visits/{site.a.uuid}/interviews/",
        form(alleges_ill_treatment="on", consent_to_pass="on", case_summary=summary),
    )
    assert r.status_code == 302
    interview = Interview.objects.get()
    case = CaseFile.objects.get(number=interview.case_reference)
    assert case.facility == site.a.facility and case.summary == summary
    assert NOTES not in case.summary and "Асан" not in case.summary
    source = CaseSource.objects.get(case=case, kind="interview")
    assert source.reference == str(interview.uuid)


def test_allegation_with_consent_joins_an_existing_case_file(db, site):
    existing = case_open(actor=site.coordinator, facility=site.a.facility, summary="Побои")
    interview = record(
        site, alleges_ill_treatment=True, consent_to_pass=True, join_case=existing.number.lower()
    )
    assert interview.case_reference == existing.number
    assert CaseSource.objects.filter(case=existing, kind="interview").exists()
    assert CaseFile.objects.count() == 1


def test_joining_a_case_file_of_another_place_or_unknown_is_refused(db, site):
    other = case_open(actor=site.coordinator, facility=site.b.facility, summary="Побои")
    for number in (other.number, "ALG-2026-999999"):
        with pytest.raises(ValidationError):
            record(site, alleges_ill_treatment=True, consent_to_pass=True, join_case=number)
    assert not Interview.objects.exists()


def test_without_consent_nothing_leaves_the_visit(db, site, login, client):
    login(site.participant)
    r = client.post(f"/visits/{site.a.uuid}/interviews/", form(alleges_ill_treatment="on"))
    assert r.status_code == 302
    assert Interview.objects.get().case_reference == ""
    assert not CaseFile.objects.exists()
    # A summary for the case file without consent is refused, not quietly dropped.
    r = client.post(
        f"/visits/{site.a.uuid}/interviews/",
        form(pseudonym="Б", alleges_ill_treatment="on", case_summary="Побои"),
    )
    assert r.status_code == 400 and Interview.objects.count() == 1
    assert not CaseFile.objects.exists()


def test_consent_to_open_a_case_needs_what_may_be_passed_on(db, site):
    with pytest.raises(ValidationError) as e:
        record(site, alleges_ill_treatment=True, consent_to_pass=True)
    assert "case_summary" in e.value.error_dict
    assert not CaseFile.objects.exists()
