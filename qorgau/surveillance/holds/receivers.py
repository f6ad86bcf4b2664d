"""A case file that gets a place and a time asks for its footage (ADR 0020)."""

from django.dispatch import receiver

from qorgau.allegations.signals import case_placed

from .services import hold_for_case


@receiver(case_placed, dispatch_uid="surveillance.holds.case_placed")
def _on_case_placed(sender, *, case, actor, **kwargs):
    hold_for_case(case=case, actor=actor)
