"""Builders shared by the recommendations tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.recommendations import services
from qorgau.visits.tests.routes import visit_for_matrix


def smart(**over) -> dict:
    values = {
        "action": "Ensure daily outdoor exercise of at least one hour in the disciplinary unit",
        "addressee_agency": "penitentiary",
        "responsible_unit": "Head of the regime department",
        "indicator": "Exercise log shows one hour a day for every person held",
        "deadline": timezone.localdate() + timedelta(days=90),
        "priority": "high",
        "theme": "discipline",
        "standards": "Mandela Rules 23",
    }
    values.update(over)
    return values


def recommendation(w, facility=None, **over):
    visit = visit_for_matrix(w, facility or w.facility_a)
    actor = w.users[Role.NPM_COORDINATOR]
    return services.recommendation_create(actor=actor, visit=visit, **smart(**over))


def send_report(visit, status="sent"):
    from qorgau.visits.models import Report

    report, _ = Report.objects.get_or_create(visit=visit)
    report.status = status
    report.save()
    return report
