"""Models of NPM visits, in the order of the work: who, plan, on site, report, funding.

Access (visits/selectors.py): a participant reaches only the visits of teams they
belong to; a coordinator the visits in their scope; the facility reads its
reports once sent and never the interviews. Interview notes are read through
one service that writes an audit entry per read.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel, TimeStampedModel, localized
from qorgau.recommendations.choices import Theme

from .choices import (
    AnswerChoice,
    AnswerType,
    Cooperation,
    DecisionKind,
    Gender,
    InterviewKind,
    PlanStatus,
    RegisterKind,
    ReimbursementStatus,
    ReportStatus,
    SectionKey,
    TeamRole,
    TemplateStatus,
    VisitKind,
    VisitStatus,
)

# ---------------------------------------------------------------- participants and council


class CouncilDecision(PublicIdModel):
    """A decision of the Coordinating Council, with its date."""

    number = models.CharField(_("number"), max_length=20)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    title = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The year an annual plan or annual consolidated report covers (adopted the year after).
    year = models.PositiveSmallIntegerField(_("year covered"), null=True, blank=True)

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(kind="annual_report"), name="annual_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d.%m.%Y})"


class Participant(PublicIdModel):
    """A member of the NPM, admitted by the council for a period."""

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="npm_participant",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    # Lists of Expertise values and language codes (kk, ru, en…).
    expertise = models.JSONField(_("expertise"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    regions = models.ManyToManyField(
        "facilities.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)
    admitted_by = models.ForeignKey(
        CouncilDecision,
        verbose_name=_("admitted by decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admitted",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("NPM participant")
        verbose_name_plural = _("NPM participants")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("visits:participant", args=[self.uuid])


class ConflictDeclaration(TimeStampedModel):
    """A participant's declared conflict of interest with a place: blocks them from its teams."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="conflicts")
    facility = models.ForeignKey(
        "facilities.Facility", verbose_name=_("place"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=255)
    declared_on = models.DateField(_("declared on"))
    ended_on = models.DateField(_("no longer applies from"), null=True, blank=True)

    class Meta:
        ordering = ["participant", "-declared_on"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")


# ---------------------------------------------------------------- planning


class AnnualPlan(TimeStampedModel):
    """The year's plan of visits; its visits carry region (through the place) and quarter."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    decision = models.ForeignKey(
        CouncilDecision,
        verbose_name=_("approved by decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")

    def __str__(self) -> str:
        return str(self.year)


class Visit(PublicIdModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=VisitKind.choices)
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    # A special visit opened from an allegation case file; a follow-up of an earlier visit.
    case_file = models.ForeignKey(
        "allegations.CaseFile",
        verbose_name=_("case file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    purpose = models.TextField(_("purpose and focus"), blank=True)
    announced = models.BooleanField(_("announced in advance"), default=False)
    cooperation = models.CharField(
        _("cooperation of the authorities"),
        max_length=16,
        choices=Cooperation.choices,
        default=Cooperation.NONE,
        blank=True,
    )
    cooperation_notes = models.TextField(_("cooperation: notes"), blank=True)
    checklist = models.ForeignKey(
        "ChecklistTemplate",
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-number"]
        indexes = [models.Index(fields=["facility", "status", "end_date"])]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("visits:detail", args=[self.uuid])


class TeamMember(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="team")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="teams")
    role = models.CharField(
        _("role"), max_length=8, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    days = models.PositiveSmallIntegerField(_("days on the visit"), default=1)

    class Meta:
        ordering = ["visit", "role", "participant"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["visit", "participant"], name="visit_member_once"),
            models.UniqueConstraint(
                fields=["visit"], condition=Q(role="leader"), name="visit_one_leader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.participant}"


# ---------------------------------------------------------------- checklists


class ChecklistTemplate(TimeStampedModel):
    """A versioned checklist: a published version is never edited, a new one is made."""

    code = models.CharField(_("code"), max_length=32)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="checklist_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def title(self) -> str:
        return localized(self, "title")


class ChecklistSection(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    class Meta:
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")


class ChecklistQuestion(models.Model):
    section = models.ForeignKey(
        ChecklistSection, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=32)
    text_kk = models.TextField(_("question (Kazakh)"))
    text_ru = models.TextField(_("question (Russian)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    answer_type = models.CharField(_("answer"), max_length=8, choices=AnswerType.choices)
    # As cited: "Mandela Rules 43, 44".
    standards = models.CharField(_("standards"), max_length=255, blank=True)

    class Meta:
        ordering = ["section", "order"]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return localized(self, "text")


# ---------------------------------------------------------------- on site


class Answer(TimeStampedModel):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ChecklistQuestion, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("answer"), max_length=8, choices=AnswerChoice.choices, blank=True)
    number = models.DecimalField(
        _("number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("comment"), blank=True)
    answered_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["visit", "question"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="visit_answer_once")
        ]


class Observation(PublicIdModel):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="observations")
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("observation"))
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visit", "created_at"]


class VisitPhoto(PublicIdModel):
    """A photograph taken on site: re-encoded without metadata, SHA-256 kept."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    question = models.ForeignKey(
        ChecklistQuestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    observation = models.ForeignKey(
        Observation, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    storage_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=32, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    original_sha256 = models.CharField(max_length=64, editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    # Consent of anyone recognisable in it; a photo of rooms only needs none.
    shows_people = models.BooleanField(_("people can be recognised"), default=False)
    consent = models.BooleanField(_("consent of the people shown"), default=False)
    taken_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visit", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "original_sha256"], name="visit_photo_once"),
            models.CheckConstraint(
                condition=Q(shows_people=False) | Q(consent=True), name="visit_photo_consent"
            ),
        ]


class RegisterExtract(PublicIdModel):
    """What the team copied from a register of the place (for example, disciplinary placements)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="extracts")
    register = models.CharField(_("register"), max_length=16, choices=RegisterKind.choices)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    entries = models.PositiveIntegerField(_("entries in the period"), default=0)
    # Rows as the team noted them: [{"date": …, "what": …, "duration_days": …}, …], pseudonymised.
    rows = models.JSONField(_("rows"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visit", "register"]


class Interview(PublicIdModel):
    """A confidential interview: the team and coordinator read its notes, each read audited."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField(_("kind"), max_length=16, choices=InterviewKind.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=64)
    group_size = models.PositiveSmallIntegerField(_("people in the group"), default=1)
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    held_at = models.DateTimeField(_("time"))
    in_private = models.BooleanField(_("out of hearing of staff"), default=True)
    notes = models.TextField(_("notes"))
    themes = models.JSONField(_("themes"), default=list, blank=True)
    consent_to_pass = models.BooleanField(
        _("consents to information being passed on"), default=False
    )
    alleges_ill_treatment = models.BooleanField(_("alleges ill-treatment"), default=False)
    case_reference = models.CharField(_("case file"), max_length=20, blank=True)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visit", "held_at"]

    def __str__(self) -> str:
        return self.pseudonym


class Finding(PublicIdModel):
    """A finding of the visit, triangulated from its sources, under a theme."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    title = models.CharField(_("finding"), max_length=255)
    text = models.TextField(_("details"), blank=True)
    # InformationSource values the finding rests on.
    sources = models.JSONField(_("sources"), default=list)
    good_practice = models.BooleanField(_("good practice"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["visit", "theme", "order", "created_at"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- the report


class Report(PublicIdModel):
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=2, default="ru")
    adopted_by = models.ForeignKey(
        CouncilDecision,
        verbose_name=_("adopted by decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent to the authority"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def get_absolute_url(self) -> str:
        return reverse("visits:report", args=[self.visit.uuid])


class ReportSection(TimeStampedModel):
    """An editable section: compiled from the visit's data, then edited (sanitised HTML)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=16, choices=SectionKey.choices)
    html = models.TextField(_("text"), blank=True)
    edited_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_once")
        ]


class ReportVersion(models.Model):
    """Every step of the workflow keeps the report as it then stood."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices)
    # {"sections": {key: html}, "recommendations": [...], ...}: what was compiled and shown.
    content = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.report.visit} v{self.number}"


class AuthorityComment(PublicIdModel):
    """The authority's factual comments on the report sent to it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=16, choices=SectionKey.choices, blank=True)
    text = models.TextField(_("comment"))
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("NPM's answer"), blank=True)

    class Meta:
        ordering = ["report", "created_at"]


# ---------------------------------------------------------------- funding


class Budget(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("budget (tenge)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-year"]


class Reimbursement(PublicIdModel):
    """What a participant is owed for a visit, at the rates in force when it was computed."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="reimbursements")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="reimbursements"
    )
    days = models.PositiveSmallIntegerField(_("days"))
    daily_rate = models.DecimalField(_("daily rate (tenge)"), max_digits=12, decimal_places=2)
    travel = models.DecimalField(
        _("travel (tenge)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    extras_mci = models.DecimalField(
        _("extras (MCI)"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    mci = models.DecimalField(_("MCI (tenge)"), max_digits=10, decimal_places=2)
    total = models.DecimalField(_("total (tenge)"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReimbursementStatus.choices,
        default=ReimbursementStatus.PENDING,
    )
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["visit", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "participant"], name="reimbursement_once")
        ]
