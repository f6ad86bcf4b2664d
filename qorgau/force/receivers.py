"""Examinations after use of force satisfy the requirement of the use of force they follow."""

from django.dispatch import receiver

from qorgau.medical.signals import examination_recorded

from .services import subject_link_examination


@receiver(examination_recorded, dispatch_uid="force.examination_after_force")
def _on_examination(sender, *, examination, actor, **kwargs):
    subject_link_examination(actor=actor, examination=examination)
