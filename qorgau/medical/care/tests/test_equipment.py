from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.core.models import AuditEntry
from qorgau.medical.care import selectors, services
from qorgau.medical.care.models import EquipmentCheck, EquipmentItem


def _days(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def item(world, doctor):
    return services.equipment_create(
        actor=doctor,
        facility=world.facility_a,
        unit=None,
        kind="xray",
        name="ФЛЮОРОГРАФ ФМЦ",
        inventory_number="INV-1",
        check_interval_days=180,
        last_checked_on=_days(100),
    )


def test_a_new_item_is_due_an_interval_after_its_last_check(item):
    assert item.next_check_due == _days(100) + timedelta(days=180)
    assert AuditEntry.objects.filter(action="medical.equipment", object_id=str(item.uuid))


def test_a_check_sets_the_state_found_and_the_next_due_date(doctor, item):
    services.equipment_check_record(
        actor=doctor, item=item, checked_on=_days(1), result="needs_repair", note="Трубка"
    )
    item.refresh_from_db()
    assert (item.state, item.last_checked_on) == ("needs_repair", _days(1))
    assert item.next_check_due == _days(1) + timedelta(days=180)
    assert AuditEntry.objects.filter(action="medical.equipment_check", object_id=str(item.uuid))


@pytest.mark.parametrize(
    ("checked_on", "message"),
    [(-1, "future"), (101, "logged in order")],
)
def test_a_check_out_of_order_or_in_the_future_changes_nothing(doctor, item, checked_on, message):
    with pytest.raises(ValidationError, match=message):
        services.equipment_check_record(
            actor=doctor, item=item, checked_on=_days(checked_on), result="working"
        )
    assert not EquipmentCheck.objects.exists()
    assert EquipmentItem.objects.get().last_checked_on == _days(100)


def test_a_written_off_item_takes_no_more_checks_nor_changes(doctor, item):
    services.equipment_state_change(actor=doctor, item=item, state="written_off")
    for call in (
        lambda: services.equipment_check_record(
            actor=doctor, item=item, checked_on=_days(0), result="working"
        ),
        lambda: services.equipment_state_change(actor=doctor, item=item, state="working"),
    ):
        with pytest.raises(ValidationError, match="written off"):
            call()
    assert EquipmentItem.objects.get().state == "written_off"
    entry = AuditEntry.objects.get(action="medical.equipment_state")
    assert entry.details == {"from": "working", "to": "written_off"}


def test_a_duplicate_inventory_number_is_refused(world, doctor, item):
    with pytest.raises(ValidationError, match="already has an item"):
        services.equipment_create(
            actor=doctor,
            facility=world.facility_a,
            unit=None,
            kind="ecg",
            name="",
            inventory_number="INV-1",
            check_interval_days=365,
        )
    assert EquipmentItem.objects.count() == 1


def test_overdue_checks_come_first_and_stand_out(world, login, client, doctor, item):
    late = services.equipment_create(
        actor=doctor,
        facility=world.facility_a,
        unit=None,
        kind="defibrillator",
        name="",
        inventory_number="INV-2",
        check_interval_days=30,
        last_checked_on=_days(40),
    )
    written_off = services.equipment_create(
        actor=doctor,
        facility=world.facility_a,
        unit=None,
        kind="ecg",
        name="",
        inventory_number="INV-3",
        check_interval_days=30,
        last_checked_on=_days(400),
    )
    services.equipment_state_change(actor=doctor, item=written_off, state="written_off")
    listed = list(selectors.equipment_for_user(user=doctor))
    assert [(i.inventory_number, i.overdue) for i in listed][0] == ("INV-2", True)
    assert {i.inventory_number for i in listed if i.overdue} == {"INV-2"}
    assert [i.pk for i in selectors.equipment_for_user(user=doctor, overdue=True)] == [late.pk]
    login(doctor)
    body = client.get("/medical/care/equipment/").content.decode()
    assert body.count('class="row-warn"') == 1 and "overdue" in body


def test_the_inventory_pages_add_check_and_refuse_in_scope(
    world, login, client, doctor, national_doctor, item
):
    login(doctor)
    r = client.post(
        "/medical/care/equipment/new/",
        {
            "facility": str(world.facility_b.uuid),
            "kind": "ecg",
            "inventory_number": "B-1",
            "check_interval_days": "365",
        },
    )
    assert r.status_code == 400 and EquipmentItem.objects.count() == 1  # B is not in scope
    r = client.post(
        f"/medical/care/equipment/{item.uuid}/checks/",
        {"checked_on": str(_days(0)), "result": "out_of_order", "note": "Не включается"},
    )
    assert r.status_code == 302
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Не включается" in page and "Out of order" in page
    other = services.equipment_create(
        actor=national_doctor,
        facility=world.facility_b,
        unit=None,
        kind="ecg",
        name="",
        inventory_number="B-1",
        check_interval_days=365,
    )
    assert client.get(other.get_absolute_url()).status_code == 404
    r = client.post(f"/medical/care/equipment/{other.uuid}/state/", {"state": "written_off"})
    assert r.status_code == 404
    other.refresh_from_db()
    assert other.state == "working"
