"""The health feed through its API: what is stored, what is refused, what a resend does."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Cap, Role, ScopeKind
from qorgau.accounts.services import apiclient_revoke
from qorgau.core.models import AuditEntry
from qorgau.surveillance.models import Camera, DamageIncident, Outage, StatusChange

from .support import URL, ev, issue, snapshot

M = timedelta(minutes=1)


def _ok(r) -> dict:
    assert r.status_code == 200, r.content
    return r.json()


def test_heartbeats_store_no_change_but_the_last_event(feed, cams, t0):
    cell = cams["cell1"]
    first = _ok(feed([ev(cell, "online", t0)]))
    assert first["changes"] == 1  # the first event of a camera starts its history
    body = _ok(feed([ev(cell, "online", t0 + i * M) for i in range(1, 6)]))
    assert body == {
        "received": 5,
        "changes": 0,
        "heartbeats": 5,
        "duplicates": 0,
        "late": 0,
        "incidents": 0,
        "alerts_opened": 0,
        "alerts_closed": 0,
    }
    cell.refresh_from_db()
    assert (cell.status, cell.status_since, cell.last_event_at) == ("online", t0, t0 + 5 * M)
    assert StatusChange.objects.filter(camera=cell).count() == 1
    assert not Outage.objects.exists()


def test_an_outage_runs_from_the_first_down_event_to_the_next_online_one(feed, cams, t0):
    yard = cams["yard"]
    _ok(
        feed([ev(yard, "online", t0), ev(yard, "offline", t0 + M), ev(yard, "offline", t0 + 2 * M)])
    )
    outage = Outage.objects.get(camera=yard)
    assert (outage.started_at, outage.ended_at, outage.status) == (t0 + M, None, "offline")
    assert (outage.facility, outage.zone) == (yard.facility, yard.zone)
    _ok(feed([ev(yard, "online", t0 + 5 * M)]))
    outage.refresh_from_db()
    assert outage.ended_at == t0 + 5 * M
    yard.refresh_from_db()
    assert (yard.status, yard.status_since) == ("online", t0 + 5 * M)


def test_a_change_between_two_down_statuses_extends_the_outage(feed, cams, t0):
    yard = cams["yard"]
    body = _ok(
        feed(
            [
                ev(yard, "online", t0),
                ev(yard, "no_signal", t0 + M),
                ev(yard, "recording_failed", t0 + 3 * M),
                ev(yard, "online", t0 + 4 * M),
            ]
        )
    )
    assert body["changes"] == 4
    assert list(Outage.objects.values_list("started_at", "ended_at", "status")) == [
        (t0 + M, t0 + 4 * M, "no_signal")
    ]


def test_the_same_batch_sent_twice_changes_nothing(feed, cams, t0):
    cell, yard = cams["cell1"], cams["yard"]
    batch = [
        ev(cell, "online", t0),
        ev(cell, "offline", t0 + M),
        ev(cell, "offline", t0 + 2 * M),
        ev(yard, "damaged", t0 + M),
        ev(cell, "online", t0 + 40 * M),
        ev(yard, "damaged", t0 + 2 * M),
    ]
    _ok(feed(batch))
    before = snapshot()
    audit = AuditEntry.objects.count()
    again = _ok(feed(batch))
    assert (again["changes"], again["incidents"], again["alerts_opened"]) == (0, 0, 0)
    assert again["received"] == again["heartbeats"] + again["duplicates"] == 6
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit  # a resend that changes nothing leaves no entry


def test_events_repeated_within_a_batch_are_duplicates(feed, cams, t0):
    cell = cams["cell1"]
    body = _ok(feed([ev(cell, "offline", t0), ev(cell, "offline", t0)]))
    assert (body["changes"], body["duplicates"]) == (1, 1)


def _story(cams, t0):
    """Two cameras over an hour: outages, a damage, heartbeats."""
    cell, yard = cams["cell1"], cams["yard"]
    return [
        ev(cell, "online", t0),
        ev(cell, "online", t0 + M),
        ev(cell, "offline", t0 + 2 * M),
        ev(cell, "no_signal", t0 + 3 * M),
        ev(cell, "online", t0 + 50 * M),
        ev(cell, "online", t0 + 51 * M),
        ev(yard, "online", t0),
        ev(yard, "tampered", t0 + 10 * M),
        ev(yard, "tampered", t0 + 11 * M),
        ev(yard, "online", t0 + 20 * M),
        ev(yard, "obstructed", t0 + 30 * M),
    ]


def test_the_order_of_events_in_a_batch_does_not_matter(feed, cams, t0):
    story = _story(cams, t0)
    _ok(feed(story))
    ordered = snapshot()
    Camera.objects.update(status="online", status_since=None, last_event_at=None)
    for model in (Outage, StatusChange, DamageIncident):
        model.objects.all().delete()
    shuffled = story[:]
    random.Random(5).shuffle(shuffled)
    _ok(feed(shuffled))
    assert snapshot() == ordered


def test_late_events_from_an_earlier_period_give_the_final_state_of_ordered_ones(feed, cams, t0):
    cell = cams["cell1"]
    # The connector held back an outage during a network failure and sends it later.
    _ok(feed([ev(cell, "online", t0), ev(cell, "online", t0 + 30 * M)]))
    body = _ok(feed([ev(cell, "offline", t0 + 10 * M), ev(cell, "online", t0 + 20 * M)]))
    assert (body["late"], body["changes"]) == (2, 2)
    assert list(Outage.objects.values_list("started_at", "ended_at")) == [
        (t0 + 10 * M, t0 + 20 * M)
    ]
    cell.refresh_from_db()
    assert (cell.status, cell.status_since, cell.last_event_at) == (
        "online",
        t0 + 20 * M,
        t0 + 30 * M,
    )


def test_a_late_down_event_after_the_last_change_ends_at_the_last_event(feed, cams, t0):
    cell = cams["cell1"]
    _ok(feed([ev(cell, "online", t0), ev(cell, "online", t0 + 30 * M)]))
    _ok(feed([ev(cell, "offline", t0 + 10 * M)]))
    # The heartbeat at +30 was online: the outage ends there at the latest, and that
    # last event is now stored, as the change it has become.
    assert list(Outage.objects.values_list("started_at", "ended_at")) == [
        (t0 + 10 * M, t0 + 30 * M)
    ]
    assert list(StatusChange.objects.values_list("at", "status")) == [
        (t0, "online"),
        (t0 + 10 * M, "offline"),
        (t0 + 30 * M, "online"),
    ]
    cell.refresh_from_db()
    assert (cell.status, cell.status_since) == ("online", t0 + 30 * M)


def test_a_late_online_event_splits_an_outage_that_keeps_its_alert(feed, cams, t0):
    cell = cams["cell1"]
    _ok(feed([ev(cell, "offline", t0), ev(cell, "offline", t0 + 50 * M)]))
    outage = Outage.objects.get()
    assert outage.alert.status == "open"
    _ok(feed([ev(cell, "online", t0 + 20 * M), ev(cell, "offline", t0 + 25 * M)]))
    assert list(
        Outage.objects.order_by("started_at").values_list("pk", "started_at", "ended_at")
    ) == [
        (outage.pk, t0, t0 + 20 * M),
        (outage.pk + 1, t0 + 25 * M, None),
    ]
    outage.alert.refresh_from_db()
    # Its alert closes when the first piece ends; the second piece, down 35 minutes, has its own.
    assert (outage.alert.status, outage.alert.closed_at) == ("closed", t0 + 20 * M)
    assert Outage.objects.get(started_at=t0 + 25 * M).alert.status == "open"


def test_deliberate_statuses_are_incidents_once_each(feed, cams, t0):
    yard = cams["yard"]
    _ok(
        feed([ev(yard, "online", t0), ev(yard, "damaged", t0 + M), ev(yard, "damaged", t0 + 2 * M)])
    )
    _ok(feed([ev(yard, "damaged", t0 + M), ev(yard, "tampered", t0 + 3 * M)]))
    _ok(feed([ev(yard, "obstructed", t0 + 4 * M), ev(yard, "offline", t0 + 5 * M)]))
    assert list(DamageIncident.objects.order_by("at").values_list("at", "status", "facility")) == [
        (t0 + M, "damaged", yard.facility_id),
        (t0 + 3 * M, "tampered", yard.facility_id),
        (t0 + 4 * M, "obstructed", yard.facility_id),
    ]


def test_changes_are_audited_heartbeats_are_not(feed, cams, t0, connector):
    cell = cams["cell1"]
    _ok(feed([ev(cell, "offline", t0)]))
    entry = AuditEntry.objects.filter(action="camera.health").get()
    assert entry.actor_label == f"api:{connector[0].name}"
    assert entry.details["changes"] == 1
    _ok(feed([ev(cell, "offline", t0 + M)]))
    assert AuditEntry.objects.filter(action="camera.health").count() == 1


def _unchanged(cams):
    return not StatusChange.objects.exists() and all(
        c.last_event_at is None for c in Camera.objects.all()
    )


def test_a_malformed_batch_stores_nothing_and_names_each_bad_event(feed, cams, t0):
    cell = cams["cell1"]
    now = timezone.now()
    batch = [
        ev(cell, "offline", t0),  # fine
        ev(cell, "broken", t0 + M),
        {**ev(cell, "offline", t0), "camera": "no-such-camera"},
        ev(cell, "offline", "yesterday"),
        ev(cell, "offline", "2026-11-02T10:00:00"),
        ev(cell, "offline", now + timedelta(hours=1)),
        ev(cell, "offline", now - timedelta(days=40)),
        {**ev(cell, "offline", t0), "facility": "NOPE"},
        ev(cell, "online", t0),  # same instant as event 0, another status
    ]
    r = feed(batch)
    assert r.status_code == 422
    assert r["Content-Type"] == "application/problem+json"
    problem = r.json()
    assert "nothing of it was stored" in problem["title"]
    by_index = {e["index"]: e for e in problem["errors"]}
    assert sorted(by_index) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert by_index[1]["loc"] == ["events", 1, "status"]
    assert "Unknown status" in by_index[1]["msg"]
    assert by_index[2]["loc"][2] == "camera"
    assert "ISO 8601" in by_index[3]["msg"]
    assert "UTC offset" in by_index[4]["msg"]
    assert "future" in by_index[5]["msg"]
    assert "older than" in by_index[6]["msg"]
    assert "Unknown facility" in by_index[7]["msg"]
    assert "same instant" in by_index[8]["msg"]
    assert _unchanged(cams)


def test_an_event_outside_the_connectors_scope_is_403_and_nothing_is_stored(feed, cams, t0):
    r = feed([ev(cams["cell1"], "offline", t0), ev(cams["b"], "offline", t0)])
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"
    assert [e["index"] for e in r.json()["errors"]] == [1]
    assert _unchanged(cams)


def test_a_regional_connector_reaches_its_regions_facilities_only(feed, world, cams, t0):
    _client, key = issue(world, scope=ScopeKind.REGION, region=world.region_a)
    assert feed([ev(cams["cell1"], "offline", t0)], key=key).status_code == 200
    assert feed([ev(cams["b"], "offline", t0)], key=key).status_code == 403


def test_more_than_a_thousand_events_is_413(feed, cams, t0):
    cell = cams["cell1"]
    r = feed([ev(cell, "online", t0 + timedelta(seconds=i)) for i in range(1001)])
    assert r.status_code == 413
    assert "at most 1000" in r.json()["detail"]
    assert _unchanged(cams)


def test_a_body_of_the_wrong_shape_is_a_422_problem(feed, cams, t0):
    r = feed([{"facility": "FA", "camera": "vms-SH-1"}])
    assert r.status_code == 422
    assert r["Content-Type"] == "application/problem+json"
    locs = [e["loc"] for e in r.json()["errors"]]
    assert ["body", "payload", "events", "0", "status"] in locs


def test_keys_without_the_feed_capability_or_revoked_are_refused(client, feed, world, cams, t0):
    _c, other = issue(world, capabilities=(Cap.FACILITY_VIEW,))
    assert feed([ev(cams["cell1"], "offline", t0)], key=other).status_code == 403
    revoked, key = issue(world)
    apiclient_revoke(actor=None, client=revoked)
    assert feed([ev(cams["cell1"], "offline", t0)], key=key).status_code == 401
    anonymous = client.post(URL, data="{}", content_type="application/json")
    assert anonymous.status_code == 401
    assert _unchanged(cams)


def test_too_many_batches_a_minute_are_429(feed, cams, t0, monkeypatch):
    from qorgau.surveillance.health import api

    monkeypatch.setattr(api, "BATCHES_PER_MINUTE", 2)
    cell = cams["cell1"]
    codes = [feed([ev(cell, "online", t0 + i * M)]).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    cell.refresh_from_db()
    assert cell.last_event_at == t0 + M


@pytest.mark.parametrize("status", ["tampered", "damaged", "obstructed"])
def test_each_deliberate_status_is_an_incident(feed, cams, t0, status):
    _ok(feed([ev(cams["yard"], status, t0)]))
    assert DamageIncident.objects.get().status == status


def test_a_late_down_event_just_before_an_outage_moves_its_start(feed, cams, t0):
    cell = cams["cell1"]
    _ok(feed([ev(cell, "online", t0), ev(cell, "offline", t0 + 20 * M)]))
    outage = Outage.objects.get()
    _ok(feed([ev(cell, "damaged", t0 + 15 * M)]))
    outage.refresh_from_db()
    assert (outage.started_at, outage.ended_at, outage.status) == (t0 + 15 * M, None, "damaged")
    assert Outage.objects.count() == 1


def test_a_camera_down_without_a_stored_outage_gets_one_from_its_status_start(feed, cams, t0):
    cell = cams["yard"]
    Camera.objects.filter(pk=cell.pk).update(
        status="offline", status_since=t0, last_event_at=t0 + M
    )
    _ok(feed([ev(cell, "online", t0 + 10 * M)]))
    assert list(Outage.objects.values_list("started_at", "ended_at", "status")) == [
        (t0, t0 + 10 * M, "offline")
    ]


def test_a_connector_needs_no_csrf_token_a_browser_session_does(world, cams, t0, connector, login):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    body = json.dumps({"events": [ev(cams["cell1"], "online", t0)]})
    r = strict.post(URL, data=body, content_type="application/json", HTTP_X_API_KEY=connector[1])
    assert r.status_code == 200, r.content
    # A signed-in browser without the token is still refused (and could not feed anyway).
    strict.force_login(world.users[Role.SYSADMIN])
    assert strict.post(URL, data=body, content_type="application/json").status_code == 403
