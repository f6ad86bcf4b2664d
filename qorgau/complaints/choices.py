"""Choices shared by the server and the kiosk agent (no models: the agent has none)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    TERMINAL = "terminal", _("Complaint terminal")
    WEB = "web", _("Public web form")
    PAPER = "paper", _("Paper letter")
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("NPM visit")


class Category(models.TextChoices):
    TORTURE = "torture", _("Torture or beating")
    THREATS = "threats", _("Threats")
    FORCE = "force", _("Use of force")
    MEDICAL = "medical", _("Medical care")
    CONDITIONS = "conditions", _("Conditions of detention")
    DISCIPLINE = "discipline", _("Discipline and isolation")
    FAMILY = "family", _("Contact with family")
    LAWYER = "lawyer", _("Access to a lawyer")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    EDUCATION = "education", _("Education")
    BENEFITS = "benefits", _("Social benefits")
    OTHER = "other", _("Other")


class About(models.TextChoices):
    SELF = "self", _("Myself")
    OTHER = "other", _("Another person")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    TRIAGED = "triaged", _("Triaged")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    MERGED = "merged", _("Merged into another complaint")
