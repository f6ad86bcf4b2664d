"""The reprisal watch listens to the people register's custody events."""

from django.dispatch import receiver

from qorgau.people.signals import custody_event

from .services import reprisal_check


@receiver(custody_event, dispatch_uid="allegations.reprisal_watch")
def _on_custody_event(sender, *, person, kind, at, reference, zone, detail, actor, **kwargs):
    reprisal_check(
        person=person,
        kind=kind,
        at=at,
        reference=reference,
        zone=zone,
        detail=detail,
        actor=actor,
    )
