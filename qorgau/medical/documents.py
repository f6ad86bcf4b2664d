"""The medical report of an examination, structured like the Istanbul Protocol's annex.

Identifiers, the person's account, the findings with the body chart, the
psychological signs, photographs (never intimate ones), the interpretation on
the Protocol's scale, recommendations and the examiner. The same report goes to
medical staff (with identity), to the Ombudsman holding the case file, and to the
prosecutor as the doctor's notification, which names the person only if they agreed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qorgau.allegations.documents import letter_language

from . import bodychart, photos
from .choices import PsychSign
from .models import Examination


@dataclass
class Report:
    examination: Examination
    identity: list[tuple[str, str]]
    withheld: bool
    number: str
    sent_at: datetime | None
    injuries: list
    chart: dict
    psych_signs: list[str]
    photos: list[tuple[str, str, str]]  # data URI, caption, SHA-256
    intimate_photos: int


def report(
    examination: Examination, *, with_identity: bool, number: str = "", sent_at=None
) -> Report:
    """What the report says; without identity it says that the identity was withheld."""
    person = examination.person
    identity = (
        [
            (_("Full name"), person.full_name),
            (_("Date of birth"), date_format(person.birth_date)),
            (_("IIN"), person.iin or "—"),
        ]
        if with_identity
        else []
    )
    injuries = list(examination.injuries.all())
    shown, intimate = [], 0
    for photo in examination.photos.all():
        if photo.intimate:
            intimate += 1
            continue
        data = base64.b64encode(photos.photo_bytes(photo)).decode()
        shown.append((f"data:{photo.content_type};base64,{data}", photo.caption, photo.sha256))
    return Report(
        examination=examination,
        identity=identity,
        withheld=not with_identity,
        number=number,
        sent_at=sent_at,
        injuries=injuries,
        chart=bodychart.chart(injuries),
        psych_signs=[str(PsychSign(s).label) for s in examination.psych_signs],
        photos=shown,
        intimate_photos=intimate,
    )


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string("medical/report.html", {"r": report, "language": get_language()})
    return HTML(string=html).write_pdf()


def render(examination: Examination, *, with_identity: bool, number: str = "", sent_at=None):
    """The report as PDF, in Kazakh or Russian like every paper that leaves for the prosecutor."""
    with translation.override(letter_language()):
        return report_pdf(
            report(examination, with_identity=with_identity, number=number, sent_at=sent_at)
        )


def notification_pdfs(
    examination: Examination, *, number: str, sent_at
) -> tuple[bytes, bytes, bool]:
    """The notification as sent (identity if the person agreed), the case file's copy without it."""
    named = examination.consent_disclosure
    sent = render(examination, with_identity=named, number=number, sent_at=sent_at)
    if not named:
        return sent, sent, False
    return sent, render(examination, with_identity=False, number=number, sent_at=sent_at), True
