"""The referral letter: one content, rendered to PDF (the record) and DOCX (an editable copy).

Identity goes into a letter only for victims who consented to its passing to the
prosecutor; every other victim is described without it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qorgau.complaints import selectors as complaint_selectors

from .choices import SourceKind
from .models import CaseFile


@dataclass
class VictimLine:
    label: str
    identity: list[tuple[str, str]] = field(default_factory=list)
    withheld: bool = False
    omitted: bool = False


@dataclass
class Letter:
    number: str
    sent_at: datetime
    case: CaseFile
    addressee: str
    place: str
    window: str
    classification: str
    summary: str
    victims: list[VictimLine]
    perpetrators: list[str]
    sources: list[str]
    accounts: list[tuple[str, str]]
    carries_identity: bool


def _when(value: datetime | None) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _window(case: CaseFile) -> str:
    if case.event_from and case.event_to:
        return f"{_when(case.event_from)} — {_when(case.event_to)}"
    return _when(case.event_from or case.event_to) or _("Not known")


def _identity_of(victim, with_identity: bool) -> tuple[list[tuple[str, str]], bool]:
    """The identity lines of a victim for the letter, and whether they were withheld."""
    if not (with_identity and victim.consent_prosecutor):
        return [], bool(victim.person_id or victim.name or victim.complaint_number)
    if victim.person is not None:
        p = victim.person
        return [
            (_("Full name"), p.full_name),
            (_("Date of birth"), date_format(p.birth_date)),
            (_("IIN"), p.iin or "—"),
        ], False
    if victim.complaint_number:
        identity = complaint_selectors.identity_for_referral(number=victim.complaint_number)
        if identity is None:
            return [], False
        if victim.named_by_complainant:
            return ([(_("Full name"), identity.victim_name)] if identity.victim_name else []), False
        if not identity.full_name:
            return [], False
        return [
            (_("Full name"), identity.full_name),
            (_("Date of birth"), date_format(identity.birth_date) if identity.birth_date else "—"),
            (_("IIN"), identity.iin or "—"),
        ], False
    return ([(_("Full name"), victim.name)] if victim.name else []), False


def referral_letter(
    *, case: CaseFile, number: str, sent_at: datetime, with_identity: bool
) -> Letter:
    """What the referral letter says, from the case file as it stands.

    Without `with_identity` (the Ombudsman's copy), identities that went to the
    prosecutor are marked as omitted, not as withheld.
    """
    victims = []
    for i, victim in enumerate(case.victims.select_related("person"), start=1):
        identity, withheld = _identity_of(victim, with_identity)
        omitted = not with_identity and victim.consent_prosecutor
        label = _("Alleged victim %(n)s") % {"n": i}
        if victim.complaint_number and victim.named_by_complainant:
            label += " — " + _("named in %(number)s") % {"number": victim.complaint_number}
        elif victim.complaint_number:
            label += " — " + _("complainant of %(number)s") % {"number": victim.complaint_number}
        victims.append(
            VictimLine(
                label=label, identity=identity, withheld=withheld and not omitted, omitted=omitted
            )
        )
    accounts = complaint_selectors.accounts_of(
        numbers=[s.reference for s in case.sources.all() if s.kind == SourceKind.COMPLAINT]
    )
    place = case.facility.name
    if case.zone is not None:
        place += " — " + case.zone.name
    return Letter(
        number=number,
        sent_at=sent_at,
        case=case,
        addressee=_("To the prosecutor's office of %(region)s")
        % {"region": case.facility.region.name},
        place=place,
        window=_window(case),
        classification=case.get_classification_display(),
        summary=case.summary,
        victims=victims,
        perpetrators=[
            " · ".join(
                x
                for x in (
                    f"{p.get_role_display()} ×{p.count}",
                    p.unit,
                    p.name,
                )
                if x
            )
            for p in case.perpetrators.all()
        ],
        sources=[f"{s.get_kind_display()}: {s.reference}" for s in case.sources.all()],
        accounts=accounts,
        carries_identity=any(v.identity for v in victims),
    )


def letter_language() -> str:
    """Letters to the prosecutor go in Kazakh or Russian: the writer's, or Russian."""
    language = (get_language() or "ru")[:2]
    return language if language in ("kk", "ru") else "ru"


def letter_html(letter: Letter) -> str:
    return render_to_string(
        "allegations/letter.html", {"letter": letter, "language": get_language()}
    )


def letter_pdf(letter: Letter) -> bytes:
    """The letter as PDF (WeasyPrint, A4, fonts of the system)."""
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()


def letter_docx(letter: Letter) -> bytes:
    """The same letter as an editable Word document."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(letter.addressee)
    doc.add_heading(_("Referral of an allegation of torture or ill-treatment"), level=1)
    doc.add_paragraph(
        _("Referral %(number)s of %(date)s, case file %(case)s")
        % {"number": letter.number, "date": _when(letter.sent_at), "case": letter.case.number}
    )
    table = doc.add_table(rows=0, cols=2)
    for label, value in (
        (_("Place"), letter.place),
        (_("Time of the events"), letter.window),
        (_("Classification"), letter.classification),
    ):
        row = table.add_row().cells
        row[0].text, row[1].text = str(label), value
    doc.add_heading(_("The allegation"), level=2)
    doc.add_paragraph(letter.summary)
    doc.add_heading(_("Alleged victims"), level=2)
    for v in letter.victims:
        doc.add_paragraph(v.label, style="List Bullet")
        for label, value in v.identity:
            doc.add_paragraph(f"{label}: {value}")
        if v.withheld:
            doc.add_paragraph(_("Identity withheld: no consent to pass it to the prosecutor."))
        if v.omitted:
            doc.add_paragraph(_("Identity sent to the prosecutor; omitted from this copy."))
    doc.add_heading(_("Alleged perpetrators"), level=2)
    for p in letter.perpetrators or [_("Not known")]:
        doc.add_paragraph(p, style="List Bullet")
    if letter.accounts:
        doc.add_heading(_("Accounts received"), level=2)
        for number, text in letter.accounts:
            doc.add_paragraph(number).runs[0].bold = True
            doc.add_paragraph(text)
    doc.add_heading(_("Sources"), level=2)
    for s in letter.sources:
        doc.add_paragraph(s, style="List Bullet")
    doc.add_paragraph(
        _(
            "The Commissioner for Human Rights asks to be informed of the registration "
            "of this report, the decisions taken and the outcome."
        )
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def referral_pdfs(*, case: CaseFile, number: str, sent_at: datetime) -> tuple[bytes, bytes, bool]:
    """The letter as sent (identity per consent), the Ombudsman's copy, whether it names anyone."""
    with translation.override(letter_language()):
        letter = referral_letter(case=case, number=number, sent_at=sent_at, with_identity=True)
        pdf = letter_pdf(letter)
        if not letter.carries_identity:
            return pdf, pdf, False
        copy = referral_letter(case=case, number=number, sent_at=sent_at, with_identity=False)
        return pdf, letter_pdf(copy), True


def referral_docx(*, referral: Any, with_identity: bool) -> bytes:
    """The Word copy of a referral's letter, from the case file as it stands now."""
    with translation.override(letter_language()):
        letter = referral_letter(
            case=referral.case,
            number=referral.number,
            sent_at=referral.sent_at,
            with_identity=with_identity,
        )
        return letter_docx(letter)
