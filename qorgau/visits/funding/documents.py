"""The annual consolidated report as PDF (WeasyPrint: cover, contents, page numbers, charts)
and DOCX (python-docx: headings and tables), in Kazakh or Russian after the UI language."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .annual import AnnualReport


def document_language() -> str:
    """Kazakh when the UI speaks Kazakh, otherwise Russian: the report's two languages."""
    return "kk" if (get_language() or "").startswith("kk") else "ru"


def in_document_language(build: Callable[[], Any]) -> Any:
    with translation.override(document_language()):
        return build()


def annual_html(report: AnnualReport) -> str:
    """The printable HTML of the report (in the active language)."""
    return render_to_string(
        "visits/funding/annual_print.html", {"r": report, "language": get_language()}
    )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def annual_pdf(report: AnnualReport) -> bytes:
    return html_to_pdf(annual_html(report))


def _pct(value: Any) -> str:
    return "—" if value is None else f"{value} %"


def _table(doc: Any, head: list[str], rows: list[list[Any]]) -> None:
    # All rows at once, then row by row: add_row() and table.cell() walk the grid each time.
    table = doc.add_table(rows=len(rows) + 1, cols=len(head))
    table.style = "Table Grid"
    lines = iter(table.rows)
    for cell, text in zip(next(lines).cells, head, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for line, row in zip(lines, rows, strict=True):
        for cell, value in zip(line.cells, row, strict=True):
            cell.text = str(value)


def _lines_table(doc: Any, head: str, lines: list) -> None:
    _table(
        doc,
        [head, _("Count"), _("Share")],
        [[line.label, line.value, _pct(line.share)] for line in lines],
    )


def annual_docx(report: AnnualReport) -> bytes:
    """The same report as a Word document: headings, paragraphs and tables."""
    from docx import Document

    r = report
    doc = Document()
    doc.core_properties.title = r.title
    doc.add_heading(r.title, level=0)
    doc.add_paragraph(
        _("Generated on %(date)s from the records of the information system.")
        % {"date": date_format(r.today)}
    )
    if not r.national:
        doc.add_paragraph(_("Figures of the places in the coordinator's scope only."))
    if r.adoption:
        doc.add_paragraph(
            _("Adopted by the Coordinating Council, decision %(number)s of %(date)s.")
            % {"number": r.adoption.number, "date": date_format(r.adoption.date)}
        )

    doc.add_heading(_("1. The year in figures"), level=1)
    _table(
        doc,
        [_("Indicator"), _("Value")],
        [
            [_("Visits carried out"), r.visits],
            [_("Visits cancelled"), r.cancelled],
            [_("Places visited"), r.places_visited],
            [_("Participants on visit teams"), r.participants],
            [_("Recommendations issued"), r.recommendations],
            [_("Recommendations implemented"), f"{r.implemented} ({_pct(r.implemented_percent)})"],
            [_("Recommendations overdue"), r.overdue],
            [_("Findings recorded"), r.findings],
        ],
    )

    doc.add_heading(_("2. Visits"), level=1)
    doc.add_heading(_("By type"), level=2)
    _lines_table(doc, _("Type"), r.by_kind)
    doc.add_heading(_("By month"), level=2)
    _table(doc, [_("Month"), _("Visits")], [[line.label, line.value] for line in r.by_month])
    doc.add_heading(_("By region"), level=2)
    _lines_table(doc, _("Region"), r.by_region)
    doc.add_heading(_("By agency"), level=2)
    _lines_table(doc, _("Agency"), r.by_agency)
    doc.add_heading(_("By kind of place"), level=2)
    _lines_table(doc, _("Kind of place"), r.by_type)
    doc.add_heading(_("Teams"), level=2)
    doc.add_paragraph(
        _(
            "%(participants)s participants took part; a team had %(size)s members on average; "
            "%(medical)s of visits had a doctor or psychiatrist on the team."
        )
        % {
            "participants": r.participants,
            "size": r.team_size if r.team_size is not None else "—",
            "medical": _pct(r.medical_share),
        }
    )

    doc.add_heading(_("3. Recommendations and their implementation"), level=1)
    doc.add_paragraph(
        _(
            "%(total)s recommendations were issued; %(implemented)s (%(percent)s) are "
            "implemented; %(overdue)s are open past their deadline."
        )
        % {
            "total": r.recommendations,
            "implemented": r.implemented,
            "percent": _pct(r.implemented_percent),
            "overdue": r.overdue,
        }
    )
    doc.add_heading(_("By status"), level=2)
    _lines_table(doc, _("Status"), r.rec_by_status)
    doc.add_heading(_("By addressee agency"), level=2)
    _table(
        doc,
        [_("Agency"), _("Issued"), _("Implemented"), _("Share"), _("Overdue")],
        [[x.label, x.total, x.implemented, _pct(x.percent), x.overdue] for x in r.rec_by_agency],
    )

    doc.add_heading(_("4. Main findings by theme"), level=1)
    _table(
        doc,
        [_("Theme"), _("Findings"), _("Good practice"), _("Recommendations"), _("Implemented")],
        [
            [t.label, t.findings, t.good_practice, t.recommendations, _pct(t.percent)]
            for t in r.themes
        ],
    )
    for t in r.themes:
        if t.titles:
            doc.add_heading(t.label, level=2)
            for title in t.titles:
                doc.add_paragraph(title, style="List Bullet")

    doc.add_heading(_("5. Cooperation of the authorities"), level=1)
    _lines_table(doc, _("Cooperation"), r.cooperation)
    doc.add_heading(_("Reports of the visits"), level=2)
    _lines_table(doc, _("Status of the report"), r.reports)

    doc.add_heading(_("6. Funding"), level=1)
    f = r.funding
    if f is not None:
        _table(
            doc,
            [_("Indicator"), _("Tenge")],
            [
                [_("Budget"), f.budget if f.budget is not None else "—"],
                [_("Approved"), f.approved],
                [_("Paid"), f.paid],
                [_("Spent (approved and paid)"), f.spent],
                [_("To be approved"), f.pending],
                [_("Remaining"), f.remaining if f.remaining is not None else "—"],
            ],
        )

    doc.add_heading(_("Annex: places visited"), level=1)
    _table(
        doc,
        [_("Region"), _("Place"), _("Kind of place"), _("Visits")],
        [[p.region, p.name, p.type, p.visits] for p in r.places],
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
