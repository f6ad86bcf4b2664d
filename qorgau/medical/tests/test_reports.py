"""The body chart, photographs, the medical report and the notification to the prosecutor."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from qorgau.accounts.roles import Role
from qorgau.allegations.choices import ReferralKind, SafeguardKind, SafeguardStatus
from qorgau.allegations.models import CaseFile, Referral
from qorgau.core.models import AuditEntry
from qorgau.medical import bodychart, photos
from qorgau.medical.models import ExaminationPhoto
from qorgau.medical.services import notification_send
from qorgau.testing.factories import UserFactory, grant
from qorgau.testing.images import jpeg_with_gps

from .conftest import BRUISE

pytestmark = pytest.mark.django_db


def _upload(colour: str = "red"):
    return SimpleUploadedFile("injury.jpg", jpeg_with_gps(colour), content_type="image/jpeg")


def _flagged(record, **kw):
    """An examination whose findings open a case file: allegation with injuries."""
    return record(alleges_ill_treatment=True, injuries=[BRUISE], **kw)


# The body chart


def test_every_region_but_other_has_a_shape_and_each_side_its_own():
    regions = {s.region for s in bodychart.SHAPES}
    assert regions == {r.value for r in bodychart.R} - {"other"}
    assert {s.side for s in bodychart.SHAPES if s.region == "face"} == {"front"}
    assert {s.side for s in bodychart.SHAPES if s.region == "back_upper"} == {"back"}


def test_from_the_front_the_persons_right_arm_is_on_the_viewers_left():
    front_right = bodychart.shape_for("arm_right", "front")
    front_left = bodychart.shape_for("arm_left", "front")
    back_right = bodychart.shape_for("arm_right", "back")
    back_left = bodychart.shape_for("arm_left", "back")
    assert front_right.cx < front_left.cx
    assert back_left.cx < back_right.cx


def test_markers_sit_where_the_doctor_clicked_or_spread_over_their_region(record):
    examination = record(
        injuries=[
            {**BRUISE, "chart_x": 61.5, "chart_y": 20.0},
            {"body_region": "chest", "side": "front", "kind": "abrasion"},
            {"body_region": "chest", "side": "front", "kind": "burn"},
        ]
    )
    first, second, third = bodychart.markers(examination.injuries.all())
    assert (first.x, first.y) == (61.5, 20.0)
    chest = bodychart.shape_for("chest", "front")
    assert second.x == third.x == chest.cx and second.y < third.y <= chest.y + chest.h
    assert [m.n for m in (first, second, third)] == [1, 2, 3]


def test_the_form_takes_the_chart_position_of_each_injury(world, login, client, doctor):
    from .test_views import FORM, _injury

    login(doctor)
    data = {
        **FORM,
        "iin": world.person_a.iin,
        **_injury(
            0, body_region="chest", side="front", kind="bruise", chart_x="55.5", chart_y="70"
        ),
        **_injury(1, body_region="face", side="front", kind="abrasion", DELETE="on"),
    }
    r = client.post("/medical/new/", data)
    assert r.status_code == 302
    (injury,) = world.person_a.examinations.get().injuries.all()
    assert (injury.body_region, injury.chart_x, injury.chart_y) == ("chest", 55.5, 70.0)


def test_the_use_of_force_page_can_open_the_form_with_person_and_kind(world, login, client, doctor):
    login(doctor)
    page = client.get(f"/medical/new/?iin={world.person_a.iin}&kind=after_force").content.decode()
    assert f'value="{world.person_a.iin}"' in page
    assert '<option value="after_force" selected>' in page


def test_unknown_psychological_signs_are_refused(record):
    with pytest.raises(ValidationError):
        record(psych_signs=["anxiety", "telepathy"])
    examination = record(psych_signs=["anxiety", "sleep"])
    assert examination.psych_signs == ["anxiety", "sleep"]


# Photographs


def test_a_photograph_is_kept_cleaned_of_metadata_with_its_hash(record, doctor):
    examination = record(injuries=[BRUISE])
    photo = photos.photo_add(
        actor=doctor, examination=examination, upload=_upload(), consent=True, caption="Face"
    )
    data = photos.photo_bytes(photo)
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif()
    import hashlib

    assert photo.sha256 == hashlib.sha256(data).hexdigest() != photo.original_sha256
    assert AuditEntry.objects.filter(action="medical.photo.add", object_id=str(examination.uuid))


def test_without_specific_consent_no_photograph_is_stored(record, doctor):
    examination = record(injuries=[BRUISE])
    with pytest.raises(ValidationError):
        photos.photo_add(actor=doctor, examination=examination, upload=_upload(), consent=False)
    assert not ExaminationPhoto.objects.exists()
    assert not photos.storage().exists("medical")


def test_no_photograph_of_a_refused_examination(record, doctor):
    examination = record(consent=False)
    with pytest.raises(ValidationError):
        photos.photo_add(actor=doctor, examination=examination, upload=_upload(), consent=True)


def test_only_images_are_taken_as_photographs(record, doctor):
    examination = record(injuries=[BRUISE])
    with pytest.raises(ValidationError):
        photos.photo_add(
            actor=doctor,
            examination=examination,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"),
            consent=True,
        )


def test_a_photograph_of_the_genital_area_is_intimate_even_unflagged(record, doctor):
    examination = record(injuries=[{"body_region": "genital", "side": "front", "kind": "burn"}])
    injury = examination.injuries.get()
    photo = photos.photo_add(
        actor=doctor, examination=examination, upload=_upload(), consent=True, injury=injury
    )
    assert photo.intimate


def test_intimate_photographs_are_seen_by_their_examiner_alone(
    world, record, doctor, login, client
):
    examination = record(injuries=[BRUISE])
    intimate = photos.photo_add(
        actor=doctor, examination=examination, upload=_upload(), consent=True, intimate=True
    )
    colleague = UserFactory(username="colleague")
    grant(colleague, Role.MEDICAL_OFFICER, "facility", facilities=[world.facility_a])
    url = f"/medical/{examination.uuid}/photos/{intimate.uuid}/"
    login(doctor)
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert "sandbox" in r["Content-Security-Policy"]
    login(colleague)
    assert client.get(url).status_code == 404
    page = client.get(examination.get_absolute_url()).content.decode()
    assert str(intimate.uuid) not in page and "visible only to the examining doctor" in page


def test_the_photograph_form_on_the_page_refuses_without_consent(
    world, record, doctor, login, client
):
    examination = record(injuries=[BRUISE])
    login(doctor)
    r = client.post(f"/medical/{examination.uuid}/photos/", {"upload": _upload()})
    assert r.status_code == 400 and "specific consent" in r.content.decode()
    r = client.post(
        f"/medical/{examination.uuid}/photos/",
        {"upload": _upload(), "consent": "on", "caption": "Левая скула"},
    )
    assert r.status_code == 302 and examination.photos.get().caption == "Левая скула"


# The report and the notification


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_report_follows_the_protocol_with_chart_photos_and_identity(
    world, record, doctor, login, client
):
    examination = _flagged(record, account="Ударили дубинкой", psych_signs=["sleep"])
    shown = photos.photo_add(
        actor=doctor, examination=examination, upload=_upload(), consent=True, caption="Скула"
    )
    intimate = photos.photo_add(
        actor=doctor,
        examination=examination,
        upload=_upload("blue"),
        consent=True,
        intimate=True,
    )
    login(doctor)
    r = client.get(f"/medical/{examination.uuid}/report.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = _pdf_text(r.content)
    assert world.person_a.full_name in text and "Ударили дубинкой" in text
    flat = text.replace("\n", "")
    assert shown.sha256 in flat and intimate.sha256 not in flat
    assert AuditEntry.objects.filter(
        action="medical.report.read", object_id=str(examination.uuid), details__basis="medical"
    )


def test_the_ombudsman_reads_the_report_of_an_examination_on_a_case_file_in_scope(
    world, record, login, client
):
    on_file = _flagged(record)
    plain = record()
    ombudsman = world.users[Role.OMBUDSMAN_STAFF]
    login(ombudsman)
    assert client.get(f"/medical/{on_file.uuid}/report.pdf").status_code == 200
    assert AuditEntry.objects.filter(
        action="medical.report.read", details__basis=on_file.case_reference
    )
    assert client.get(f"/medical/{plain.uuid}/report.pdf").status_code == 404
    assert client.get(f"/medical/{on_file.uuid}/").status_code == 404  # not the record itself


def test_the_notification_goes_to_the_prosecutor_on_the_case_file(world, record, doctor):
    examination = _flagged(record)
    assert examination.notification_due_at is not None
    referral = notification_send(actor=doctor, examination=examination)
    assert referral.kind == ReferralKind.MEDICAL and referral.source_reference == str(
        examination.uuid
    )
    examination.refresh_from_db()
    assert examination.notification_reference == referral.number
    case = CaseFile.objects.get(number=examination.case_reference)
    assert case.safeguards.get(kind=SafeguardKind.REFERRAL).status == SafeguardStatus.DONE
    # Without the person's agreement the prosecutor's copy does not name them.
    assert not referral.carries_identity
    assert world.person_a.full_name not in _pdf_text(bytes(referral.letter_pdf))
    with pytest.raises(ValidationError):
        notification_send(actor=doctor, examination=examination)
    assert Referral.objects.count() == 1


def test_with_agreement_the_notification_names_the_person(world, record, doctor):
    examination = _flagged(record, consent_disclosure=True)
    referral = notification_send(actor=doctor, examination=examination)
    assert referral.carries_identity
    assert world.person_a.full_name in _pdf_text(bytes(referral.letter_pdf))
    assert world.person_a.full_name not in _pdf_text(bytes(referral.copy_pdf))


def test_an_examination_without_findings_is_not_notified(record, doctor):
    with pytest.raises(ValidationError):
        notification_send(actor=doctor, examination=record())


def test_the_ombudsman_can_still_refer_a_file_a_doctor_notified(world, record, doctor):
    from qorgau.allegations.services import referral_send

    examination = _flagged(record)
    notification_send(actor=doctor, examination=examination)
    case = CaseFile.objects.get(number=examination.case_reference)
    letter = referral_send(actor=world.users[Role.OMBUDSMAN_STAFF], case=case)
    assert letter.kind == ReferralKind.LETTER and case.referrals.count() == 2


def test_the_prosecutor_opens_the_notification_and_the_facility_sees_nothing(
    world, record, doctor, login, client
):
    examination = _flagged(record)
    referral = notification_send(actor=doctor, examination=examination)
    login(world.users[Role.PROSECUTOR])
    r = client.get(f"/allegations/referrals/{referral.uuid}/letter.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert client.get(f"/medical/{examination.uuid}/report.pdf").status_code == 404
    # The notification is the report as sent: no Word copy made afresh.
    assert client.get(f"/allegations/referrals/{referral.uuid}/letter.docx").status_code == 404
    assert (
        "Medical notification of injuries" in client.get("/allegations/referrals/").content.decode()
    )
    login(world.users[Role.FACILITY_ADMIN])
    for url in (
        examination.get_absolute_url(),
        f"/medical/{examination.uuid}/report.pdf",
        f"/allegations/referrals/{referral.uuid}/letter.pdf",
    ):
        assert client.get(url).status_code == 404, url


def test_the_dashboard_counts_notifications_not_sent_and_those_past_due(
    world, record, doctor, login, client
):
    from datetime import timedelta

    from django.utils import timezone

    late = _flagged(record, examined_at=timezone.now() - timedelta(hours=30))
    sent = _flagged(record)
    notification_send(actor=doctor, examination=sent)
    record()  # nothing to notify
    from qorgau.medical.selectors import notification_counts

    assert notification_counts(user=doctor) == {"due": 1, "overdue": 1}
    login(doctor)
    page = client.get("/").content.decode()
    assert "Notifications to the prosecutor" in page
    listed = client.get("/medical/?notification_due=on").content.decode()
    assert str(late.uuid) in listed and str(sent.uuid) not in listed
    login(world.users[Role.FACILITY_ADMIN])
    assert "Notifications to the prosecutor" not in client.get("/").content.decode()
