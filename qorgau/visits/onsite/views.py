"""Pages of the work on site: parse, fetch through the access helpers, call a service, render.

Every page of a visit is for its team and the coordinators of the place
(`require_conduct`): Ombudsman staff who read the visit get 403, the facility
and everyone else 404. Checklist templates are for coordinators.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_read
from qorgau.core.drafts import clears_draft, draft_submitted
from qorgau.core.uploads import file_response
from qorgau.recommendations.choices import Theme
from qorgau.recommendations.services import recommendation_set_status

from ..selectors import require_conduct, visit_for_user_or_404
from ..tabs import tabs_for
from . import selectors, services
from .forms import (
    AnswersForm,
    ExtractForm,
    InterviewForm,
    ObservationForm,
    PhotoForm,
    QuestionForm,
    SectionForm,
    VerifyForm,
)


def _visit(request, uuid):
    visit = visit_for_user_or_404(request.user, uuid)
    require_conduct(request.user, visit)
    return visit


def _page(request, visit, tab: str, template: str, ctx: dict, status: int = 200):
    ctx.update(visit=visit, tabs=tabs_for(request.user, visit, tab))
    return render(request, f"visits/onsite/{template}", ctx, status=status)


def _errors_to(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# ---------------------------------------------------------------- the checklist


@login_required
@clears_draft
@require_http_methods(["GET", "POST"])
def checklist(request, uuid):
    visit = _visit(request, uuid)
    services.visit_checklist_pin(actor=request.user, visit=visit)
    visit.refresh_from_db(fields=["checklist"])
    progress = selectors.checklist_progress(visit)
    current = _current_section(progress, request.POST.get("section") or request.GET.get("section"))
    form = None
    if current is not None:
        data = request.POST if request.method == "POST" else None
        form = AnswersForm(data, request.FILES or None, progress=current)
        if request.method == "POST" and form.is_valid():
            values, photos = form.values()
            try:
                services.answers_save(
                    actor=request.user,
                    visit=visit,
                    section=current.section,
                    values=values,
                    photos=photos,
                )
            except ValidationError as exc:
                _errors_to(form, exc)
            else:
                messages.success(request, _("Answers saved."))
                nxt = next((p for p in progress if p.section.order > current.section.order), None)
                order = (nxt or current).section.order
                return redirect(f"{reverse('visits:checklist', args=[visit.uuid])}?section={order}")
    follow_up = selectors.is_follow_up(visit)
    ctx = {
        "progress": progress,
        "current": current,
        "form": form,
        "answered": sum(p.done for p in progress),
        "total": sum(p.total for p in progress),
        "follow_up": follow_up,
        "open_recommendations": selectors.open_recommendations(visit) if follow_up else [],
        "verify_form": VerifyForm(),
        "can_manage_checklists": has_capability(request.user, Cap.VISIT_COORDINATE),
    }
    status = 400 if request.method == "POST" else 200
    return _page(request, visit, "visits:checklist", "checklist.html", ctx, status)


def _current_section(progress, wanted):
    if not progress:
        return None
    try:
        order = int(wanted)
    except (TypeError, ValueError):
        return next((p for p in progress if p.done < p.total), progress[0])
    return next((p for p in progress if p.section.order == order), progress[0])


@login_required
@require_POST
def checklist_verify(request, uuid, recommendation):
    visit = _visit(request, uuid)
    rec = selectors.recommendation_open_or_404(visit, recommendation)
    form = VerifyForm(request.POST)
    url = reverse("visits:checklist", args=[visit.uuid]) + "#recommendations"
    if not form.is_valid():
        messages.error(request, _("Choose the status found on this visit."))
        return redirect(url)  # the draft stays
    try:
        recommendation_set_status(
            actor=request.user,
            recommendation=rec,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            verified_on=visit,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url)  # the draft stays: the note typed is not lost
    draft_submitted(request)
    messages.success(request, _("Verification of %(number)s recorded.") % {"number": rec.number})
    return redirect(url)


# ---------------------------------------------------------------- observations, photos, registers


@login_required
@clears_draft
@require_http_methods(["GET", "POST"])
def observations(request, uuid):
    visit = _visit(request, uuid)
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "observation": ObservationForm(
            request.POST if which == "observation" else None, facility=visit.facility
        ),
        "photo": PhotoForm(
            request.POST if which == "photo" else None,
            request.FILES if which == "photo" else None,
            visit=visit,
        ),
        "extract": ExtractForm(request.POST if which == "extract" else None),
    }
    if which in forms and forms[which].is_valid():
        try:
            _save_on_site(request, visit, which, forms[which].cleaned_data)
        except ValidationError as exc:
            _errors_to(forms[which], exc)
        else:
            return redirect(reverse("visits:observations", args=[visit.uuid]) + f"#{which}")
    ctx = {
        "forms": forms,
        "observations": visit.observations.select_related("zone").prefetch_related("photos"),
        "photos": visit.photos.select_related("observation", "question"),
        "extracts": visit.extracts.all(),
    }
    status = 400 if request.method == "POST" else 200
    return _page(request, visit, "visits:observations", "observations.html", ctx, status)


def _save_on_site(request, visit, which: str, data: dict) -> None:
    if which == "observation":
        services.observation_add(
            actor=request.user,
            visit=visit,
            theme=data["theme"],
            text=data["text"],
            zone=data["zone"],
        )
        messages.success(request, _("Observation recorded."))
    elif which == "photo":
        services.photo_add(
            actor=request.user,
            visit=visit,
            upload=data["photo"],
            caption=data["caption"],
            shows_people=data["shows_people"],
            consent=data["consent"],
            observation=data["observation"],
        )
        messages.success(request, _("Photo added, without its metadata."))
    else:
        services.extract_add(
            actor=request.user,
            visit=visit,
            register=data["register"],
            period_from=data["period_from"],
            period_to=data["period_to"],
            entries=data["entries"],
            rows=data["rows"],
            notes=data["notes"],
        )
        messages.success(request, _("Register extract recorded."))


@login_required
@require_GET
def photo(request, uuid, photo):
    visit = _visit(request, uuid)
    item = selectors.photo_or_404(visit, photo)
    audit_read(actor=request.user, obj=item, details={"visit": str(visit.uuid)})
    ext = "jpg" if item.content_type == "image/jpeg" else "png"
    return file_response(
        item.storage_name, item.content_type, f"{visit.number}-{item.uuid}.{ext}", True
    )


# ---------------------------------------------------------------- interviews


@login_required
@clears_draft
@require_http_methods(["GET", "POST"])
def interviews(request, uuid):
    visit = _visit(request, uuid)
    form = InterviewForm(request.POST or None, facility=visit.facility)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.interview_record(
                actor=request.user,
                visit=visit,
                kind=data["kind"],
                pseudonym=data["pseudonym"],
                group_size=data["group_size"],
                zone=data["zone"],
                held_at=data["held_at"],
                in_private=data["in_private"],
                notes=data["notes"],
                themes=data["themes"],
                consent_to_pass=data["consent_to_pass"],
                alleges_ill_treatment=data["alleges_ill_treatment"],
                case_summary=data["case_summary"],
                join_case=data["join_case"],
            )
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            if interview.case_reference:
                messages.success(
                    request,
                    _("Interview recorded; the allegation is in case file %(number)s.")
                    % {"number": interview.case_reference},
                )
            else:
                messages.success(request, _("Interview recorded."))
            return redirect("visits:interviews", uuid=visit.uuid)
    ctx = {"form": form, "interviews": selectors.interviews_of(visit)}
    status = 400 if request.method == "POST" else 200
    return _page(request, visit, "visits:interviews", "interviews.html", ctx, status)


@login_required
@require_GET
def interview(request, uuid, interview):
    visit = _visit(request, uuid)
    item = selectors.interview_or_404(visit, interview)
    notes = selectors.interview_notes(actor=request.user, interview=item)
    themes = [Theme(t).label for t in item.themes if t in Theme.values]
    ctx = {"interview": item, "notes": notes, "themes": themes}
    return _page(request, visit, "visits:interviews", "interview.html", ctx)


# ---------------------------------------------------------------- checklist templates


@login_required
@require_GET
def templates(request):
    selectors.require_checklist_manage(request.user)
    return render(request, "visits/onsite/templates.html", {"templates": selectors.templates_all()})


@login_required
@require_GET
def template_detail(request, code, version):
    selectors.require_checklist_manage(request.user)
    template = selectors.template_or_404(code, version)
    return _template_page(request, template)


def _template_page(request, template, section_form=None, question_form=None, status=200):
    ctx = {
        "template": template,
        "sections": template.sections.prefetch_related("questions"),
        "section_form": section_form or SectionForm(),
        "question_form": question_form or QuestionForm(template=template),
        "editable": template.status == "draft",
    }
    return render(request, "visits/onsite/template.html", ctx, status=status)


@login_required
@require_POST
def template_new_version(request, code, version):
    selectors.require_checklist_manage(request.user)
    template = selectors.template_or_404(code, version)
    copy = services.template_new_version(actor=request.user, template=template)
    messages.success(request, _("Version %(v)s made as a draft.") % {"v": copy.version})
    return redirect("visits:checklist_template", code=copy.code, version=copy.version)


@login_required
@require_POST
def template_publish(request, code, version):
    selectors.require_checklist_manage(request.user)
    template = selectors.template_or_404(code, version)
    try:
        services.template_publish(actor=request.user, template=template)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Version %(v)s is now in use.") % {"v": template.version})
    return redirect("visits:checklist_template", code=code, version=version)


@login_required
@clears_draft
@require_POST
def template_edit(request, code, version):
    """Add or change a section or a question of a draft version, or remove a question."""
    selectors.require_checklist_manage(request.user)
    template = selectors.template_or_404(code, version)
    action = request.POST.get("action")
    section_form = question_form = None
    try:
        if action == "section":
            section_form = SectionForm(request.POST)
            if section_form.is_valid():
                data = section_form.cleaned_data
                services.section_save(
                    actor=request.user, template=template, theme=data["theme"], values=data
                )
                return redirect("visits:checklist_template", code=code, version=version)
        elif action == "question":
            question_form = QuestionForm(request.POST, template=template)
            if question_form.is_valid():
                data = question_form.cleaned_data
                existing = request.POST.get("question")
                services.question_save(
                    actor=request.user,
                    section=selectors.section_or_404(template, data["section"]),
                    code=data["code"],
                    answer_type=data["answer_type"],
                    standards=data["standards"],
                    texts=data,
                    question=selectors.question_or_404(template, existing) if existing else None,
                )
                return redirect("visits:checklist_template", code=code, version=version)
        elif action == "delete_question":
            question = selectors.question_or_404(template, request.POST.get("question", ""))
            services.question_delete(actor=request.user, question=question)
            return redirect("visits:checklist_template", code=code, version=version)
        else:
            messages.error(request, _("Nothing to do."))
            return redirect("visits:checklist_template", code=code, version=version)
    except ValidationError as exc:
        form = section_form or question_form
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect("visits:checklist_template", code=code, version=version)
        _errors_to(form, exc)
    return _template_page(request, template, section_form, question_form, status=400)
