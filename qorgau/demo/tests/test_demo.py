from __future__ import annotations

import pytest

from qorgau.accounts.models import User
from qorgau.complaints.intake import receipt_status
from qorgau.complaints.models import Complaint, Terminal
from qorgau.core.audit import audit_verify
from qorgau.demo.complaints import DEMO_RECEIPT
from qorgau.demo.load import DEMO_USERS, load
from qorgau.facilities.models import Facility, FacilityType, PopulationCount, Region
from qorgau.people.models import Person, Placement

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (Region, Facility, Person, Placement, PopulationCount, Complaint, Terminal, User)
    ]


def test_demo_is_national_in_shape_idempotent_and_audited():
    logins = load(people=300, progress=lambda _m: None)
    first = _counts()
    assert Region.objects.count() == 20
    assert Facility.objects.filter(type__in=FacilityType.penitentiary()).count() == 78
    assert Person.objects.count() == 300 and Placement.objects.count() > 300
    assert {u for u, _p, _r in logins} == {u for u, *_ in DEMO_USERS}
    load(people=300, progress=lambda _m: None)
    assert _counts() == first
    assert receipt_status(code=DEMO_RECEIPT[0], secret=DEMO_RECEIPT[1]) is not None
    assert audit_verify().ok


def test_every_demo_login_works(client, settings):
    settings.QORGAU_2FA_WAIVED = True  # as `make demo` runs
    load(people=50, progress=lambda _m: None)
    for username, *_ in DEMO_USERS:
        r = client.post("/accounts/login/", {"username": username, "password": "qorgau-demo"})
        assert r.status_code == 302 and client.get("/").status_code == 200, username
        client.post("/accounts/logout/")


def test_demo_examinations_show_where_injuries_come_from():
    from qorgau.medical.models import Examination

    load(people=1000, progress=lambda _m: None)
    arrivals = Examination.objects.filter(kind__in=["admission", "transfer"])
    assert arrivals.count() > 400
    injured = arrivals.filter(injuries__isnull=False).distinct()
    hot = injured.filter(
        arrived_from__in=["ОП №2 УП г. Караганда", "ОП №1 УП г. Шымкент", "ОП №4 УП г. Алматы"]
    )
    # A few units bring most of the injured, far beyond their share of arrivals.
    assert hot.count() > injured.count() / 3
    # The latest flagged arrivals went through the service: case files and notifications.
    flagged = Examination.objects.exclude(case_reference="")
    assert flagged.count() >= 3 and flagged.exclude(notification_reference="").count() >= 1
