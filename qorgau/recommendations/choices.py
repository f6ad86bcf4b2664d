"""Choices of recommendations: themes (the areas of the Mandela Rules), priority, status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """The areas a visit examines and a recommendation addresses (docs/domain: NPM visits)."""

    DIGNITY = "dignity", _("Respect for dignity and treatment")
    VULNERABLE = "vulnerable", _("Vulnerable groups")
    HEALTH = "health", _("Health care")
    RESTRICTIONS = "restrictions", _("Restrictions, searches and instruments of restraint")
    DISCIPLINE = "discipline", _("Discipline, sanctions and solitary confinement")
    INVESTIGATION = "investigation", _("Investigation of deaths and torture")
    LEGAL = "legal", _("Legal representation and safeguards")
    COMPLAINTS = "complaints", _("Complaints and inspection")
    STAFF = "staff", _("Staff")
    MATERIAL = "material", _("Material conditions")
    CONTACT = "contact", _("Contact with the outside world")
    ACTIVITIES = "activities", _("Work, education and activities")


class Source(models.TextChoices):
    """Which mechanism issued a recommendation."""

    NPM = "npm", _("NPM visit")
    NATIONAL = "national", _("National plan or dialogue platform")
    CAT = "cat", _("UN Committee against Torture")
    SPT = "spt", _("UN Subcommittee on Prevention of Torture")
    UPR = "upr", _("Universal Periodic Review")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY = "partly", _("Partly implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    REJECTED = "rejected", _("Rejected")
    NOT_RELEVANT = "not_relevant", _("No longer relevant")


# Statuses that close a recommendation: a follow-up visit no longer checks it.
CLOSED = frozenset({Status.IMPLEMENTED, Status.REJECTED, Status.NOT_RELEVANT})


class ResponseKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan")
    PROGRESS = "progress", _("Progress report")
