"""The one access layer: which facilities a principal may act on, per capability.

Every selector that returns facility-bound records narrows its queryset with
`scope_filter`; every single-object read goes through `get_in_scope_or_404`.
Out of scope is indistinguishable from absent: 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .roles import ROLE_CAPABILITIES, ScopeKind


@dataclass(frozen=True)
class Scope:
    """Facilities a principal may reach with one capability."""

    national: bool = False
    region_ids: frozenset[int] = frozenset()
    facility_ids: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.national or self.region_ids or self.facility_ids)

    def q(self, facility_path: str = "") -> Q:
        """A filter on a queryset whose facility is reached by `facility_path`."""
        if self.national:
            return Q()
        if self.empty:
            return Q(pk__in=[])
        prefix = f"{facility_path}__" if facility_path else ""
        q = Q()
        if self.region_ids:
            q |= Q(**{f"{prefix}region_id__in": self.region_ids})
        if self.facility_ids:
            q |= Q(**{f"{prefix}id__in": self.facility_ids})
        return q

    def covers(self, facility: Any) -> bool:
        if facility is None:
            return self.national
        return (
            self.national
            or facility.region_id in self.region_ids
            or facility.pk in self.facility_ids
        )


def _grants(principal: Any) -> list[tuple[frozenset[str], str, int | None, list[int]]]:
    """(capabilities, scope kind, region id, facility ids) for each grant held."""
    from .models import ApiClient

    if isinstance(principal, ApiClient):
        if not principal.is_active:
            return []
        # A key of national or regional scope names no facilities: no query for them
        # (a connector's every request comes here).
        by_facility = principal.scope in (
            ScopeKind.FACILITY,
            ScopeKind.ASSIGNMENT,
            ScopeKind.JURISDICTION,
        )
        return [
            (
                frozenset(principal.capabilities),
                principal.scope,
                principal.region_id,
                [f.pk for f in principal.facilities.all()] if by_facility else [],
            )
        ]
    if not getattr(principal, "is_authenticated", False) or not principal.is_active:
        return []
    return [
        (
            ROLE_CAPABILITIES.get(m.role, frozenset()),
            m.scope,
            m.region_id,
            [f.pk for f in m.facilities.all()],
        )
        for m in principal.active_memberships()
    ]


def scope_for(principal: Any, capability: str) -> Scope:
    """The union of the scopes in which `principal` holds `capability`."""
    cache = principal.__dict__.setdefault("_scope_cache", {}) if principal else {}
    if capability in cache:
        return cache[capability]
    national = False
    regions: set[int] = set()
    facilities: set[int] = set()
    for caps, kind, region_id, facility_ids in _grants(principal):
        if capability not in caps:
            continue
        if kind == ScopeKind.NATIONAL:
            national = True
        if region_id is not None and kind in (ScopeKind.REGION, ScopeKind.JURISDICTION):
            regions.add(region_id)
        if kind in (ScopeKind.FACILITY, ScopeKind.ASSIGNMENT, ScopeKind.JURISDICTION):
            facilities.update(facility_ids)
    scope = Scope(national, frozenset(regions), frozenset(facilities))
    cache[capability] = scope
    return scope


def has_capability(principal: Any, capability: str) -> bool:
    return not scope_for(principal, capability).empty


def scope_filter(qs: QuerySet, principal: Any, capability: str, facility_path: str) -> QuerySet:
    """Narrow `qs` to the rows whose facility (reached by `facility_path`) is in scope.

    `facility_path` is "" when `qs` is a queryset of facilities themselves.
    """
    return qs.filter(scope_for(principal, capability).q(facility_path))


def get_in_scope_or_404(
    qs: QuerySet, principal: Any, capability: str, facility_path: str, **lookup: Any
) -> Model:
    try:
        return scope_filter(qs, principal, capability, facility_path).get(**lookup)
    except (qs.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
