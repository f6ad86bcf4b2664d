from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from qorgau.accounts.roles import Role
from qorgau.complaints.intake import receipt_status
from qorgau.complaints.merging import complaint_merge, duplicates_for_user, receipt_view, score
from qorgau.complaints.models import ComplainantIdentity, Complaint, ComplaintEvent
from qorgau.complaints.services import complaint_answer, complaint_transition
from qorgau.core.models import AuditEntry

from .casework import receipt_code, register

SAME = "Меня избили в дежурной части третьего ноября, били дубинкой по спине, потом ШИЗО."


@pytest.fixture
def staff(world):
    return world.users[Role.OMBUDSMAN_STAFF]  # region A


@pytest.fixture
def pair(world):
    main = register(world.facility_a, 1, description=SAME, event_date="2026-11-03")
    dup = register(
        world.facility_a, 2, description=SAME + " Прошу проверить.", event_date="2026-11-03"
    )
    return main, dup


def test_a_retold_event_scores_high_with_its_reasons(world, staff, pair):
    main, dup = pair
    other = register(
        world.facility_a,
        3,
        description="Нет горячей воды в бане уже месяц.",
        categories=["conditions"],
        event_date=None,
    )
    found = duplicates_for_user(user=staff, complaint=main)
    assert [d.complaint for d in found] == [dup]
    reasons = " ".join(r for r, _p in found[0].reasons)
    assert "words in common" in reasons and "same date of the event" in reasons
    assert found[0].score >= 70
    assert score(main, other).score < 40


def test_the_same_complainant_counts_without_showing_who(world, staff):
    a = register(world.facility_a, 1, description="Угрожали расправой за жалобу.")
    b = register(
        world.facility_a, 2, description="Не дали позвонить матери.", categories=["family"]
    )
    for c in (a, b):
        ComplainantIdentity.objects.filter(complaint=c).update(person=world.person_a)
    d = score(Complaint.objects.get(pk=a.pk), Complaint.objects.get(pk=b.pk))
    assert ("the same complainant", 40) in d.reasons
    assert "Ахметов" not in str(d.reasons)


def test_duplicates_are_looked_for_only_at_the_same_place_and_in_the_window(
    world, staff, pair, settings
):
    main, dup = pair
    elsewhere = register(world.facility_b, 3, description=SAME, event_date="2026-11-03")
    long_ago = register(
        world.facility_a,
        4,
        description=SAME,
        event_date="2026-11-03",
        received_at=main.received_at - timedelta(days=settings.QORGAU_DUPLICATE_WINDOW_DAYS + 1),
    )
    found = {d.complaint for d in duplicates_for_user(user=staff, complaint=main)}
    assert dup in found and elsewhere not in found and long_ago not in found


def test_merge_links_records_both_histories_and_audits(world, staff, pair):
    main, dup = pair
    complaint_merge(actor=staff, duplicate=dup, main=main, note="Одно и то же событие")
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into == main
    assert ComplaintEvent.objects.filter(complaint=dup, kind="merge", to_status="merged").exists()
    main_event = ComplaintEvent.objects.get(complaint=main, kind="merge")
    assert dup.number in main_event.text and "Одно и то же" in main_event.text
    assert AuditEntry.objects.filter(action="complaint.merge", object_id=str(dup.uuid)).exists()
    assert AuditEntry.objects.filter(
        action="complaint.merge.main", object_id=str(main.uuid)
    ).exists()
    # Merged is terminal: no status move, no answer.
    with pytest.raises(ValidationError):
        complaint_transition(actor=staff, complaint=dup, to="triaged")
    with pytest.raises(ValidationError):
        complaint_answer(actor=staff, complaint=dup, text="x")
    assert duplicates_for_user(user=staff, complaint=main) == []  # merged ones are not offered


def test_merge_refuses_itself_a_merged_main_and_a_merged_duplicate(world, staff, pair):
    main, dup = pair
    third = register(world.facility_a, 3)
    with pytest.raises(ValidationError, match="itself"):
        complaint_merge(actor=staff, duplicate=main, main=main)
    complaint_merge(actor=staff, duplicate=dup, main=main)
    with pytest.raises(ValidationError, match="merge into that one"):
        complaint_merge(actor=staff, duplicate=third, main=dup)
    with pytest.raises(ValidationError, match="already merged"):
        complaint_merge(actor=staff, duplicate=dup, main=third)
    third.refresh_from_db()
    assert third.status == "registered" and third.merged_into is None


def test_merge_refuses_a_complaint_out_of_scope(world, staff):
    a = register(world.facility_a, 1)
    b = register(world.facility_b, 2)
    with pytest.raises(ValidationError, match="area of work"):
        complaint_merge(actor=staff, duplicate=a, main=b)
    with pytest.raises(ValidationError, match="area of work"):
        complaint_merge(actor=staff, duplicate=b, main=a)
    assert not Complaint.objects.filter(status="merged").exists()


def test_earlier_merges_follow_the_new_main_complaint(world, staff):
    a, b, c = (register(world.facility_a, n) for n in (1, 2, 3))
    complaint_merge(actor=staff, duplicate=a, main=b)
    complaint_merge(actor=staff, duplicate=b, main=c)
    a.refresh_from_db()
    assert a.merged_into == c


def test_the_merged_complainant_reads_the_main_answer_by_receipt(world, staff, pair, client):
    main, dup = pair
    complaint_merge(actor=staff, duplicate=dup, main=main)
    view = receipt_view(receipt_status(code=receipt_code(2), secret="12345678"))
    assert view.merged and "Registered" in view.status_label and view.answer == ""
    complaint_transition(actor=staff, complaint=main, to="triaged")
    complaint_answer(actor=staff, complaint=main, text="Направлено прокурору области.")
    view = receipt_view(receipt_status(code=receipt_code(2), secret="12345678"))
    assert view.answer == "Направлено прокурору области." and "Answered" in view.status_label
    page = client.post("/complain/status/", {"code": receipt_code(2), "secret": "12345678"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "joined with another complaint" in body and "Направлено прокурору области." in body
    assert main.number not in body  # the other complaint's number is none of their business


def test_staff_merge_through_the_page(world, login, client, staff, pair):
    main, dup = pair
    login(staff)
    page = client.get(dup.get_absolute_url()).content.decode()
    assert "Possible duplicates" in page and main.number in page
    r = client.post(f"{dup.get_absolute_url()}merge/", {"into": main.number.lower(), "note": ""})
    assert r.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == main
    assert dup.number in client.get(main.get_absolute_url()).content.decode()


def test_merge_page_refuses_with_a_clear_error(world, login, client, staff, pair):
    main, dup = pair
    other = register(world.facility_b, 3)
    login(staff)
    url = f"{dup.get_absolute_url()}merge/"
    for into, words in (
        (dup.number, "itself"),
        (other.number, "No complaint"),  # out of scope reads as absent
        ("CMP-2026-999999", "No complaint"),
        ("nonsense", "Write a complaint number"),
    ):
        r = client.post(url, {"into": into})
        assert r.status_code == 400 and words in r.content.decode(), into
    dup.refresh_from_db()
    assert dup.status == "registered"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OMBUDSMAN_STAFF])
def test_no_other_role_merges(world, login, client, pair, role):
    main, dup = pair
    login(world.users[role])
    r = client.post(f"{dup.get_absolute_url()}merge/", {"into": main.number})
    assert r.status_code in (403, 404)
    dup.refresh_from_db()
    assert dup.status == "registered"
