"""Deterministic, idempotent demo data at national scale.

Running it twice gives the same database as running it once: reference data is
upserted by code, and the people register (the bulk) is created in one
transaction only when no demo person exists yet.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import transaction

from qorgau.accounts.models import Membership, User
from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.audit import audit_record
from qorgau.facilities.models import (
    Facility,
    FacilityType,
    PopulationCount,
    Region,
)
from qorgau.people.models import CustodyStatus, Person

from .allegations import load_allegations
from .care import load_care
from .complaints import load_complaints, load_terminals
from .data import DEMO_REGION, TODAY
from .force import load_force
from .medical import load_medical
from .people import load_people
from .places import load_facilities, load_regions
from .surveillance import CAMERAS, load_surveillance
from .visits import load_visits

SEED = 2026
DEMO_PASSWORD = "qorgau-demo"  # noqa: S105 - printed for the demo; browser tests sign in with it
MONTHS = 36


DEMO_USERS = [
    # username, role, scope, full name
    ("ombudsman", Role.OMBUDSMAN_STAFF, ScopeKind.NATIONAL, "Айгерим Сапарова"),
    ("custodian", Role.IDENTITY_CUSTODIAN, ScopeKind.NATIONAL, "Марат Ермеков"),
    ("npm", Role.NPM_PARTICIPANT, ScopeKind.ASSIGNMENT, "Жанар Бекова"),
    ("npm.coordinator", Role.NPM_COORDINATOR, ScopeKind.NATIONAL, "Ольга Ким"),
    ("prosecutor", Role.PROSECUTOR, ScopeKind.JURISDICTION, "Ерлан Тулегенов"),
    ("facility.admin", Role.FACILITY_ADMIN, ScopeKind.FACILITY, "Серик Абенов"),
    ("doctor", Role.MEDICAL_OFFICER, ScopeKind.FACILITY, "Динара Касымова"),
    ("social", Role.SOCIAL_WORKER, ScopeKind.REGION, "Асель Муратова"),
    ("teacher", Role.EDUCATION_OFFICER, ScopeKind.FACILITY, "Наталья Петрова"),
    ("analyst", Role.ANALYST, ScopeKind.NATIONAL, "Данияр Исмаилов"),
    ("sysadmin", Role.SYSADMIN, ScopeKind.NATIONAL, "Тимур Пак"),
]


def _months_back(n: int) -> list[date]:
    out, y, m = [], TODAY.year, TODAY.month
    for _ in range(n):
        out.append(date(y, m, 1))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def load_population(rng: random.Random, facilities: list[Facility]) -> int:
    """Monthly headcounts for three years; the last month matches the register if any."""
    held = defaultdict(lambda: {"m": 0, "f": 0, "juv": 0})
    for fid, sex, born in Person.objects.filter(status=CustodyStatus.HELD).values_list(
        "current_facility_id", "sex", "birth_date"
    ):
        held[fid][sex] += 1
        if (TODAY - born).days < 18 * 365:
            held[fid]["juv"] += 1
    months = _months_back(MONTHS)
    rows = []
    for f in facilities:
        h = held.get(f.pk)
        if h:
            men, women, juv = h["m"], h["f"], h["juv"]
        else:
            total = int(f.capacity * rng.uniform(0.4, 1.05))
            women = int(total * rng.uniform(0.0, 0.15))
            men, juv = total - women, 0
            if f.type == FacilityType.JUVENILE_ADAPTATION:
                juv = total
        remand_share = (
            1.0 if f.type in (FacilityType.SIZO, FacilityType.SIZO_KNB, FacilityType.IVS) else 0.0
        )
        for back, month in enumerate(reversed(months)):
            drift = 1 + 0.004 * back + rng.uniform(-0.03, 0.03) if back else 1
            m, w = max(0, round(men * drift)), max(0, round(women * drift))
            remand = round((m + w) * remand_share)
            rows.append(
                PopulationCount(
                    facility=f,
                    date=month,
                    men=m,
                    women=w,
                    juveniles=min(m + w, round(juv * drift)),
                    convicted=m + w - remand,
                    remand=remand,
                    capacity=f.capacity,
                )
            )
    PopulationCount.objects.bulk_create(rows, batch_size=4000, ignore_conflicts=True)
    return len(rows)


def load_users(
    facilities: list[Facility], regions: dict[str, Region]
) -> list[tuple[str, str, str]]:
    region = regions[DEMO_REGION]
    home = next(f for f in facilities if f.region_id == region.pk and f.type == FacilityType.COLONY)
    npm_places = [
        home,
        *[f for f in facilities if f.region_id == region.pk and f.type != FacilityType.COLONY][:2],
    ]
    logins = []
    for username, role, scope, full_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "organisation": "Demo"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.SYSADMIN
            user.is_superuser = role == Role.SYSADMIN
            user.save()
        if not user.memberships.exists():
            m = Membership.objects.create(
                user=user,
                role=role,
                scope=scope,
                region=region if scope in (ScopeKind.REGION, ScopeKind.JURISDICTION) else None,
            )
            if scope == ScopeKind.FACILITY:
                m.facilities.set([home])
            elif scope == ScopeKind.ASSIGNMENT:
                m.facilities.set(npm_places)
        logins.append((username, DEMO_PASSWORD, str(Role(role).label)))
    return logins


def _cameras_for_earlier_holds() -> None:
    """Holds requested by the demo's case files and uses of force, before the demo's cameras
    existed, take the cameras of their zone and its neighbours now."""
    from qorgau.surveillance.models import FootageHold
    from qorgau.surveillance.services import cameras_for

    for hold in FootageHold.objects.filter(cameras=None).select_related("facility", "zone"):
        hold.cameras.add(*cameras_for(facility=hold.facility, zone=hold.zone))


def load(
    *, people: int = 37000, progress: Callable[[str], None] = print
) -> list[tuple[str, str, str]]:
    """Load everything; return the demo logins (username, password, role)."""
    rng = random.Random(SEED)
    with transaction.atomic():
        regions = load_regions()
        facilities = load_facilities(rng, regions)
        progress(f"places: {len(regions)} regions, {len(facilities)} places of detention")
    if not Person.objects.filter(current_facility__code__startswith="SIZO-").exists():
        n = load_people(random.Random(SEED + 1), facilities, people, progress)
        progress(f"people: {n} people held")
    else:
        progress("people: already loaded")
    with transaction.atomic():
        rows = load_population(random.Random(SEED + 2), facilities)
        progress(f"population: {rows} monthly counts")
        logins = load_users(facilities, regions)
        n_complaints = load_complaints(random.Random(SEED + 3))
        n_terminals = load_terminals(random.Random(SEED + 4))
        progress(f"complaints: {n_complaints} new; terminals: {n_terminals} new")
        n_cases = load_allegations(random.Random(SEED + 5))
        progress(f"allegation case files: {n_cases} new")
    with transaction.atomic():
        n_exams = load_medical(random.Random(SEED + 6))
        n_force = load_force(random.Random(SEED + 7))
        n_care = load_care(random.Random(SEED + 8))
        progress(
            f"medical examinations: {n_exams} new; uses of force: {n_force} new; "
            f"medical unit records: {n_care} new"
        )
    with transaction.atomic():
        # The national registry with the national register; a smaller one beside a small demo.
        national = people >= 37000
        n_cameras = load_surveillance(
            random.Random(SEED + 9),
            cameras=CAMERAS if national else max(2000, people * CAMERAS // 37000),
            days=365 if national else 60,
        )
        progress(f"video surveillance: {n_cameras} new records")
        _cameras_for_earlier_holds()
        audit_record(
            actor=None, action="demo.load", details={"places": len(facilities), "people": people}
        )
    with transaction.atomic():
        # A year of NPM visits: national numbers beside the national register.
        n_npm = load_visits(random.Random(SEED + 10), national=national)
        progress(f"NPM visits: {n_npm or 'already loaded'}")
    return logins
