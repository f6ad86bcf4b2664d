"""Template tags for other apps' pages that link to visit planning."""

from __future__ import annotations

from django import template

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap

register = template.Library()


@register.simple_tag(takes_context=True)
def may_plan_visit_at(context, facility) -> bool:
    """Whether the signed-in user may plan (coordinate) visits of `facility`."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return bool(user) and scope_for(user, Cap.VISIT_COORDINATE).covers(facility)
