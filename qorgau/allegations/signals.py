"""Signals of the allegation case file, for apps that act on its facts.

The case file does not know who listens: the surveillance module requests a
footage hold when a case file gets a place and a time (ADR 0020), without the
allegations app importing it.
"""

from django.dispatch import Signal

# Sent inside the writing transaction when a case file is opened with a time of the
# events, or corrected so that its zone or time changes while a time is known.
# Arguments: case (the CaseFile, saved), actor (who wrote it).
case_placed = Signal()
