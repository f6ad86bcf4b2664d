"""The connector API: pending holds by vms_id, clips, losses, custody; scope and refusals."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Cap, ScopeKind
from qorgau.accounts.services import apiclient_issue
from qorgau.surveillance.models import CustodyEntry, FootageHold, FootageLoss, PreservedClip

from .conftest import sha

API = "/api/v1/surveillance"


@pytest.fixture
def hold(open_case, cams):
    return FootageHold.objects.get(case_reference=open_case().number)


def _post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def _clip(hold, camera, tag=""):
    return {
        "camera": camera.vms_id,
        "from": hold.window_from.isoformat(),
        "to": hold.window_to.isoformat(),
        "sha256": sha(f"{camera.code}{tag}"),
        "size": 52_428_800,
        "location": "nas-1:/holds/",
    }


def test_the_connector_lists_its_pending_holds_with_cameras_window_and_deadline(
    client, world, hold, cams, connector
):
    from qorgau.surveillance.services import hold_request

    hold_request(  # facility B: not this connector's
        facility=world.facility_b,
        zone=None,
        window_from=hold.window_from,
        window_to=hold.window_to,
    )
    r = client.get(f"{API}/holds?status=pending", **connector[1])
    assert r.status_code == 200
    [row] = r.json()
    assert row["number"] == hold.number and row["status"] == "pending"
    assert row["facility"] == str(world.facility_a.uuid) and row["escalated"] is False
    assert row["deadline"].startswith(hold.keep_until.isoformat()[:16])
    assert {c["vms_id"] for c in row["cameras"]} == {"vms-SH-1", "vms-SH-2", "vms-CO-1"}
    assert {c["state"] for c in row["cameras"]} == {"waiting"}
    # Nothing of the case file reaches the video system.
    assert "case_reference" not in row and "reason" not in row
    assert client.get(f"{API}/holds?status=preserved", **connector[1]).json() == []
    r = client.get(f"{API}/holds?status=forgotten", **connector[1])
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"


def test_clips_confirmed_twice_are_stored_once_and_answered_alike(client, hold, cams, connector):
    body = {"clips": [_clip(hold, cams[k]) for k in ("cell1", "cell2", "corridor")]}
    url = f"{API}/holds/{hold.number}/clips"
    first = _post(client, url, body, connector[1])
    assert first.status_code == 200, first.content
    again = _post(client, url, body, connector[1])
    assert again.status_code == 200 and again.json() == first.json()
    assert first.json()["hold"]["status"] == "preserved"
    assert [c["camera"] for c in first.json()["clips"]] == ["vms-SH-1", "vms-SH-2", "vms-CO-1"]
    sent = datetime.fromisoformat(first.json()["clips"][0]["from"])
    assert abs(sent - hold.window_from) < timedelta(milliseconds=1)
    assert PreservedClip.objects.count() == 3
    pending = client.get(f"{API}/holds?status=pending", **connector[1]).json()
    assert pending == []


def test_a_clip_outside_the_cameras_or_window_is_a_problem_and_nothing_is_stored(
    client, hold, cams, connector
):
    url = f"{API}/holds/{hold.number}/clips"
    early = _clip(hold, cams["cell2"])
    early.update(
        {
            "from": (hold.window_from - timedelta(hours=2)).isoformat(),
            "to": (hold.window_from - timedelta(hours=1)).isoformat(),
        }
    )
    for bad in (_clip(hold, cams["yard"]), early):
        r = _post(client, url, {"clips": [_clip(hold, cams["cell1"]), bad]}, connector[1])
        assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
        problem = r.json()
        assert problem["errors"][0]["loc"] == ["clips.1"]
        assert "vms-YA-1" in problem["detail"] or "outside the hold's window" in problem["detail"]
    r = _post(client, url, {"clips": [{**_clip(hold, cams["cell1"]), "size": -1}]}, connector[1])
    assert r.status_code == 422
    assert not PreservedClip.objects.exists()
    hold.refresh_from_db()
    assert hold.status == "pending"


def test_lost_footage_closes_the_hold_and_fails_the_case_files_safeguard(
    client, hold, cams, connector
):
    body = {"cameras": ["vms-SH-1", "vms-SH-2", "vms-CO-1"], "reason": "Архив перезаписан"}
    r = _post(client, f"{API}/holds/{hold.number}/lost", body, connector[1])
    assert r.status_code == 200 and r.json()["status"] == "lost"
    assert {c["state"] for c in r.json()["cameras"]} == {"lost"}
    assert _post(client, f"{API}/holds/{hold.number}/lost", body, connector[1]).status_code == 200
    assert FootageLoss.objects.count() == 3
    from qorgau.allegations.models import CaseFile

    footage = CaseFile.objects.get(number=hold.case_reference).safeguards.get(kind="footage")
    assert footage.status == "failed" and "Архив перезаписан" in footage.note
    r = _post(client, f"{API}/holds/{hold.number}/lost", {**body, "cameras": ["x"]}, connector[1])
    assert r.status_code == 422


def test_custody_entries_by_the_connector_and_a_changed_hash(client, hold, cams, connector):
    url = f"{API}/holds/{hold.number}/clips"
    r = _post(client, url, {"clips": [_clip(hold, cams["cell1"])]}, connector[1])
    clip = r.json()["clips"][0]
    entry = {
        "action": "export",
        "at": timezone.now().isoformat(),
        "by": "Оператор Сейтов",
        "sha256": clip["sha256"],
    }
    custody = f"{API}/clips/{clip['uuid']}/custody"
    first = _post(client, custody, entry, connector[1])
    assert first.status_code == 201 and first.json()["hash_matches"] is True
    assert first.json()["by"] == "Оператор Сейтов (VMS A)"
    assert _post(client, custody, entry, connector[1]).status_code == 200
    changed = {**entry, "action": "handover", "recipient": "Суд", "sha256": sha("иное")}
    r = _post(client, custody, changed, connector[1])
    assert r.status_code == 201 and r.json()["hash_matches"] is False
    assert CustodyEntry.objects.count() == 2
    r = _post(client, custody, {**entry, "action": "burn"}, connector[1])
    assert r.status_code == 422 and CustodyEntry.objects.count() == 2


def test_a_connector_of_another_facility_gets_404_and_stores_nothing(client, world, hold, cams):
    _c, key = apiclient_issue(
        actor=world.users["sysadmin"],
        name="VMS B",
        capabilities=[Cap.SURVEILLANCE_FEED],
        scope=ScopeKind.FACILITY,
        facilities=[world.facility_b],
    )
    h = {"HTTP_X_API_KEY": key}
    assert client.get(f"{API}/holds?status=pending", **h).json() == []
    body = {"clips": [_clip(hold, cams["cell1"])]}
    r = _post(client, f"{API}/holds/{hold.number}/clips", body, h)
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"
    r = _post(
        client,
        f"{API}/holds/{hold.number}/lost",
        {"cameras": ["vms-SH-1"], "reason": "Перезаписано"},
        h,
    )
    assert r.status_code == 404
    assert not PreservedClip.objects.exists() and not FootageLoss.objects.exists()


def test_a_client_without_the_feed_capability_is_refused(client, world, hold):
    _c, key = apiclient_issue(
        actor=world.users["sysadmin"],
        name="Registry",
        capabilities=[Cap.FACILITY_VIEW],
        scope=ScopeKind.NATIONAL,
    )
    r = client.get(f"{API}/holds?status=pending", HTTP_X_API_KEY=key)
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"


def test_the_pending_list_costs_the_same_queries_for_one_hold_or_many(
    client, world, hold, cams, connector
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from qorgau.surveillance.services import hold_request

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/holds?status=pending", **connector[1]).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first call of a key also records when it was last used
    one = count()
    for _ in range(3):
        hold_request(
            facility=world.facility_a,
            zone=world.zone_a,
            window_from=hold.window_from,
            window_to=hold.window_to,
        )
    assert count() == one
