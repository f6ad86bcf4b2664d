"""Access-matrix rows of this area (see qorgau/visits/tests/routes.py), and of the drafts
endpoint of core (qorgau/core/drafts.py), which every visit form uses.

Rows: (route name, method, url, capability or tuple (any), out-of-scope url, body).
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from qorgau.accounts.roles import Cap

CONDUCT = Cap.VISIT_CONDUCT


def png(seed: int = 0) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (seed % 256, 80, 120)).save(out, "PNG")
    return out.getvalue()


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def draft_template():
    """A draft version of the default checklist, for the editing rows."""
    from qorgau.visits.models import ChecklistTemplate
    from qorgau.visits.onsite.default_checklist import CODE
    from qorgau.visits.onsite.services import template_new_version

    draft = ChecklistTemplate.objects.filter(code=CODE, status="draft").first()
    if draft is None:
        draft = template_new_version(
            actor=None, template=ChecklistTemplate.objects.get(code=CODE, version=1)
        )
    return draft


def earlier_recommendation(w, visit):
    """An open recommendation of an earlier visit to the same place."""
    from qorgau.recommendations.models import Recommendation
    from qorgau.visits.models import Visit

    earlier, _ = Visit.objects.get_or_create(
        number=f"VIS-2025-9{visit.number[-3:]}",
        defaults={
            "kind": "planned",
            "facility": visit.facility,
            "status": "done",
            "start_date": date(2025, 3, 2),
            "end_date": date(2025, 3, 2),
        },
    )
    rec, _ = Recommendation.objects.get_or_create(
        number=f"REC-2025-9{visit.number[-3:]}",
        defaults={
            "source": "npm",
            "visit": earlier,
            "facility": visit.facility,
            "action": "Оборудовать дворик навесом",
            "addressee_agency": "kui",
            "indicator": "Навес установлен",
            "deadline": date(2025, 12, 31),
            "theme": "material",
        },
    )
    return rec


def _on_site(visit, n):
    from django.utils import timezone

    from qorgau.visits.models import Interview, VisitPhoto

    photo = VisitPhoto.objects.filter(visit=visit).first() or VisitPhoto.objects.create(
        visit=visit,
        storage_name=_stored_png(n),
        content_type="image/png",
        size=1,
        sha256="0" * 64,
        original_sha256=f"{n:064x}",
        taken_by=_anyone(),
    )
    interview = Interview.objects.filter(visit=visit).first() or Interview.objects.create(
        visit=visit,
        kind="individual",
        pseudonym=f"Свидетель {n}",
        held_at=timezone.now() - timedelta(hours=1),
        notes="Конфиденциальные записи",
        by=_anyone(),
    )
    return photo, interview


def _anyone():
    from qorgau.accounts.models import User

    return User.objects.get_or_create(username="npm-matrix-author")[0]


def _stored_png(n):
    from qorgau.core.uploads import store

    return store(png(n), "image/png", folder="visits")


def pages(w) -> list:
    from qorgau.visits.tests.routes import visit_for_matrix

    va, vb = visit_for_matrix(w, w.facility_a), visit_for_matrix(w, w.facility_b)
    a, b = va.uuid, vb.uuid
    ra, rb = earlier_recommendation(w, va), earlier_recommendation(w, vb)
    (pa, ia), (pb, ib) = _on_site(va, 1), _on_site(vb, 2)
    t = draft_template()
    draft = f"/visits/checklists/{t.code}/v{t.version}"
    held = (date.today() - timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    return [
        (
            "visits:checklist",
            "get",
            f"/visits/{a}/checklist/",
            CONDUCT,
            f"/visits/{b}/checklist/",
            None,
        ),
        (
            "visits:checklist_verify",
            "post",
            f"/visits/{a}/checklist/recommendations/{ra.uuid}/",
            CONDUCT,
            f"/visits/{b}/checklist/recommendations/{rb.uuid}/",
            {"status": "in_progress", "note": "Работы начаты"},
        ),
        (
            "visits:observations",
            "post",
            f"/visits/{a}/observations/",
            CONDUCT,
            f"/visits/{b}/observations/",
            {"form": "observation", "theme": "material", "text": "Сырость в камерах"},
        ),
        (
            "visits:photo",
            "get",
            f"/visits/{a}/photos/{pa.uuid}/",
            CONDUCT,
            f"/visits/{b}/photos/{pb.uuid}/",
            None,
        ),
        (
            "visits:interviews",
            "post",
            f"/visits/{a}/interviews/",
            CONDUCT,
            f"/visits/{b}/interviews/",
            {
                "kind": "individual",
                "group_size": 1,
                "pseudonym": "Гость",
                "held_at": held,
                "in_private": "on",
                "notes": "Жалоб нет",
            },
        ),
        (
            "visits:interview",
            "get",
            f"/visits/{a}/interviews/{ia.uuid}/",
            CONDUCT,
            f"/visits/{b}/interviews/{ib.uuid}/",
            None,
        ),
        (
            "visits:checklist_templates",
            "get",
            "/visits/checklists/",
            Cap.VISIT_COORDINATE,
            None,
            None,
        ),
        (
            "visits:checklist_template",
            "get",
            f"{draft}/",
            Cap.VISIT_COORDINATE,
            None,
            None,
        ),
        (
            "visits:checklist_template_edit",
            "post",
            f"{draft}/edit/",
            Cap.VISIT_COORDINATE,
            None,
            {"action": "section", "theme": "staff", "title_kk": "Қосымша", "title_ru": "Доп."},
        ),
        (
            "visits:checklist_template_version",
            "post",
            "/visits/checklists/npm-basic/v1/new-version/",
            Cap.VISIT_COORDINATE,
            None,
            {},
        ),
        (
            "visits:checklist_template_publish",
            "post",
            f"{draft}/publish/",
            Cap.VISIT_COORDINATE,
            None,
            {},
        ),
        # Any signed-in user keeps drafts of their own forms, and reads only their own.
        ("core:draft", "get", "/drafts/?key=matrix", None, None, None),
    ]


def endpoints(w) -> list:
    return []
