"""Choices of the allegation case file: classification, safeguards, referrals, flags."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    UNCLASSIFIED = "", _("Not classified yet")
    PART_1 = "146-1", _("Art. 146 part 1: cruel, inhuman or degrading treatment")
    PART_2 = "146-2", _("Art. 146 part 2: torture")
    PART_3 = "146-3", _("Art. 146 part 3: aggravated torture")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SourceKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    EXAMINATION = "examination", _("Medical examination")
    INTERVIEW = "interview", _("Interview during a visit")
    CAMERA = "camera", _("Camera event")
    STAFF = "staff", _("Opened by staff")


class PerpetratorRole(models.TextChoices):
    GUARD = "guard", _("Guard or duty officer")
    OPERATIVE = "operative", _("Operative officer")
    MANAGEMENT = "management", _("Facility management")
    POLICE = "police", _("Police officer")
    INVESTIGATOR = "investigator", _("Investigator")
    SPECIAL_FORCES = "special_forces", _("Special forces")
    MEDICAL = "medical", _("Medical staff")
    INMATE = "inmate", _("Another detainee (on instruction or tolerated)")
    UNKNOWN = "unknown", _("Unknown")


class SafeguardKind(models.TextChoices):
    REFERRAL = "referral", _("Referral to the prosecutor")
    FOOTAGE = "footage", _("Preservation of video footage")
    FORENSIC = "forensic", _("Forensic medical examination")
    PROTECTION = "protection", _("Protection of the alleged victim")
    REPRISAL_WATCH = "reprisal_watch", _("Reprisal watch")


class SafeguardStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    NOT_NEEDED = "not_needed", _("Not needed")


class ReferralKind(models.TextChoices):
    LETTER = "letter", _("Referral letter of the Ombudsman")
    MEDICAL = "medical", _("Medical notification of injuries")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Receipt confirmed")
    REGISTERED = "registered", _("Criminal case registered")
    DECIDED = "decided", _("Decision recorded")
    CLOSED = "closed", _("Outcome recorded")


class UpdateKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt confirmed")
    REGISTRATION = "registration", _("Criminal case registered")
    DECISION = "decision", _("Decision")
    OUTCOME = "outcome", _("Outcome")


class FlagKind(models.TextChoices):
    TRANSFER = "transfer", _("Transfer to another facility")
    DISCIPLINARY_CELL = "disciplinary_cell", _("Placement in a disciplinary or isolation cell")
    SANCTION = "sanction", _("Disciplinary sanction")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("To review")
    NO_REPRISAL = "no_reprisal", _("Reviewed: no sign of reprisal")
    REPRISAL = "reprisal", _("Reviewed: possible reprisal")
