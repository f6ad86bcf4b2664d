"""The report as DOCX (python-docx): the same structure as the PDF, for editing in Word.

The sections' sanitised HTML is turned into Word paragraphs, headings, lists and
tables by a small converter that knows only the tags of the allow-list; the
charts become tables of the same figures; the contents is a Word field that
Word fills on opening, and the footer numbers the pages.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .sanitize import sanitize_html

HEADINGS = {"h2": 2, "h3": 3, "h4": 4}


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, TOC): Word computes it when the document is opened."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


class _Writer(HTMLParser):
    """Writes allow-listed HTML into a python-docx document."""

    def __init__(self, doc) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.par = None
        self.bold = self.italic = self.underline = 0
        self.lists: list[str] = []
        self.table = None  # rows of cells, each cell a list of strings
        self.row = None
        self.cell: list[str] | None = None

    def _paragraph(self, style: str | None = None):
        self.par = self.doc.add_paragraph(style=style)
        return self.par

    def handle_starttag(self, tag, attrs):
        if tag in HEADINGS:
            self.par = self.doc.add_heading(level=HEADINGS[tag])
        elif tag in ("p", "blockquote") and self.cell is None:
            self._paragraph()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._paragraph("List Number" if self.lists[-1:] == ["ol"] else "List Bullet")
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag == "br" and self.par is not None and self.cell is None:
            self.par.add_run().add_break()
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in HEADINGS or tag in ("p", "li", "blockquote"):
            if self.cell is None:
                self.par = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "u":
            self.underline = max(0, self.underline - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append((" ".join("".join(self.cell).split()), tag == "th"))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            write_table(self.doc, self.table)
            self.table = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.par is None:
            return
        if self.par is None:
            self._paragraph()
        run = self.par.add_run(data)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        run.underline = bool(self.underline) or None


def write_table(doc, rows: list[list[tuple[str, bool]]]) -> None:
    if not rows:
        return
    cols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=cols)
    table.style = "Table Grid"
    # Row by row: table.cell(i, j) walks the whole grid each time (quadratic in cells).
    for row_obj, row in zip(table.rows, rows, strict=False):
        cells = row_obj.cells
        for cell, (text, header) in zip(cells, row, strict=False):
            cell.text = text
            if header:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph()


def html_into(doc, html: str) -> None:
    writer = _Writer(doc)
    writer.feed(sanitize_html(html))
    writer.close()


def report_docx(content: dict) -> bytes:
    """The report in Word, in its language."""
    with translation.override(content.get("language", "ru")):
        doc = Document()
        doc.core_properties.title = _("Report of visit %(number)s") % {"number": content["visit"]}
        doc.core_properties.language = content.get("language", "ru")
        # Cover.
        cover = doc.add_paragraph(_("National Preventive Mechanism of the Republic of Kazakhstan"))
        cover.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = doc.add_heading(doc.core_properties.title, level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in (
            content["facility"],
            " – ".join(d for d in (content["start_date"], content["end_date"]) if d),
            (
                _("Adopted by the Coordinating Council, decision %(decision)s")
                % {"decision": content["adopted_by"]}
                if content.get("adopted_by")
                else ""
            ),
            _("People are referred to by pseudonyms."),
        ):
            if line:
                doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        # Contents.
        doc.add_heading(_("Contents"), level=1)
        _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for n, section in enumerate(content["sections"], start=1):
            doc.add_heading(f"{n}. {section['title']}", level=1)
            html_into(doc, section["html"])
        figures = content.get("charts", {})
        if figures.get("recommendations") or figures.get("checklist"):
            doc.add_heading(_("Figures"), level=1)
            _figure_table(
                doc,
                _("Recommendations by theme and priority"),
                figures.get("recommendations", []),
                [("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))],
            )
            _figure_table(
                doc,
                _("Checklist answers by theme"),
                figures.get("checklist", []),
                [("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))],
            )
        footer = doc.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(f"{content['visit']} · ")
        _field(footer, "PAGE")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def _figure_table(doc, title: str, rows: list[dict], series: list[tuple[str, str]]) -> None:
    if not rows:
        return
    doc.add_heading(title, level=2)
    table = [[(_("Theme"), True), *[(label, True) for _k, label in series]]]
    for r in rows:
        table.append([(r["label"], False), *[(str(r.get(k, 0)), False) for k, _l in series]])
    write_table(doc, table)
