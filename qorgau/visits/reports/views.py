"""Pages of findings and the report: thin views over services.py and selectors.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_read
from qorgau.core.drafts import clears_draft, draft_submitted

from ..choices import ReportStatus, SectionKey
from ..models import AuthorityComment, Report
from ..selectors import can_conduct, can_coordinate, require_conduct
from ..tabs import tabs_for
from . import checks, documents, docx, selectors, services
from .forms import AnswerForm, CommentForm, CompileForm, FindingForm, SectionForm, TransitionForm
from .sanitize import sanitize_html

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(request, exc) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


def _visit_ctx(request, visit, active: str, **extra) -> dict:
    return {"visit": visit, "tabs": tabs_for(request.user, visit, active), **extra}


# ---------------------------------------------------------------- findings


def _finding_kwargs(form: FindingForm) -> dict:
    d = form.cleaned_data
    return {
        "theme": d["theme"],
        "title": d["title"],
        "text": d["text"],
        "sources": d["sources"],
        "good_practice": d["good_practice"],
        "order": d["order"] or 0,
    }


@login_required
@require_http_methods(["GET", "POST"])
@clears_draft
def findings(request, uuid):
    visit = selectors.visit_for_user_or_404(request.user, uuid)
    require_conduct(request.user, visit)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_save(actor=request.user, visit=visit, **_finding_kwargs(form))
        except services.ReportError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Finding added."))
            return redirect("visits:findings", visit.uuid)
    items = list(visit.findings.all())
    for f in items:
        f.single_source = services.single_source(f)
    ctx = _visit_ctx(request, visit, "visits:findings", form=form, findings=items)
    return render(request, "visits/reports/findings.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
@clears_draft
def finding_edit(request, uuid, finding):
    visit = selectors.visit_for_user_or_404(request.user, uuid)
    require_conduct(request.user, visit)
    item = selectors.finding_for_visit_or_404(visit, finding)
    initial = {k: getattr(item, k) for k in ("theme", "title", "text", "sources", "good_practice")}
    form = FindingForm(request.POST or None, initial={**initial, "order": item.order})
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_save(
                actor=request.user, visit=visit, finding=item, **_finding_kwargs(form)
            )
        except services.ReportError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Finding saved."))
            return redirect("visits:findings", visit.uuid)
    ctx = _visit_ctx(request, visit, "visits:findings", form=form, finding=item)
    return render(request, "visits/reports/finding_edit.html", ctx)


@login_required
@require_POST
def finding_delete(request, uuid, finding):
    visit = selectors.visit_for_user_or_404(request.user, uuid)
    require_conduct(request.user, visit)
    item = selectors.finding_for_visit_or_404(visit, finding)
    services.finding_delete(actor=request.user, finding=item)
    messages.success(request, _("Finding deleted."))
    return redirect("visits:findings", visit.uuid)


# ---------------------------------------------------------------- the report


@login_required
def report(request, uuid):
    visit, authority = selectors.report_visit_for(request.user, uuid)
    rep = selectors.report_of(visit)
    ctx = _visit_ctx(
        request,
        visit,
        "visits:report",
        report=rep,
        authority=authority,
        sections=_display(rep),
        comments=list(rep.comments.all()) if rep else [],
        can_conduct=not authority and can_conduct(request.user, visit),
        can_coordinate=not authority and can_coordinate(request.user, visit),
    )
    if authority:
        ctx["tabs"] = []
        ctx["comment_form"] = CommentForm() if rep.status == ReportStatus.SENT else None
        ctx["steps"] = services.next_steps(request.user, rep)
        audit_read(actor=request.user, obj=rep, details={"visit": visit.number})
    elif rep:
        ctx["steps"] = services.next_steps(request.user, rep)
        ctx["hits"] = checks.personal_data_hits(rep)
        ctx["can_edit"] = services.can_edit(request.user, rep)
        ctx["versions"] = list(rep.versions.select_related("by"))
        ctx["help"] = services.STATUS_HELP[rep.status]
        if rep.status == ReportStatus.DRAFT and ctx["can_conduct"]:
            ctx["differs"] = services.compiled_differs(rep)
            ctx["compile_form"] = CompileForm()
        ctx["answer_form"] = AnswerForm()
    return render(request, "visits/reports/report.html", ctx)


def _display(rep: Report | None) -> list:
    """Sections with their HTML cleaned once more on the way out (stored clean; belt and braces)."""
    sections = list(rep.sections.all()) if rep else []
    for s in sections:
        s.safe_html = mark_safe(sanitize_html(s.html))  # noqa: S308 (allow-list cleaned)
    return sections


def _own_report(request, uuid) -> Report:
    visit = selectors.visit_for_user_or_404(request.user, uuid)
    rep = selectors.report_of(visit)
    if rep is None:
        raise Http404
    return rep


@login_required
@require_POST
def report_compile(request, uuid):
    visit = selectors.visit_for_user_or_404(request.user, uuid)
    require_conduct(request.user, visit)
    form = CompileForm(request.POST)
    if not form.is_valid():
        _errors(request, services.ReportError(_("Check the form: %s") % form.errors.as_text()))
        return redirect("visits:report", visit.uuid)
    try:
        services.report_compile(
            actor=request.user,
            visit=visit,
            replace=frozenset(form.cleaned_data["replace"]),
            language=form.cleaned_data["language"] or None,
        )
    except services.ReportError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The report was compiled from the visit's data."))
    return redirect("visits:report", visit.uuid)


@login_required
@require_http_methods(["GET", "POST"])
@clears_draft
def report_section(request, uuid, key):
    rep = _own_report(request, uuid)
    if key not in SectionKey.values:
        raise Http404
    if not services.can_edit(request.user, rep):
        raise PermissionDenied
    section = rep.sections.filter(key=key).first()
    form = SectionForm(request.POST or None, initial={"html": section.html if section else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.section_edit(
                actor=request.user, report=rep, key=key, html=form.cleaned_data["html"]
            )
        except services.ReportError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect("visits:report", rep.visit.uuid)
    ctx = _visit_ctx(
        request,
        rep.visit,
        "visits:report",
        form=form,
        report=rep,
        title=SectionKey(key).label,
        section_key=key,
    )
    return render(request, "visits/reports/section_edit.html", ctx)


@login_required
@require_POST
def report_transition(request, uuid):
    visit, _authority = selectors.report_visit_for(request.user, uuid)
    rep = selectors.report_of(visit)
    if rep is None:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _errors(request, services.ReportError(_("Check the form: %s") % form.errors.as_text()))
        return redirect("visits:report", visit.uuid)
    d = form.cleaned_data
    try:
        services.report_transition(
            actor=request.user,
            report=rep,
            to=d["to"],
            note=d["note"],
            decision_number=d["decision_number"],
            decision_date=d["decision_date"],
            override_reason=d["override_reason"],
        )
    except services.ReportError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("The report is now: %(status)s.") % {"status": ReportStatus(d["to"]).label}
        )
    return redirect("visits:report", visit.uuid)


@login_required
@require_POST
def report_comment(request, uuid):
    visit, _authority = selectors.report_visit_for(request.user, uuid)
    rep = selectors.report_of(visit)
    if not services.is_authority(request.user, visit):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user,
                report=rep,
                section=form.cleaned_data["section"],
                text=form.cleaned_data["text"],
            )
        except services.ReportError as exc:
            _errors(request, exc)
        else:
            draft_submitted(request)
            messages.success(request, _("Comment sent to the NPM."))
    else:
        _errors(request, services.ReportError(_("Write the comment.")))
    return redirect("visits:report", visit.uuid)


@login_required
@require_POST
def report_comment_answer(request, uuid, comment):
    rep = _own_report(request, uuid)
    item = get_object_or_404(AuthorityComment, report=rep, uuid=comment)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise services.ReportError(_("Write the answer."))
        services.comment_answer(
            actor=request.user, comment=item, answer=form.cleaned_data["answer"]
        )
    except services.ReportError as exc:
        _errors(request, exc)
    else:
        draft_submitted(request)
        messages.success(request, _("Answer saved."))
    return redirect("visits:report", rep.visit.uuid)


def _document(request, uuid, kind: str):
    visit, authority = selectors.report_visit_for(request.user, uuid)
    rep = selectors.report_of(visit)
    if rep is None or not rep.sections.exists():
        raise Http404
    content = services.report_content(rep)
    draft = rep.status not in (ReportStatus.FINAL, ReportStatus.PUBLISHED)
    if authority:
        audit_read(actor=request.user, obj=rep, details={"visit": visit.number, "as": kind})
    if kind == "pdf":
        body, ctype, ext = documents.report_pdf(content, draft=draft), "application/pdf", "pdf"
    else:
        body, ctype, ext = docx.report_docx(content), DOCX, "docx"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{visit.number}-report.{ext}"'
    return response


@login_required
def report_pdf(request, uuid):
    return _document(request, uuid, "pdf")


@login_required
def report_docx(request, uuid):
    return _document(request, uuid, "docx")


@login_required
def received(request):
    if not has_capability(request.user, Cap.VISIT_REPORT_RECEIVE):
        raise PermissionDenied
    reports = selectors.received_for(request.user)
    return render(request, "visits/reports/received.html", {"reports": reports})


# ---------------------------------------------------------------- public


def published(request):
    """Published reports, for anyone: the versions as published (pseudonyms only)."""
    return render(
        request, "visits/reports/published.html", {"reports": selectors.published_reports()}
    )


published.public_page = True  # answers without an account


def published_pdf(request, report):
    rep = get_object_or_404(
        Report.objects.select_related("visit"), uuid=report, status=ReportStatus.PUBLISHED
    )
    version = services.latest_published(rep)
    if version is None:
        raise Http404
    response = HttpResponse(documents.report_pdf(version.content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{rep.visit.number}-report.pdf"'
    return response


published_pdf.public_page = True
