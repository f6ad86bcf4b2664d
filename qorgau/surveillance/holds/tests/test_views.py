"""Pages of holds: who reads, who writes, what is audited, what is flagged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.surveillance.holds import services
from qorgau.surveillance.models import CustodyEntry, FootageHold
from qorgau.surveillance.services import hold_request

from .conftest import sha


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def holds(world, cams):
    """A pending hold at A (escalated) with a confirmed clip, and one at B."""
    start = timezone.now() - timedelta(hours=6)
    made = [
        hold_request(
            facility=f,
            zone=None,
            window_from=start,
            window_to=start + timedelta(hours=1),
            reference=f"UOF-2026-00000{n}",
        )
        for n, f in enumerate((world.facility_a, world.facility_b))
    ]
    services.holds_escalate(now=made[0].keep_until)
    return made


@pytest.fixture
def clip(holds, cams, connector, report):
    _h, clips = services.clips_confirm(
        actor=connector[0], hold=holds[0], clips=report(holds[0], cams["cell1"])
    )
    return clips[0]


def test_the_list_shows_the_holds_in_scope_with_filters(client, login, world, holds):
    login(world.users[Role.OMBUDSMAN_STAFF])
    page = client.get("/surveillance/holds/")
    assert page.status_code == 200
    assert holds[0].number in page.content.decode()
    assert holds[1].number not in page.content.decode()
    for query, shown in (("status=preserved", False), ("escalated=on", True)):
        r = client.get(f"/surveillance/holds/?{query}")
        assert (holds[0].number in r.content.decode()) is shown, query


def test_the_prosecutor_requests_a_hold_by_hand(client, login, world, cams):
    prosecutor = world.users[Role.PROSECUTOR]
    login(prosecutor)
    assert client.get("/surveillance/holds/new/").status_code == 200
    start = timezone.now() - timedelta(hours=4)
    r = client.post(
        "/surveillance/holds/new/",
        {
            "facility": str(world.facility_a.uuid),
            "zone": str(world.zone_a.uuid),
            "window_from": _local(start),
            "window_to": _local(start + timedelta(minutes=40)),
            "reason": "Проверка сообщения о применении силы в ШИЗО",
        },
    )
    hold = FootageHold.objects.get()
    assert r.status_code == 302 and r["Location"] == hold.get_absolute_url()
    assert hold.requested_by == prosecutor and hold.cameras.count() == 3
    assert AuditEntry.objects.filter(action="footage.hold", actor_id=prosecutor.pk).exists()


def test_a_hand_request_outside_the_scope_or_with_a_bad_window_changes_nothing(
    client, login, world, cams
):
    login(world.users[Role.PROSECUTOR])
    start = timezone.now() - timedelta(hours=4)
    body = {
        "facility": str(world.facility_b.uuid),
        "window_from": _local(start),
        "window_to": _local(start + timedelta(minutes=40)),
        "reason": "Проверка сообщения о применении силы",
    }
    r = client.post("/surveillance/holds/new/", body)
    assert r.status_code == 400 and "facility" in r.context["form"].errors
    body["facility"] = str(world.facility_a.uuid)
    body["window_to"] = _local(start - timedelta(minutes=40))
    r = client.post("/surveillance/holds/new/", body)
    assert r.status_code == 400 and "window_to" in r.context["form"].errors
    assert not FootageHold.objects.exists()


def test_the_hold_page_shows_cameras_and_clips_and_each_read_is_audited(
    client, login, world, holds, clip
):
    staff = world.users[Role.OMBUDSMAN_STAFF]
    login(staff)
    r = client.get(holds[0].get_absolute_url())
    assert r.status_code == 200
    text = r.content.decode()
    assert "SH-1" in text and clip.sha256 in text and "escalated" in text
    assert r.context["custody_form"] is not None
    assert AuditEntry.objects.filter(
        action="footage.hold.read", actor_id=staff.pk, object_id=str(holds[0].uuid)
    ).exists()


def test_a_custody_entry_with_another_hash_is_recorded_and_flagged_loudly(
    client, login, world, holds, clip
):
    login(world.users[Role.PROSECUTOR])
    r = client.post(
        f"{holds[0].get_absolute_url()}custody/",
        {
            "clip": str(clip.uuid),
            "action": "handover",
            "at": _local(timezone.now()),
            "recipient": "Суд Алмалинского района",
            "sha256": sha("перекодированная копия"),
        },
    )
    assert r.status_code == 302
    entry = CustodyEntry.objects.get()
    assert entry.actor == world.users[Role.PROSECUTOR]
    page = client.get(holds[0].get_absolute_url()).content.decode()
    assert 'id="hash-alarm"' in page and "differs from the confirmed hash" in page
    listing = client.get("/surveillance/holds/").content.decode()
    assert "hash differs" in listing


def test_a_bad_custody_entry_shows_its_errors_and_records_nothing(
    client, login, world, holds, clip
):
    login(world.users[Role.OMBUDSMAN_STAFF])
    r = client.post(
        f"{holds[0].get_absolute_url()}custody/",
        {"clip": str(clip.uuid), "action": "handover", "at": _local(timezone.now())},
    )
    assert r.status_code == 400 and "sha256" in r.context["custody_form"].errors
    r = client.post(
        f"{holds[0].get_absolute_url()}custody/",
        {
            "clip": str(clip.uuid),
            "action": "handover",
            "at": _local(timezone.now()),
            "sha256": clip.sha256,
        },
    )
    assert r.status_code == 400 and "recipient" in r.context["custody_form"].errors
    assert not CustodyEntry.objects.exists()


def test_the_facility_administration_reads_its_holds_and_writes_nothing(
    client, login, world, holds, clip
):
    holds[0].requested_by = world.users[Role.PROSECUTOR]
    holds[0].save()
    login(world.users[Role.FACILITY_ADMIN])
    r = client.get(holds[0].get_absolute_url())
    assert r.status_code == 200 and r.context["custody_form"] is None
    text = r.content.decode()
    assert "Record an export" not in text and clip.sha256 in text
    assert str(world.users[Role.PROSECUTOR]) not in text  # not who asked
    assert client.get(holds[1].get_absolute_url()).status_code == 404
    assert client.get("/surveillance/holds/new/").status_code == 404
    body = {"clip": str(clip.uuid), "action": "access", "at": _local(timezone.now())}
    r = client.post(f"{holds[0].get_absolute_url()}custody/", {**body, "sha256": clip.sha256})
    assert r.status_code == 404 and not CustodyEntry.objects.exists()


def test_the_prosecutor_sees_only_the_jurisdictions_holds(client, login, world, holds):
    login(world.users[Role.PROSECUTOR])
    assert client.get(holds[0].get_absolute_url()).status_code == 200
    assert client.get(holds[1].get_absolute_url()).status_code == 404
    assert holds[1].number not in client.get("/surveillance/holds/").content.decode()


@pytest.mark.parametrize(
    "role", [Role.MEDICAL_OFFICER, Role.ANALYST, Role.NPM_PARTICIPANT, Role.IDENTITY_CUSTODIAN]
)
def test_roles_without_the_capability_get_404(client, login, world, holds, role):
    login(world.users[role])
    for url in ("/surveillance/holds/", "/surveillance/holds/new/", holds[0].get_absolute_url()):
        assert client.get(url).status_code == 404, url
    assert not AuditEntry.objects.filter(action="footage.hold.read").exists()


def test_the_dashboard_counts_escalated_holds_for_those_who_request_them(
    client, login, world, holds
):
    login(world.users[Role.OMBUDSMAN_STAFF])
    r = client.get("/")
    assert r.context["holds_escalated"] == 1  # facility B's is out of scope
    assert "/surveillance/holds/?escalated=on" in r.content.decode()
    client.logout()
    login(world.users[Role.FACILITY_ADMIN])
    assert client.get("/").context["holds_escalated"] is None


def test_the_case_file_page_shows_its_holds(client, login, world, open_case, cams):
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    login(world.users[Role.OMBUDSMAN_STAFF])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="footage-holds"' in page and hold.get_absolute_url() in page
    assert "Waiting for the video system" in page
