"""Template filters for checklist pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# International instruments as questions cite them in the checklist's data (in English,
# as the default checklist is written), with their names in the reader's language.
INSTRUMENTS = {
    "Mandela Rules": _("Mandela Rules"),
    "Bangkok Rules": _("Bangkok Rules"),
    "Istanbul Protocol": _("Istanbul Protocol"),
}


@register.filter
def standards_localized(value: str) -> str:
    """A question's standards ("Mandela Rules 1, 34") with the instruments' names translated."""
    text = value or ""
    for name, translated in INSTRUMENTS.items():
        text = text.replace(name, str(translated))
    return text
