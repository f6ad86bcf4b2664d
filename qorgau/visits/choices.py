"""Choices of NPM visits: participants, council decisions, visits, checklists, reports, funding."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Expertise(models.TextChoices):
    DOCTOR = "doctor", _("Doctor")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    LAWYER = "lawyer", _("Lawyer")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    HUMAN_RIGHTS = "human_rights", _("Human rights defender")
    OTHER = "other", _("Other")


# Experts the planning form looks for in a team.
MEDICAL_EXPERTISE = frozenset({Expertise.DOCTOR, Expertise.PSYCHIATRIST})


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class DecisionKind(models.TextChoices):
    ADMISSION = "admission", _("Admission of participants")
    EXCLUSION = "exclusion", _("Exclusion of participants")
    ANNUAL_PLAN = "annual_plan", _("Annual plan of visits")
    REPORT_ADOPTION = "report_adoption", _("Adoption of a visit report")
    ANNUAL_REPORT = "annual_report", _("Adoption of the annual consolidated report")
    METHOD = "method", _("Method and checklists")
    OTHER = "other", _("Other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the council")


class VisitKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SPECIAL = "special", _("Special (reactive)")
    FOLLOW_UP = "follow_up", _("Follow-up")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("On site")
    DONE = "done", _("Visit done")
    CANCELLED = "cancelled", _("Cancelled")


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MEMBER = "member", _("Member")
    EXPERT = "expert", _("Invited expert")


class Cooperation(models.TextChoices):
    NONE = "", _("Not assessed")
    FULL = "full", _("Full cooperation")
    PARTIAL = "partial", _("Partial: delays or refusals")
    OBSTRUCTED = "obstructed", _("Access obstructed")


class AnswerType(models.TextChoices):
    CHOICE = "choice", _("Yes / no / partly / not applicable")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")
    PHOTO = "photo", _("Photo")


class AnswerChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly")
    NOT_APPLICABLE = "na", _("Not applicable")


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("In use")
    RETIRED = "retired", _("Retired")


class InformationSource(models.TextChoices):
    """The four sources a finding is triangulated from."""

    AUTHORITIES = "authorities", _("Authorities and staff")
    DETAINEES = "detainees", _("Detainees, in private")
    OTHERS = "others", _("Others (doctors, lawyers, relatives)")
    OBSERVATION = "observation", _("Own observation")


class InterviewKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class RegisterKind(models.TextChoices):
    DISCIPLINARY = "disciplinary", _("Disciplinary placements")
    USE_OF_FORCE = "use_of_force", _("Use of force and special means")
    ADMISSIONS = "admissions", _("Admissions and injuries on arrival")
    COMPLAINTS = "complaints", _("Complaints and requests")
    MEDICAL = "medical", _("Medical unit")
    DEATHS = "deaths", _("Deaths and incidents")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    """The report's workflow, in order."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Coordinator review")
    ADOPTED = "adopted", _("Adopted by the council")
    SENT = "sent", _("Sent to the authority")
    COMMENTED = "commented", _("Authority's factual comments received")
    FINAL = "final", _("Final")
    PUBLISHED = "published", _("Published")


# Once sent, the facility reads the report (never the interview notes).
REPORT_SENT = frozenset(
    {ReportStatus.SENT, ReportStatus.COMMENTED, ReportStatus.FINAL, ReportStatus.PUBLISHED}
)


class SectionKey(models.TextChoices):
    """The standard structure of a visit report."""

    SUMMARY = "summary", _("Summary and recommendations")
    FACTS = "facts", _("The visit")
    PLACE = "place", _("The place")
    CHANGES = "changes", _("Changes since the last visit")
    FINDINGS = "findings", _("Findings by theme")
    GOOD_PRACTICE = "good_practice", _("Good practice")


class ReimbursementStatus(models.TextChoices):
    PENDING = "pending", _("To be approved")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
