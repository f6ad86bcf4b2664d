"""Signals of the people register, for apps that watch what happens to a person held.

`custody_event` is sent inside the transaction that records the event, so a
receiver's writes (a reprisal flag, say) commit or roll back with it. Keyword
arguments: person, kind ("transfer", "zone_move", "sanction"…), at, reference
(the event's public id), facility, zone (or None), detail (a short label), actor.
"""

from django.dispatch import Signal

custody_event = Signal()
