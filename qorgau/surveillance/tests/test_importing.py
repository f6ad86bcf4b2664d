"""The camera registry from a video system's export: all rows or none, errors by line."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.facilities.services import ImportRejected
from qorgau.surveillance.importing import cameras_import
from qorgau.surveillance.models import Camera

pytestmark = pytest.mark.django_db
HEADER = "facility,zone,code,vms_id,stream_path,kind,recording,retention_days,installed_on\n"


def _csv(world, *rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


def test_a_csv_export_creates_cameras_and_a_second_import_updates_them(world):
    fa, za = world.facility_a.code, world.zone_a.name
    data = _csv(
        world,
        f"{fa},{za},C-1,101,cam/101,fixed,recorded,45,2025-03-01",
        f"{fa},,C-2,102,cam/102,body_worn,live_only,,",
    )
    report = cameras_import(actor=None, data=data)
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    c1 = Camera.objects.get(code="C-1")
    assert (c1.zone, c1.retention_days, str(c1.installed_on)) == (world.zone_a, 45, "2025-03-01")
    # Written as plain rows: the defaults a camera takes in the model are there too.
    assert (c1.status, c1.status_since, c1.active, c1.facility) == (
        "online",
        None,
        True,
        world.facility_a,
    )
    assert c1.created_at is not None and c1.uuid != Camera.objects.get(code="C-2").uuid
    assert Camera.objects.get(code="C-2").kind == "body_worn"
    report = cameras_import(
        actor=None, data=_csv(world, f"{fa},,C-1,101,cam/101b,ptz,recorded,30,2025-03-01")
    )
    assert (report.created, report.updated) == (0, 1)
    c1.refresh_from_db()
    assert (c1.zone, c1.kind, c1.stream_path) == (None, "ptz", "cam/101b")
    entry = AuditEntry.objects.filter(action="surveillance.cameras.import").latest("id")
    assert entry.details["updated"] == 1 and len(entry.details["sha256"]) == 64


def test_one_bad_row_rejects_the_file_with_each_error_by_line(world):
    fa = world.facility_a.code
    data = _csv(
        world,
        f"{fa},,C-1,101,,fixed,recorded,,",
        "NOPE,,C-2,102,,fixed,recorded,,",
        f"{fa},Нет такой,C-3,103,,drone,recorded,0,01.02.2025",
        f"{fa},,C-1,104,,fixed,recorded,,",
        f"{fa},,C-5,101,,fixed,recorded,,",
    )
    with pytest.raises(ImportRejected) as exc:
        cameras_import(actor=None, data=data)
    errors = {(line, field) for line, field, _m in exc.value.report.errors}
    assert errors == {
        (3, "facility"),
        (4, "zone"),
        (4, "kind"),
        (4, "retention_days"),
        (4, "installed_on"),
        (5, "code"),
        (6, "vms_id"),
    }
    assert not Camera.objects.exists()


def test_a_video_system_id_of_a_camera_left_as_it_is_is_refused_but_ids_may_swap(world):
    fa = world.facility_a.code
    cameras_import(actor=None, data=_csv(world, f"{fa},,A,1,,,,,", f"{fa},,B,2,,,,,"))
    with pytest.raises(ImportRejected):
        cameras_import(actor=None, data=_csv(world, f"{fa},,C,1,,,,,"))
    cameras_import(actor=None, data=_csv(world, f"{fa},,A,2,,,,,", f"{fa},,B,1,,,,,"))
    assert dict(Camera.objects.values_list("code", "vms_id")) == {"A": "2", "B": "1"}


def test_json_exports_are_read_too(world):
    data = json.dumps(
        {"cameras": [{"facility": world.facility_a.code, "code": "J-1", "vms_id": "x-1"}]}
    ).encode()
    assert cameras_import(actor=None, data=data, fmt="json").created == 1
    with pytest.raises(ImportRejected):
        cameras_import(actor=None, data=b'{"cameras": 5}', fmt="json")


def test_a_facility_administration_imports_only_its_own_cameras(world):
    admin = world.users[Role.FACILITY_ADMIN]
    data = _csv(world, f"{world.facility_b.code},,C-1,1,,,,,")
    with pytest.raises(ImportRejected) as exc:
        cameras_import(actor=admin, data=data)
    assert exc.value.report.errors[0][1] == "facility"
    assert cameras_import(actor=admin, data=_csv(world, f"{world.facility_a.code},,C-1,1,,,,,"))


def test_the_command_imports_or_reports_every_error(world, tmp_path, capsys):
    good = tmp_path / "cams.csv"
    good.write_bytes(_csv(world, f"{world.facility_a.code},,C-1,1,,,,,"))
    call_command("qorgau_import", "cameras", str(good))
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"facility": "NOPE", "code": "X", "vms_id": "9"}]))
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("qorgau_import", "cameras", str(bad))
    assert "bad.json:1: facility:" in capsys.readouterr().err


def test_the_registry_pages_show_cameras_in_scope_and_import_for_managers(world, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = world.users[Role.FACILITY_ADMIN]
    login(admin)
    bad = _csv(world, f"{world.facility_a.code},,C-1,1,,drone,,,")
    r = client.post("/surveillance/cameras/import/", {"file": SimpleUploadedFile("e.csv", bad)})
    assert r.status_code == 400 and "One of:" in r.content.decode()
    good = _csv(world, f"{world.facility_a.code},,C-1,1,live/1,,,,")
    r = client.post("/surveillance/cameras/import/", {"file": SimpleUploadedFile("e.csv", good)})
    assert r.status_code == 200 and Camera.objects.count() == 1
    camera = Camera.objects.get()
    assert "C-1" in client.get("/surveillance/cameras/").content.decode()
    assert client.get(camera.get_absolute_url()).status_code == 200
    login(world.users[Role.PROSECUTOR])
    assert client.get("/surveillance/cameras/import/").status_code == 404
    assert client.get(camera.get_absolute_url()).status_code == 200
    login(world.users[Role.MEDICAL_OFFICER])
    assert client.get("/surveillance/cameras/").status_code == 404


def test_the_cameras_page_leads_each_role_to_its_own_pages(world, login, client):
    login(world.users[Role.PROSECUTOR])
    page = client.get("/surveillance/cameras/").content.decode()
    assert "/surveillance/viewing/" in page and "/surveillance/red-flags/" not in page
    login(world.users[Role.OMBUDSMAN_STAFF])
    page = client.get("/surveillance/cameras/").content.decode()
    assert "/surveillance/red-flags/" in page and "/surveillance/viewing/" not in page
    login(world.users[Role.FACILITY_ADMIN])
    page = client.get("/surveillance/cameras/").content.decode()
    assert "/surveillance/coverage/" in page and "/surveillance/viewing/log/" not in page
