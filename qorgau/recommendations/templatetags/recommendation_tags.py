from django import template

from qorgau.facilities.models import Agency

register = template.Library()


@register.filter
def agency_label(value: str) -> str:
    """The agency's name for its code (the field keeps codes of any list of agencies)."""
    return str(dict(Agency.choices).get(value, value))
