"""`{% terminal_keys terminals %}`: which Ombudsman key each listed kiosk reports, in one query.

Sets `key_report` (a `terminal_keys.KeyReport`, or None before the kiosk has
reported) on each terminal for the Terminals page.
"""

from django import template

from qorgau.complaints.terminal_keys import key_reports

register = template.Library()


@register.simple_tag
def terminal_keys(terminals) -> str:
    reports = key_reports(terminals)
    for terminal in terminals:
        terminal.key_report = reports.get(str(terminal.uuid))
    return ""
