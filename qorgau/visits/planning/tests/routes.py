"""Access-matrix rows of this area (see qorgau/visits/tests/routes.py)."""

from __future__ import annotations

from qorgau.accounts.roles import Cap
from qorgau.visits.tests import READ

V, C = READ, Cap.VISIT_COORDINATE


def _setup(w):
    from datetime import date

    from qorgau.visits.models import AnnualPlan, ConflictDeclaration, CouncilDecision
    from qorgau.visits.tests.routes import participant_for_matrix, visit_for_matrix

    a, b = visit_for_matrix(w, w.facility_a), visit_for_matrix(w, w.facility_b)
    second = participant_for_matrix(name="Второй Участник")
    fourth = participant_for_matrix(name="Четвёртый Участник")
    conflict, _ = ConflictDeclaration.objects.get_or_create(
        participant=second,
        facility=w.facility_b,
        defaults={"reason": "Родственник", "declared_on": date(2025, 1, 1)},
    )
    AnnualPlan.objects.get_or_create(year=2026)
    decision, _ = CouncilDecision.objects.get_or_create(
        number="M-1",
        defaults={"date": date(2026, 1, 15), "kind": "annual_plan", "title": "План", "year": 2026},
    )
    return a, b, second, fourth, conflict, decision


def pages(w) -> list:
    a, b, second, fourth, conflict, decision = _setup(w)
    va, vb = f"/visits/{a.uuid}", f"/visits/{b.uuid}"
    pa = f"/visits/participants/{second.uuid}"
    fp = fourth.uuid
    person = {"full_name": "Новый Участник", "gender": "m", "active_from": "2026-01-01"}
    return [
        ("visits:list", "get", "/visits/?year=2026&kind=planned", V, None, None),
        ("visits:detail", "get", f"{va}/", V, f"{vb}/", None),
        ("visits:new", "get", f"/visits/new/?facility={w.facility_a.uuid}", C, None, None),
        (
            "visits:new",
            "post",
            "/visits/new/",
            C,
            None,
            {"kind": "special", "facility": str(w.facility_a.uuid), "purpose": "Проверка"},
        ),
        ("visits:edit", "get", f"{va}/edit/", C, f"{vb}/edit/", None),
        ("visits:team", "get", f"{va}/team/", C, f"{vb}/team/", None),
        (
            "visits:team",
            "post",
            f"{va}/team/",
            C,
            f"{vb}/team/",
            {"participant": str(fp), "role": "member", "days": 2},
        ),
        ("visits:team_leader", "post", f"{va}/team/{fp}/leader/", C, f"{vb}/team/{fp}/leader/", {}),
        ("visits:team_remove", "post", f"{va}/team/{fp}/remove/", C, f"{vb}/team/{fp}/remove/", {}),
        ("visits:participants", "get", "/visits/participants/?expertise=lawyer", C, None, None),
        ("visits:participant_new", "get", "/visits/participants/new/", C, None, None),
        ("visits:participant_new", "post", "/visits/participants/new/", C, None, person),
        ("visits:participant", "get", f"{pa}/", C, None, None),
        ("visits:participant_edit", "get", f"{pa}/edit/", C, None, None),
        (
            "visits:conflict_add",
            "post",
            f"{pa}/conflicts/",
            C,
            None,
            {"facility": str(w.facility_b.uuid), "reason": "Работал там"},
        ),
        ("visits:conflict_end", "post", f"{pa}/conflicts/end/", C, None, {"conflict": conflict.pk}),
        ("visits:my_profile", "get", "/visits/participants/me/", Cap.VISIT_CONDUCT, None, None),
        ("visits:decisions", "get", "/visits/council/", C, None, None),
        ("visits:decision_new", "get", "/visits/council/new/", C, None, None),
        (
            "visits:decision_new",
            "post",
            "/visits/council/new/",
            C,
            None,
            {"number": "M-2", "date": "2026-02-01", "kind": "other", "title": "Метод"},
        ),
        ("visits:plan_current", "get", "/visits/plan/", C, None, None),
        ("visits:plan", "get", "/visits/plan/2026/", C, None, None),
        (
            "visits:plan_approve",
            "post",
            "/visits/plan/2026/approve/",
            C,
            None,
            {"decision": str(decision.uuid)},
        ),
        ("visits:risk", "get", "/visits/planning/risk/", C, None, None),
        # Last: it ends the visit of facility A.
        ("visits:status", "post", f"{va}/status/", C, f"{vb}/status/", {"action": "finish"}),
    ]


def endpoints(w) -> list:
    return []
