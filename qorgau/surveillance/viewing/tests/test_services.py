"""Grants: what a prosecutor may ask to watch, for which purpose, and how a grant ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.models import AuditEntry
from qorgau.surveillance.models import Camera, ViewingGrant
from qorgau.surveillance.viewing import services
from qorgau.testing.factories import UserFactory, grant


def _refused(make_grant, field, **kwargs):
    with pytest.raises(ValidationError) as exc:
        make_grant(**kwargs)
    assert field in exc.value.message_dict, exc.value.message_dict
    # A refusal changes nothing: no grant, no audit entry.
    assert not ViewingGrant.objects.exists()
    assert not AuditEntry.objects.filter(action="viewing.grant").exists()
    return exc.value.message_dict[field][0]


def test_a_live_grant_lasts_the_setting_and_is_audited(make_grant, cams, prosecutor, settings):
    settings.QORGAU_VIEWING_TOKEN_MINUTES = 7
    before = timezone.now()
    g = make_grant(cameras=[cams["cell1"], cams["cell2"]])
    assert g.user == prosecutor and g.mode == "live" and g.window_from is None
    assert set(g.cameras.all()) == {cams["cell1"], cams["cell2"]}
    assert before + timedelta(minutes=7) <= g.expires_at <= timezone.now() + timedelta(minutes=7)
    entry = AuditEntry.objects.get(action="viewing.grant")
    assert entry.actor_id == prosecutor.pk and entry.object_id == str(g.uuid)
    assert entry.details["cameras"] == ["SH-1", "SH-2"] and entry.details["purpose"] == "routine"


def test_a_whole_zone_brings_its_cameras_in_service(make_grant, cams, world):
    Camera.objects.create(
        facility=world.facility_a, zone=world.zone_a, code="SH-OFF", vms_id="v-off", active=False
    )
    g = make_grant(cameras=[], zones=[world.zone_a])
    assert set(g.cameras.all()) == {cams["cell1"], cams["cell2"]}


def test_nothing_chosen_is_refused(make_grant):
    _refused(make_grant, "cameras", cameras=[])


def test_too_many_cameras_are_refused(make_grant, world, monkeypatch):
    monkeypatch.setattr(services, "MAX_CAMERAS", 1)
    assert "At most 1" in _refused(make_grant, "cameras", zones=[world.zone_a])


def test_a_camera_of_another_facility_is_refused(make_grant, cams):
    _refused(make_grant, "cameras", cameras=[cams["cell1"], cams["b"]])


def test_a_camera_without_a_stream_is_refused(make_grant, cams):
    Camera.objects.filter(pk=cams["cell1"].pk).update(stream_path="")
    cams["cell1"].refresh_from_db()
    assert "SH-1" in _refused(make_grant, "cameras")


def test_a_facility_outside_the_jurisdiction_is_refused(make_grant, cams, world):
    _refused(make_grant, "facility", facility=world.facility_b, cameras=[cams["b"]])


def test_only_a_prosecutor_may_ask(make_grant, world):
    for role in (Role.OMBUDSMAN_STAFF, Role.FACILITY_ADMIN, Role.SYSADMIN):
        _refused(make_grant, "facility", actor=world.users[role])


def test_an_archive_window_in_the_past_is_granted(make_grant, cams, hour_ago):
    start, end = hour_ago
    g = make_grant(mode="archive", window_from=start, window_to=end)
    assert (g.window_from, g.window_to) == (start, end)


def test_an_archive_window_is_kept_in_whole_seconds(make_grant, hour_ago):
    start, end = hour_ago
    g = make_grant(mode="archive", window_from=start + timedelta(microseconds=5), window_to=end)
    assert g.window_from == start


@pytest.mark.parametrize(
    "window, field",
    [
        ((None, None), "window_from"),
        ((-60, None), "window_from"),
        ((-30, -60), "window_to"),  # ends before it starts
        ((-30, -30), "window_to"),  # empty
        ((-30, 5), "window_to"),  # reaches into the future
    ],
)
def test_a_bad_archive_window_is_refused(make_grant, window, field):
    now = timezone.now()
    start, end = (now + timedelta(minutes=m) if m is not None else None for m in window)
    _refused(make_grant, field, mode="archive", window_from=start, window_to=end)


def test_a_live_only_camera_has_no_archive(make_grant, cams, hour_ago):
    start, end = hour_ago
    message = _refused(
        make_grant,
        "cameras",
        cameras=[cams["yard"]],
        mode="archive",
        window_from=start,
        window_to=end,
    )
    assert "YA-1" in message


def test_a_live_viewing_has_no_window(make_grant, hour_ago):
    _refused(make_grant, "window_from", window_from=hour_ago[0], window_to=hour_ago[1])


def test_a_case_file_referred_to_the_jurisdiction_is_a_purpose(make_grant, referred_case):
    g = make_grant(purpose="case_file", case_reference=f" {referred_case.number} ", reason="")
    assert g.case_reference == referred_case.number
    entry = AuditEntry.objects.get(action="viewing.grant")
    assert entry.details["case"] == referred_case.number


def test_a_case_file_never_referred_is_refused(make_grant, world):
    from qorgau.allegations.models import CaseFile

    case = CaseFile.objects.create(
        number="ALG-2026-000777", facility=world.facility_a, known_at=timezone.now(), summary="—"
    )
    _refused(make_grant, "case_reference", purpose="case_file", case_reference=case.number)


def test_a_case_file_referred_to_another_jurisdiction_is_refused(make_grant, world):
    from qorgau.allegations.tests.routes import case_for_matrix

    case_b = case_for_matrix(world.facility_b, 1)
    _refused(make_grant, "case_reference", purpose="case_file", case_reference=case_b.number)


def test_a_case_file_purpose_needs_a_number(make_grant):
    _refused(make_grant, "case_reference", purpose="case_file", case_reference="")


def test_a_routine_check_needs_a_reason(make_grant):
    _refused(make_grant, "reason", reason="  look  ")


def test_a_routine_check_names_no_case_file(make_grant, referred_case):
    _refused(make_grant, "case_reference", case_reference=referred_case.number)


def test_an_unknown_purpose_is_refused(make_grant):
    _refused(make_grant, "purpose", purpose="curiosity")


def test_a_national_prosecutor_may_watch_anywhere(make_grant, cams, world):
    national = UserFactory(username="prosecutor_general")
    grant(national, Role.PROSECUTOR, ScopeKind.NATIONAL)
    g = make_grant(actor=national, facility=world.facility_b, cameras=[cams["b"]])
    assert list(g.cameras.all()) == [cams["b"]]


def test_revoking_ends_the_grant_once_and_is_audited(make_grant, prosecutor):
    g = make_grant()
    services.grant_revoke(actor=prosecutor, grant=g)
    g.refresh_from_db()
    assert g.revoked_at is not None
    assert AuditEntry.objects.filter(action="viewing.revoke", object_id=str(g.uuid)).count() == 1
    with pytest.raises(ValidationError):
        services.grant_revoke(actor=prosecutor, grant=g)
    assert AuditEntry.objects.filter(action="viewing.revoke").count() == 1


def test_an_expired_grant_cannot_be_revoked(make_grant, prosecutor):
    g = make_grant()
    ViewingGrant.objects.filter(pk=g.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.grant_revoke(actor=prosecutor, grant=g)
