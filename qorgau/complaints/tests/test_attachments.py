from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from qorgau.accounts.roles import Role
from qorgau.complaints.attachments import attachment_add
from qorgau.complaints.models import ComplaintAttachment, ComplaintEvent
from qorgau.core.models import AuditEntry
from qorgau.core.uploads import storage
from qorgau.testing.images import jpeg_with_gps

from .casework import register

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


_jpeg_with_gps = jpeg_with_gps


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Сейтов Нурлан, камера 12")
    out = io.BytesIO()
    Image.new("P", (20, 20), 3).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _files() -> list:
    root = Path(storage().location)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def complaint(world):
    return register(world.facility_a, 1)


@pytest.fixture
def staff(world):
    return world.users[Role.OMBUDSMAN_STAFF]


def test_a_pdf_is_stored_under_a_random_name_with_its_hash(complaint, staff):
    a = attachment_add(actor=staff, complaint=complaint, upload=_upload("Письмо Сейтова.pdf", PDF))
    assert a.content_type == "application/pdf" and a.size == len(PDF)
    assert a.sha256 == a.original_sha256 == hashlib.sha256(PDF).hexdigest()
    assert "Сейтов" not in a.storage_name and a.storage_name.endswith(".pdf")
    assert len(a.storage_name) > 40
    with storage().open(a.storage_name, "rb") as fh:
        assert fh.read() == PDF
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="attach").exists()
    entry = AuditEntry.objects.get(action="complaint.attachment.add")
    assert entry.details["sha256"] == a.sha256 and "Сейтов" not in str(entry.details)


def test_photographs_lose_their_gps_and_camera(complaint, staff):
    original = _jpeg_with_gps()
    a = attachment_add(actor=staff, complaint=complaint, upload=_upload("photo.jpg", original))
    with storage().open(a.storage_name, "rb") as fh:
        stored = fh.read()
    assert b"SecretCam" not in stored
    img = Image.open(io.BytesIO(stored))
    assert img.format == "JPEG" and img.size == (40, 30)
    assert not img.getexif() and not img.getexif().get_ifd(0x8825)
    assert a.original_sha256 == hashlib.sha256(original).hexdigest() != a.sha256
    assert a.sha256 == hashlib.sha256(stored).hexdigest()


def test_png_text_chunks_are_dropped(complaint, staff):
    a = attachment_add(
        actor=staff, complaint=complaint, upload=_upload("scan.png", _png_with_text())
    )
    with storage().open(a.storage_name, "rb") as fh:
        stored = fh.read()
    assert "Сейтов".encode() not in stored and b"Comment" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"


def test_plain_text_in_utf8_is_accepted(complaint, staff):
    a = attachment_add(
        actor=staff, complaint=complaint, upload=_upload("note.txt", "Хат мәтіні\n".encode())
    )
    assert a.content_type == "text/plain"


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "Only PDF, JPEG, PNG"),  # an .exe named .pdf
        ("page.html", b"\x00\x01binary\x00", "Only PDF, JPEG, PNG"),
        ("empty.txt", b"", "empty"),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "cannot be read"),
        ("cp1251.txt", "Жалоба".encode("cp1251"), "Only PDF, JPEG, PNG"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_kept(complaint, staff, name, data, words):
    with pytest.raises(ValidationError, match=words):
        attachment_add(actor=staff, complaint=complaint, upload=_upload(name, data))
    assert not ComplaintAttachment.objects.exists()
    assert not AuditEntry.objects.filter(action="complaint.attachment.add").exists()
    assert _files() == []


def test_too_large_files_are_refused(complaint, staff, settings):
    settings.QORGAU_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than"):
        attachment_add(
            actor=staff, complaint=complaint, upload=_upload("big.pdf", PDF + b" " * 1000)
        )
    assert not ComplaintAttachment.objects.exists()


def test_the_same_file_twice_is_refused(complaint, staff):
    attachment_add(actor=staff, complaint=complaint, upload=_upload("a.pdf", PDF))
    with pytest.raises(ValidationError, match="already attached"):
        attachment_add(actor=staff, complaint=complaint, upload=_upload("b.pdf", PDF))
    assert ComplaintAttachment.objects.count() == 1
    assert len(_files()) == 1


def test_a_file_whose_record_fails_is_removed(complaint, staff, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("qorgau.complaints.attachments._record", fail)
    with pytest.raises(RuntimeError):
        attachment_add(actor=staff, complaint=complaint, upload=_upload("a.pdf", PDF))
    assert _files() == []


def test_staff_attach_and_download_through_the_pages(world, login, client, complaint, staff):
    login(staff)
    r = client.post(
        f"{complaint.get_absolute_url()}attachments/",
        {"file": _upload("Сейтов письмо.pdf", PDF), "description": "Скан письма"},
    )
    assert r.status_code == 302
    a = ComplaintAttachment.objects.get()
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert a.sha256 in page and "Скан письма" in page
    r = client.get(a.get_absolute_url())
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf"
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;") and complaint.number in disposition
    assert "Сейтов" not in disposition
    assert "no-store" in r["Cache-Control"] and "sandbox" in r["Content-Security-Policy"]
    assert AuditEntry.objects.filter(
        action="complaint.attachment.read", actor_label="ombudsman_staff"
    ).exists()


def test_a_bad_upload_through_the_page_says_why(world, login, client, complaint, staff):
    login(staff)
    r = client.post(
        f"{complaint.get_absolute_url()}attachments/", {"file": _upload("x.exe", b"MZ\x00")}
    )
    assert r.status_code == 400 and "Only PDF, JPEG, PNG" in r.content.decode()
    r = client.post(f"{complaint.get_absolute_url()}attachments/", {})
    assert r.status_code == 400
    assert not ComplaintAttachment.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OMBUDSMAN_STAFF])
def test_no_other_role_downloads_or_attaches(world, login, client, complaint, staff, role):
    a = attachment_add(actor=staff, complaint=complaint, upload=_upload("a.pdf", PDF))
    login(world.users[role])
    r = client.get(a.get_absolute_url())
    assert r.status_code in (403, 404) and PDF not in r.content
    r = client.post(
        f"{complaint.get_absolute_url()}attachments/", {"file": _upload("b.txt", b"hello")}
    )
    assert r.status_code in (403, 404)
    assert ComplaintAttachment.objects.count() == 1
    assert not AuditEntry.objects.filter(action="complaint.attachment.read").exists()


def test_staff_of_another_region_gets_404(world, login, client, staff):
    theirs = register(world.facility_b, 2)
    a = attachment_add(actor=None, complaint=theirs, upload=_upload("a.pdf", PDF))
    login(staff)  # region A
    assert client.get(a.get_absolute_url()).status_code == 404
    # The right file id under a complaint in scope is not a way round.
    mine = register(world.facility_a, 3)
    assert client.get(f"/complaints/{mine.number}/attachments/{a.uuid}/").status_code == 404
    assert (
        client.post(
            f"{theirs.get_absolute_url()}attachments/", {"file": _upload("b.txt", b"hi")}
        ).status_code
        == 404
    )
