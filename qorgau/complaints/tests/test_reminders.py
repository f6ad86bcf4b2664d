from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.complaints.models import Complaint, ComplaintReminder
from qorgau.complaints.reminders import reminders_record
from qorgau.complaints.services import complaint_answer, complaint_transition
from qorgau.core.models import AuditEntry

from .casework import register


@pytest.fixture
def staff(world):
    return world.users[Role.OMBUDSMAN_STAFF]


def _assigned(world, staff, n, *, hours_ago: float):
    """A complaint received `hours_ago`, assigned to `staff` (deadlines 24 h, 3 and 30 days)."""
    c = register(world.facility_a, n, received_at=timezone.now() - timedelta(hours=hours_ago))
    Complaint.objects.filter(pk=c.pk).update(assigned_to=staff)
    c.refresh_from_db()
    return c


def _kinds(c):
    return set(ComplaintReminder.objects.filter(complaint=c).values_list("kind", flat=True))


def test_near_and_passed_deadlines_get_one_reminder_each(world, staff, settings):
    settings.QORGAU_COMPLAINT_REMINDER_HOURS = 12
    fresh = _assigned(world, staff, 1, hours_ago=1)  # forward due in 23 h: not yet
    near = _assigned(world, staff, 2, hours_ago=13)  # forward due in 11 h
    late = _assigned(world, staff, 3, hours_ago=24 * 3 + 1)  # forward and first answer passed
    assert reminders_record() == 3
    assert _kinds(fresh) == set()
    assert _kinds(near) == {"forward"}
    assert _kinds(late) == {"forward", "first_answer"}
    reminder = ComplaintReminder.objects.get(complaint=near)
    assert reminder.assignee == staff and reminder.due_at == near.forward_due
    assert AuditEntry.objects.filter(action="complaint.remind").count() == 1


def test_running_again_adds_nothing(world, staff):
    _assigned(world, staff, 1, hours_ago=30)
    assert reminders_record() == 1
    assert reminders_record() == 0
    assert ComplaintReminder.objects.count() == 1
    assert AuditEntry.objects.filter(action="complaint.remind").count() == 1


def test_met_deadlines_unassigned_and_closed_complaints_get_none(world, staff):
    forwarded = _assigned(world, staff, 1, hours_ago=30)
    complaint_transition(actor=None, complaint=forwarded, to="triaged")
    complaint_transition(actor=None, complaint=forwarded, to="forwarded")
    answered = _assigned(world, staff, 2, hours_ago=24 * 4)
    complaint_transition(actor=None, complaint=answered, to="triaged")
    complaint_answer(actor=None, complaint=answered, text="Ответ")
    register(world.facility_a, 3, received_at=timezone.now() - timedelta(days=40))  # unassigned
    assert reminders_record() == 0


def test_the_final_deadline_is_reminded_until_the_complaint_is_answered(world, staff):
    c = _assigned(world, staff, 1, hours_ago=24 * 30)
    complaint_transition(actor=None, complaint=c, to="triaged")
    complaint_transition(actor=None, complaint=c, to="forwarded")
    reminders_record()
    assert _kinds(c) == {"first_answer", "final_answer"}


def test_the_command_runs_it_and_queues_it(world, staff, capsys):
    _assigned(world, staff, 1, hours_ago=30)
    call_command("complaints", "remind")
    assert "reminders recorded: 1" in capsys.readouterr().out
    # The test settings run tasks at once on enqueue: the task does the same work.
    _assigned(world, staff, 2, hours_ago=30)
    call_command("complaints", "remind", "--enqueue")
    assert "queued:" in capsys.readouterr().out
    assert ComplaintReminder.objects.count() == 2


@pytest.mark.django_db
def test_the_database_worker_runs_the_queued_task(world, staff, settings, monkeypatch):
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _assigned(world, staff, 1, hours_ago=30)
    call_command("complaints", "remind", "--enqueue")
    assert not ComplaintReminder.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert ComplaintReminder.objects.count() == 1


def test_my_complaints_lists_mine_with_reminders_nearest_first(
    world, staff, login, client, settings
):
    settings.QORGAU_COMPLAINT_REMINDER_HOURS = 12
    later = _assigned(world, staff, 1, hours_ago=1)
    sooner = _assigned(world, staff, 2, hours_ago=30)
    others = register(world.facility_a, 3)  # not assigned
    reminders_record()
    login(staff)
    body = client.get("/complaints/mine/").content.decode()
    assert others.number not in body
    assert body.index(sooner.number) < body.index(later.number)
    assert "overdue" in body and "Forward to the competent body:" in body
    dash = client.get("/").content.decode()
    assert re.search(r'stat-warn"><span class="stat-n">1</span><span>deadline reminders', dash)
    # Once forwarded, the forward reminder no longer shows.
    complaint_transition(actor=None, complaint=sooner, to="triaged")
    complaint_transition(actor=None, complaint=sooner, to="forwarded")
    assert "Forward to the competent body:" not in client.get("/complaints/mine/").content.decode()


def test_my_complaints_stay_in_scope(world, login, client):
    # Assigned, but about a place outside the staff member's region: not listed.
    staff = world.users[Role.OMBUDSMAN_STAFF]
    theirs = register(world.facility_b, 1)
    Complaint.objects.filter(pk=theirs.pk).update(assigned_to=staff)
    login(staff)
    assert theirs.number not in client.get("/complaints/mine/?all=1").content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OMBUDSMAN_STAFF])
def test_no_other_role_has_my_complaints(world, login, client, role):
    login(world.users[role])
    assert client.get("/complaints/mine/").status_code == 403
    assert "deadline reminders" not in client.get("/").content.decode()
