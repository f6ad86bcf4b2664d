"""The chain of custody of a clip: who, when, to whom, the hash then; a changed hash is kept
and flagged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.core.models import AuditEntry
from qorgau.surveillance.holds import selectors, services
from qorgau.surveillance.models import CustodyEntry
from qorgau.surveillance.services import hold_request

from .conftest import sha


@pytest.fixture
def clip(world, cams, connector, report):
    start = timezone.now() - timedelta(hours=5)
    hold = hold_request(
        facility=world.facility_a,
        zone=world.zone_a,
        window_from=start,
        window_to=start + timedelta(hours=1),
    )
    _hold, clips = services.clips_confirm(
        actor=connector[0], hold=hold, clips=report(hold, cams["cell1"])
    )
    return clips[0]


def test_a_hand_over_keeps_who_when_to_whom_and_the_hash(clip, staff):
    at = timezone.now() - timedelta(minutes=5)
    entry, created = services.custody_record(
        actor=staff,
        clip=clip,
        action="handover",
        at=at,
        sha256=clip.sha256.upper(),
        recipient="Следователь прокуратуры Ахметов",
    )
    assert created and entry.actor == staff and entry.at == at
    assert entry.actor_label == staff.full_name == "Ombudsman_Staff"
    assert entry.sha256 == clip.sha256
    audit = AuditEntry.objects.get(action="footage.custody")
    assert audit.details == {"clip": str(clip.uuid), "custody": "handover", "hash_differs": False}
    assert selectors.hold_page(clip.hold).hash_alarms == []
    assert selectors.holds_for_user(user=staff).get().hash_alarms == 0


def test_a_different_hash_is_recorded_and_flagged(clip, connector, staff):
    entry, _ = services.custody_record(
        actor=connector[0],
        clip=clip,
        action="export",
        at=timezone.now(),
        sha256=sha("другой файл"),
        by="Оператор Сейтов",
    )
    assert entry.actor is None and entry.actor_label == "Оператор Сейтов (VMS A)"
    assert AuditEntry.objects.get(action="footage.custody").details["hash_differs"] is True
    page = selectors.hold_page(clip.hold)
    assert page.hash_alarms == [entry]
    assert selectors.holds_for_user(user=staff).get().hash_alarms == 1


def test_the_same_entry_sent_again_is_kept_once(clip, connector):
    data = {
        "actor": connector[0],
        "clip": clip,
        "action": "access",
        "at": timezone.now(),
        "sha256": clip.sha256,
        "by": "Оператор Сейтов",
    }
    first, created = services.custody_record(**data)
    again, created_again = services.custody_record(**data)
    assert created and not created_again and first == again
    assert CustodyEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"action": "copy"}, "action"),
        ({"at": timezone.now() + timedelta(hours=1)}, "at"),
        ({"at": timezone.now() - timedelta(days=30)}, "at"),
        ({"sha256": "abc"}, "sha256"),
        ({"action": "handover", "recipient": " "}, "recipient"),
        ({"by": ""}, "by"),
    ],
)
def test_bad_entries_are_refused_and_change_nothing(clip, connector, changes, field):
    data = {
        "actor": connector[0],
        "clip": clip,
        "action": "export",
        "at": timezone.now(),
        "sha256": clip.sha256,
        "by": "Оператор Сейтов",
        **changes,
    }
    with pytest.raises(ValidationError) as exc:
        services.custody_record(**data)
    assert field in exc.value.message_dict
    assert not CustodyEntry.objects.exists()
