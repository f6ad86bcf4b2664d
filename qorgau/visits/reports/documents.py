"""The report as PDF (WeasyPrint): cover, contents with page numbers, charts, photos.

Documents are rendered from a report's content (services.report_content, or a kept
version's), so that a published PDF is the version that was published. The
sections' HTML was sanitised when stored (sanitize.py) and is inserted as is.
"""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from qorgau.core.uploads import storage

from ..choices import AnswerChoice
from ..models import VisitPhoto
from .charts import Series, stacked_bars
from .sanitize import sanitize_html


def charts(content: dict) -> list[str]:
    from qorgau.recommendations.choices import Priority

    data = content.get("charts", {})
    out = []
    recs = stacked_bars(
        data.get("recommendations", []),
        [
            Series(Priority.HIGH, str(Priority.HIGH.label), "#b3261e"),
            Series(Priority.MEDIUM, str(Priority.MEDIUM.label), "#e6a23c"),
            Series(Priority.LOW, str(Priority.LOW.label), "#6b8fb3"),
        ],
        title=_("Recommendations by theme and priority"),
    )
    checklist = stacked_bars(
        data.get("checklist", []),
        [
            Series("yes", str(AnswerChoice.YES.label), "#3d8b5a"),
            Series("partly", str(AnswerChoice.PARTLY.label), "#e6a23c"),
            Series("no", str(AnswerChoice.NO.label), "#b3261e"),
        ],
        title=_("Checklist answers by theme"),
    )
    for svg in (recs, checklist):
        if svg:
            out.append(mark_safe(svg))  # noqa: S308 (escaped labels and numbers only)
    return out


def photos(content: dict) -> list[dict]:
    wanted = [p["uuid"] for p in content.get("photos", [])]
    found = {str(p.uuid): p for p in VisitPhoto.objects.filter(uuid__in=wanted)}
    out = []
    for item in content.get("photos", []):
        photo = found.get(item["uuid"])
        if photo is None:
            continue
        with storage().open(photo.storage_name, "rb") as fh:
            data = base64.b64encode(fh.read()).decode()
        out.append(
            {
                "src": f"data:{photo.content_type};base64,{data}",
                "caption": item["caption"],
                "sha256": item["sha256"],
            }
        )
    return out


def report_html(content: dict, *, draft: bool = False) -> str:
    """The final HTML of the report, in its language."""
    with translation.override(content.get("language", "ru")):
        sections = [
            {**s, "html": mark_safe(sanitize_html(s["html"]))}  # noqa: S308 (cleaned)
            for s in content["sections"]
        ]
        return render_to_string(
            "visits/reports/report_pdf.html",
            {
                "c": content,
                "sections": sections,
                "charts": charts(content),
                "photos": photos(content),
                "draft": draft,
            },
        )


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def report_pdf(content: dict, *, draft: bool = False) -> bytes:
    return html_pdf(report_html(content, draft=draft))
