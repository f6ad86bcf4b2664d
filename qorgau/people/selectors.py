"""Reads of the register of people held. Identity reads are audited."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from qorgau.accounts.access import get_in_scope_or_404, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_read, audit_record

from .models import Person, Placement, search_key

SEARCH_LIMIT = 50


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _prefix(field: str, text: str) -> Q:
    # A range instead of LIKE so both SQLite and PostgreSQL use the index.
    return Q(**{f"{field}__gte": text, f"{field}__lt": text + "\uffff"})


def person_search_for_user(
    *, user: Any, query: str, facility_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[Person]:
    """People in scope whose name starts with `query` (either script) or whose IIN is `query`.

    The search itself is audited: who looked for whom is part of the record.
    """
    text = search_key(query)
    qs = scope_filter(Person.objects.all(), user, Cap.PERSON_VIEW, "current_facility")
    if facility_id is not None:
        qs = qs.filter(current_facility_id=facility_id)
    if text.isdigit() and len(text) == 12:
        qs = qs.filter(iin=text).order_by("id")
    else:
        # One index, read in its own order: the first 50 matches are found
        # without sorting every person who shares the prefix (bench/RESULTS.md).
        field = "search_cyrillic" if _CYRILLIC.search(text) else "search_latin"
        qs = qs.filter(_prefix(field, text)).order_by(field, "id")
    results = list(qs.select_related("current_facility", "current_facility__region")[:limit])
    audit_record(
        actor=user,
        action="person.search",
        details={"query": query[:100], "results": len(results)},
    )
    return results


def person_by_iin_for_user(*, user: Any, iin: str, capability: str) -> Person | None:
    """The person with this IIN if held (or last held) in the user's scope for `capability`."""
    return (
        scope_filter(
            Person.objects.filter(iin=iin, current_facility__isnull=False),
            user,
            capability,
            "current_facility",
        )
        .select_related("current_facility")
        .first()
    )


def person_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.PERSON_VIEW) -> Person:
    """The person if held (or last held) in the user's scope, else 404; the read is audited."""
    person = get_in_scope_or_404(
        Person.objects.select_related("current_facility", "current_zone"),
        user,
        capability,
        "current_facility",
        uuid=uuid,
    )
    audit_read(actor=user, obj=person)
    return person


def placement_history(*, person: Person) -> QuerySet:
    return (
        Placement.objects.filter(person=person)
        .select_related("facility", "zone", "from_facility")
        .order_by("-at", "-id")
    )


def can_change_person(*, user: Any, person: Person) -> bool:
    return scope_for(user, Cap.PERSON_CHANGE).covers(person.current_facility)
