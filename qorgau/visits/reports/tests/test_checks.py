import pytest

from qorgau.visits.models import RegisterExtract
from qorgau.visits.reports import services
from qorgau.visits.reports.checks import build_index, check_text


@pytest.fixture
def index(rvisit):
    return build_index(rvisit)


def test_a_held_persons_surname_is_found_in_any_case(rvisit, index, world):
    hits = check_text("findings", "<p>Осуждённого Ахметова поместили в ШИЗО.</p>", index)
    assert [(h.section, h.kind, h.found) for h in hits] == [("findings", "name", "Ахметова")]


def test_a_held_persons_iin_is_found(rvisit, index, world):
    iin = world.person_a.iin
    hits = check_text("summary", f"<p>ИИН {iin}</p>", index)
    assert [(h.kind, h.found) for h in hits] == [("iin", iin)]


def test_any_valid_iin_is_flagged_but_other_numbers_are_not(index):
    from qorgau.testing.factories import make_iin

    other = make_iin(977)
    assert [h.kind for h in check_text("summary", f"<p>{other}</p>", index)] == ["iin"]
    assert check_text("summary", "<p>Телефон 870112345678 и 1234567890123</p>", index) == []


def test_pseudonyms_and_people_of_other_places_pass(index):
    # person_b (Ахмедова) is held at another place.
    assert check_text("findings", "<p>Свидетель А и Ахмедова рассказали…</p>", index) == []


def test_names_copied_into_a_register_extract_are_found(rvisit, participant):
    RegisterExtract.objects.create(
        visit=rvisit,
        register="disciplinary",
        period_from="2026-01-01",
        period_to="2026-03-01",
        rows=[{"date": "2026-02-01", "name": "Жумабаев Серик", "duration_days": 15}],
        by=participant,
    )
    index = build_index(rvisit)
    hits = check_text("findings", "<p>Серик Жумабаев провёл 15 суток в ШИЗО</p>", index)
    assert [h.kind for h in hits] == ["name"]


def test_victims_of_case_files_linked_to_the_places_visits_are_found(rvisit, world):
    from django.utils import timezone

    from qorgau.allegations.models import CaseFile, Victim

    case = CaseFile.objects.create(
        number="ALG-2026-000777",
        facility=world.facility_a,
        known_at=timezone.now(),
        summary="Избиение",
    )
    Victim.objects.create(case=case, name="Болат Нуржанов")
    rvisit.case_file = case
    rvisit.save()
    hits = check_text("summary", "<p>Нуржанов Болат</p>", build_index(rvisit))
    assert [h.kind for h in hits] == ["name"]


def test_the_report_lists_where_names_appear(rvisit, participant, world):
    report = services.report_compile(actor=participant, visit=rvisit)
    services.section_edit(
        actor=participant, report=report, key="findings", html="<p>Ахметов Ерлан жаловался</p>"
    )
    from qorgau.visits.reports.checks import personal_data_hits

    hits = personal_data_hits(report)
    assert {h.section for h in hits} == {"findings"}
