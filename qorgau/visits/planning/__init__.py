"""Participants, the Coordinating Council, the annual plan, visits and their teams, risk ranking."""
