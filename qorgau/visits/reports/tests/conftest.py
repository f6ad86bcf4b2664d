"""A visit with findings, recommendations, checklist answers, a photo and an interview."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role


def jpeg(seed: int = 0, size=(64, 48)) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, ((seed * 37) % 255, (seed * 91) % 255, 120))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def add_photo(visit, user, n: int = 0, shows_people: bool = False):
    import hashlib

    from qorgau.core.uploads import store
    from qorgau.visits.models import VisitPhoto

    data = jpeg(n)
    sha = hashlib.sha256(data).hexdigest()
    return VisitPhoto.objects.create(
        visit=visit,
        storage_name=store(data, "image/jpeg", "visits"),
        content_type="image/jpeg",
        size=len(data),
        sha256=sha,
        original_sha256=sha,
        caption=f"Камера №{n}",
        shows_people=shows_people,
        consent=shows_people,
        taken_by=user,
    )


def checklist(n_sections: int = 3, per_section: int = 4):
    from qorgau.recommendations.choices import Theme
    from qorgau.visits.models import ChecklistQuestion, ChecklistSection, ChecklistTemplate

    template, _ = ChecklistTemplate.objects.get_or_create(
        code="test", version=1, defaults={"title_kk": "Тест", "title_ru": "Тест"}
    )
    questions = []
    for s in range(n_sections):
        section = ChecklistSection.objects.create(
            template=template,
            order=s,
            theme=Theme.values[s % len(Theme.values)],
            title_kk=f"Бөлім {s}",
            title_ru=f"Раздел {s}",
        )
        for q in range(per_section):
            questions.append(
                ChecklistQuestion.objects.create(
                    section=section,
                    order=q,
                    code=f"Q{s}.{q}",
                    text_kk="Сұрақ",
                    text_ru="Вопрос",
                    answer_type="choice",
                )
            )
    return template, questions


def recommendation(visit, n: int, theme: str = "material", priority: str = "high"):
    from qorgau.recommendations.models import Recommendation

    return Recommendation.objects.create(
        number=f"REC-2026-{visit.pk:03d}{n:03d}",
        visit=visit,
        facility=visit.facility,
        action=f"Обеспечить вентиляцию в камерах блока {n}",
        addressee_agency="penitentiary",
        indicator="Все камеры проветриваются",
        deadline=date(2027, 3, 1),
        priority=priority,
        theme=theme,
        order=n,
    )


@pytest.fixture
def rvisit(world):
    """Facility A's visit of the matrix, with data to compile a report from."""
    from qorgau.visits.models import Answer, Finding, Interview
    from qorgau.visits.tests.routes import visit_for_matrix

    visit = visit_for_matrix(world, world.facility_a)
    user = world.users[Role.NPM_PARTICIPANT]
    template, questions = checklist()
    visit.checklist = template
    visit.save()
    for i, q in enumerate(questions):
        Answer.objects.create(visit=visit, question=q, choice=["yes", "no", "partly"][i % 3])
    Finding.objects.create(
        visit=visit,
        theme="material",
        title="Камеры ШИЗО без вентиляции",
        text="Во всех камерах душно.",
        sources=["observation", "detainees"],
        by=user,
    )
    Finding.objects.create(
        visit=visit,
        theme="health",
        title="Медосмотр при поступлении проводится",
        sources=["authorities", "observation"],
        good_practice=True,
        by=user,
    )
    recommendation(visit, 1)
    recommendation(visit, 2, theme="health", priority="low")
    add_photo(visit, user, 1)
    add_photo(visit, user, 2, shows_people=True)
    Interview.objects.create(
        visit=visit,
        kind="individual",
        pseudonym="Свидетель А",
        held_at=timezone.now(),
        notes="СЕКРЕТНЫЕ-ЗАМЕТКИ об избиении",
        by=user,
    )
    return visit


@pytest.fixture
def coordinator(world):
    return world.users[Role.NPM_COORDINATOR]


@pytest.fixture
def participant(world):
    return world.users[Role.NPM_PARTICIPANT]


@pytest.fixture
def authority(world):
    return world.users[Role.FACILITY_ADMIN]
