"""Shared fixtures: two regions, a facility in each, one user per role, an outsider.

The "world" mirrors healthchecks' owner/member/outsider pattern: every role is
scoped to region A or facility A, so each view gets a "someone else's object"
test against facility B.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.testing.factories import (
    FacilityFactory,
    PersonFactory,
    PopulationCountFactory,
    RegionFactory,
    UserFactory,
    ZoneFactory,
    grant,
)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run on enqueue; test_worker.py drives the real database worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Each test keeps its own checkpoint log, terminal keys and attached files."""
    settings.QORGAU_AUDIT_CHECKPOINT_LOG = str(tmp_path / "audit-checkpoints.log")
    settings.QORGAU_KEYS_DIR = str(tmp_path / "keys")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }


@pytest.fixture(autouse=True)
def _english():
    """Tests read English (the source language) unless they ask for kk or ru."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


# Where each role's membership points in the test world.
ROLE_SCOPES = {
    Role.OMBUDSMAN_STAFF: ScopeKind.REGION,
    Role.IDENTITY_CUSTODIAN: ScopeKind.NATIONAL,
    Role.NPM_PARTICIPANT: ScopeKind.ASSIGNMENT,
    Role.NPM_COORDINATOR: ScopeKind.REGION,
    Role.PROSECUTOR: ScopeKind.JURISDICTION,
    Role.FACILITY_ADMIN: ScopeKind.FACILITY,
    Role.MEDICAL_OFFICER: ScopeKind.FACILITY,
    Role.SOCIAL_WORKER: ScopeKind.REGION,
    Role.EDUCATION_OFFICER: ScopeKind.FACILITY,
    Role.ANALYST: ScopeKind.REGION,
    Role.SYSADMIN: ScopeKind.NATIONAL,
}


@dataclass
class World:
    region_a: object
    region_b: object
    facility_a: object
    facility_b: object
    zone_a: object
    zone_b: object
    person_a: object
    person_b: object
    users: dict
    outsider: object


@pytest.fixture
def world(db) -> World:
    region_a, region_b = RegionFactory(code="KZ-A"), RegionFactory(code="KZ-B")
    facility_a = FacilityFactory(code="FA", region=region_a)
    facility_b = FacilityFactory(code="FB", region=region_b)
    zone_a = ZoneFactory(
        facility=facility_a, name="ШИЗО", kind="disciplinary_cell", risk_level="high"
    )
    zone_b = ZoneFactory(
        facility=facility_b, name="ШИЗО", kind="disciplinary_cell", risk_level="high"
    )
    for f in (facility_a, facility_b):
        PopulationCountFactory(facility=f)
    person_a = PersonFactory(
        current_facility=facility_a, surname="Ахметов", surname_latin="AKHMETOV"
    )
    person_b = PersonFactory(
        current_facility=facility_b,
        surname="Ахмедова",
        given_name="Алия",
        surname_latin="AKHMEDOVA",
        sex="f",
    )
    users = {}
    for role, scope in ROLE_SCOPES.items():
        user = UserFactory(username=role.value)
        # National roles are tested as national, others against region/facility A only.
        grant(
            user,
            role,
            scope,
            region=region_a if scope in (ScopeKind.REGION, ScopeKind.JURISDICTION) else None,
            facilities=[facility_a] if scope in (ScopeKind.FACILITY, ScopeKind.ASSIGNMENT) else (),
        )
        users[role] = user
    outsider = UserFactory(username="outsider")
    return World(
        region_a,
        region_b,
        facility_a,
        facility_b,
        zone_a,
        zone_b,
        person_a,
        person_b,
        users,
        outsider,
    )


@pytest.fixture
def login(client):
    """Sign a user in with a confirmed, verified TOTP device (as after a real 2FA login)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(user):
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return _login
