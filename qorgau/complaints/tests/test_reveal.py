from __future__ import annotations

import pytest

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.complaints.choices import Channel
from qorgau.complaints.models import IdentityReveal
from qorgau.complaints.schemas import ComplaintPayload
from qorgau.complaints.services import complaint_register
from qorgau.core.models import AuditEntry
from qorgau.testing.factories import UserFactory, grant

from .kiosk import payload

REASON = "Нужно вызвать заявителя для дачи объяснений прокурору."


@pytest.fixture
def complaint(world):
    return complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=world.facility_a,
        payload=ComplaintPayload.model_validate(payload()),
    )


def _decide(client, reveal, decision):
    return client.post(
        f"/complaints/reveals/{reveal.uuid}/decide/",
        {f"{reveal.uuid}-decision": decision, f"{reveal.uuid}-note": "Обосновано"},
    )


def test_identity_shows_only_after_a_custodian_approves_and_each_look_is_logged(
    world, login, client, complaint
):
    staff = world.users[Role.OMBUDSMAN_STAFF]
    login(staff)
    url = complaint.get_absolute_url()
    assert "Сейтов" not in client.get(url).content.decode()
    assert client.post(f"{url}reveal/", {"reason": "мало"}).status_code == 400
    assert client.post(f"{url}reveal/", {"reason": REASON}).status_code == 302
    reveal = IdentityReveal.objects.get()
    assert "Сейтов" not in client.get(url).content.decode()  # pending

    client.logout()
    login(world.users[Role.IDENTITY_CUSTODIAN])
    desk = client.get("/complaints/reveals/").content.decode()
    assert (
        REASON in desk and "MARKER-PHRASE" not in desk
    )  # the custodian sees the reason, not the account
    assert _decide(client, reveal, "approve").status_code == 302

    client.logout()
    login(staff)
    assert "Сейтов Нурлан" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="identity.approved").exists()
    assert (
        AuditEntry.objects.filter(action="identity.read", actor_label=staff.username).count() == 1
    )


def test_a_refused_or_foreign_request_reveals_nothing(world, login, client, complaint):
    staff = world.users[Role.OMBUDSMAN_STAFF]
    colleague = UserFactory(username="colleague")
    grant(colleague, Role.OMBUDSMAN_STAFF, ScopeKind.NATIONAL)
    login(staff)
    client.post(f"{complaint.get_absolute_url()}reveal/", {"reason": REASON})
    client.logout()
    login(world.users[Role.IDENTITY_CUSTODIAN])
    _decide(client, IdentityReveal.objects.get(), "refuse")
    client.logout()
    login(staff)
    assert "Сейтов" not in client.get(complaint.get_absolute_url()).content.decode()
    client.logout()
    login(colleague)
    assert "Сейтов" not in client.get(complaint.get_absolute_url()).content.decode()


def test_nobody_decides_on_their_own_request(world, complaint):
    from django.core.exceptions import ValidationError

    from qorgau.complaints.services import reveal_decide, reveal_request

    both = UserFactory(username="both")
    grant(both, Role.OMBUDSMAN_STAFF, ScopeKind.NATIONAL)
    grant(both, Role.IDENTITY_CUSTODIAN, ScopeKind.NATIONAL)
    reveal = reveal_request(actor=both, complaint=complaint, reason=REASON)
    with pytest.raises(ValidationError):
        reveal_decide(actor=both, reveal=reveal, approve=True)
    reveal.refresh_from_db()
    assert reveal.status == "pending"


def test_anonymous_complaints_have_nothing_to_reveal(world, complaint):
    from django.core.exceptions import ValidationError

    from qorgau.complaints.services import reveal_request

    anon = complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=world.facility_a,
        payload=ComplaintPayload.model_validate(
            payload(
                anonymous=True, identity=None, receipt={"code": "QQQQQ-QQQQQ", "secret": "12345678"}
            )
        ),
    )
    with pytest.raises(ValidationError):
        reveal_request(actor=world.users[Role.OMBUDSMAN_STAFF], complaint=anon, reason=REASON)


def test_custodian_dashboard_counts_pending_requests(world, login, client, complaint):
    from qorgau.complaints.services import reveal_request

    reveal_request(actor=world.users[Role.OMBUDSMAN_STAFF], complaint=complaint, reason=REASON)
    login(world.users[Role.IDENTITY_CUSTODIAN])
    body = client.get("/").content.decode()
    assert '<span class="stat-n">1</span><span>waiting for your decision' in body


def test_pending_requests_come_first_and_pages_are_not_cached(world, login, client, complaint):
    from django.utils import timezone

    from qorgau.complaints.services import reveal_request

    for n in range(3):
        IdentityReveal.objects.create(
            complaint=complaint,
            requested_by=UserFactory(username=f"r{n}"),
            requested_at=timezone.now(),
            reason=REASON,
            status="refused",
        )
    pending = reveal_request(
        actor=world.users[Role.OMBUDSMAN_STAFF], complaint=complaint, reason=REASON
    )
    from qorgau.complaints.selectors import reveals_for_custodian

    assert reveals_for_custodian(user=world.users[Role.IDENTITY_CUSTODIAN]).first() == pending
    login(world.users[Role.OMBUDSMAN_STAFF])
    assert "no-store" in client.get(complaint.get_absolute_url())["Cache-Control"]
