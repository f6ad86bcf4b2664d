"""Observations, photos (metadata stripped, consent enforced, reads audited) and registers."""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from qorgau.core.models import AuditEntry
from qorgau.visits.models import Observation, RegisterExtract, VisitPhoto
from qorgau.visits.onsite import services
from qorgau.visits.onsite.tests.routes import png


def jpeg_with_gps() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (16, 16), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "GeoTagger 43.2N 76.9E"  # Software
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_observation_by_theme_and_zone(db, site, world, login, client):
    login(site.participant)
    url = f"/visits/{site.a.uuid}/observations/"
    r = client.post(
        url,
        {
            "form": "observation",
            "theme": "discipline",
            "zone": str(world.zone_a.uuid),
            "text": "В ШИЗО нет окна",
        },
    )
    assert r.status_code == 302
    obs = Observation.objects.get(visit=site.a)
    assert (obs.theme, obs.zone, obs.by) == ("discipline", world.zone_a, site.participant)
    assert "В ШИЗО нет окна" in client.get(url).content.decode()


def test_zone_of_another_place_is_refused(db, site, world):
    with pytest.raises(ValidationError):
        services.observation_add(
            actor=site.participant, visit=site.a, theme="material", text="x", zone=world.zone_b
        )
    assert not Observation.objects.exists()


def test_photo_is_reencoded_without_metadata_and_its_hash_kept(db, site, login, client):
    original = jpeg_with_gps()
    assert b"CameraMaker" in original
    login(site.participant)
    r = client.post(
        f"/visits/{site.a.uuid}/observations/",
        {"form": "photo", "photo": SimpleUploadedFile("x.jpg", original), "caption": "ШИЗО"},
    )
    assert r.status_code == 302
    photo = VisitPhoto.objects.get(visit=site.a)
    assert photo.original_sha256 == hashlib.sha256(original).hexdigest()
    r = client.get(f"/visits/{site.a.uuid}/photos/{photo.uuid}/")
    stored = b"".join(r.streaming_content)
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert b"CameraMaker" not in stored and b"Exif" not in stored
    assert hashlib.sha256(stored).hexdigest() == photo.sha256
    read = AuditEntry.objects.filter(action="read", object_id=str(photo.uuid))
    assert read.get().actor_id == site.participant.pk


def test_photo_showing_people_needs_consent(db, site, login, client):
    login(site.participant)
    url = f"/visits/{site.a.uuid}/observations/"
    upload = SimpleUploadedFile("p.png", png(3))
    r = client.post(url, {"form": "photo", "photo": upload, "shows_people": "on"})
    assert r.status_code == 400 and not VisitPhoto.objects.exists()
    upload = SimpleUploadedFile("p.png", png(3))
    r = client.post(url, {"form": "photo", "photo": upload, "shows_people": "on", "consent": "on"})
    assert r.status_code == 302 and VisitPhoto.objects.get().consent


def test_not_an_image_or_the_same_photo_twice_is_refused(db, site):
    with pytest.raises(ValidationError):
        services.photo_add(
            actor=site.participant,
            visit=site.a,
            upload=SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a photo"),
        )
    services.photo_add(actor=site.participant, visit=site.a, upload=SimpleUploadedFile("a", png(1)))
    with pytest.raises(ValidationError):
        services.photo_add(
            actor=site.participant, visit=site.a, upload=SimpleUploadedFile("b", png(1))
        )
    assert VisitPhoto.objects.count() == 1


@pytest.mark.parametrize("who", ["staff", "facility", "outsider"])
def test_photos_are_refused_to_others(db, site, login, client, who):
    photo = services.photo_add(
        actor=site.participant, visit=site.a, upload=SimpleUploadedFile("a", png(1))
    )
    login(getattr(site, who))
    r = client.get(f"/visits/{site.a.uuid}/photos/{photo.uuid}/")
    assert r.status_code == (403 if who == "staff" else 404)
    assert not AuditEntry.objects.filter(action="read", object_id=str(photo.uuid)).exists()


def test_register_extract_of_disciplinary_placements(db, site, login, client):
    login(site.coordinator)
    today = date.today()
    r = client.post(
        f"/visits/{site.a.uuid}/observations/",
        {
            "form": "extract",
            "register": "disciplinary",
            "period_from": (today - timedelta(days=91)).isoformat(),
            "period_to": today.isoformat(),
            "entries": 14,
            "rows": "2026-02-03; ШИЗО за отказ от работы; 15\n2026-02-20; ШИЗО; 10",
            "notes": "Два водворения подряд одному человеку",
        },
    )
    assert r.status_code == 302
    extract = RegisterExtract.objects.get()
    assert extract.entries == 14 and extract.rows[0]["duration_days"] == 15


def test_register_extract_refuses_bad_period_and_iins(db, site):
    today = date.today()
    with pytest.raises(ValidationError):
        services.extract_add(
            actor=site.participant,
            visit=site.a,
            register="disciplinary",
            period_from=today,
            period_to=today - timedelta(days=1),
            entries=1,
        )
    with pytest.raises(ValidationError):
        services.extract_add(
            actor=site.participant,
            visit=site.a,
            register="disciplinary",
            period_from=today - timedelta(days=30),
            period_to=today,
            entries=1,
            rows=[{"date": "2026-01-01", "what": "900517 300123 ШИЗО"}],
        )
    assert not RegisterExtract.objects.exists()


@pytest.mark.parametrize("who", ["staff", "facility", "outsider"])
def test_observations_page_is_refused_to_others(db, site, login, client, who):
    login(getattr(site, who))
    url = f"/visits/{site.a.uuid}/observations/"
    assert client.get(url).status_code == (403 if who == "staff" else 404)
    r = client.post(url, {"form": "observation", "theme": "material", "text": "x"})
    assert r.status_code in (403, 404) and not Observation.objects.exists()
