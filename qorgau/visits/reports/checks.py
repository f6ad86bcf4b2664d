"""The personal-data check: names and IINs of people from the visit's records in the report.

A report names no one: people are pseudonyms. The check collects the names and
identification numbers the system knows for this visit (people held at the
place, alleged victims of case files linked to the place's visits, names the
team copied into register extracts) and looks for them in every section. It is
a warning that blocks the move to review until the text is fixed or a
coordinator overrides it with a reason (services.report_transition).

Names are matched by surname with Russian and Kazakh case endings (Ахметов,
Ахметова, Ахметовым…); a free-text name needs two of its words. Any valid
12-digit IIN is flagged, known or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qorgau.people.validators import iin_birth_date, iin_check_digit

from .sanitize import plain_text

WORD = re.compile(r"[^\W\d_][\w\-’']*", re.UNICODE)
IIN = re.compile(r"(?<!\d)\d{12}(?!\d)")
# Letters a surname takes in its other cases: Ахметов → Ахметову, Ахметовым, Ахметовтың.
ENDING = 4
MIN_STEM = 4
ROW_NAME_KEYS = ("name", "person", "who", "fio", "surname", "фио", "имя")

SOURCE_PERSON = _("a person held at the place")
SOURCE_VICTIM = _("an alleged victim in a case file")
SOURCE_REGISTER = _("a name in a register extract")
SOURCE_IIN = _("an identification number (IIN)")


@dataclass(frozen=True)
class Hit:
    section: str  # SectionKey value
    kind: str  # "name" | "iin"
    found: str  # the words as they stand in the text
    source: str  # where the system knows them from

    @property
    def section_label(self) -> str:
        from ..choices import SectionKey

        return str(SectionKey(self.section).label)


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _stems(token: str) -> Iterable[str]:
    t = _norm(token)
    yield t
    for cut in range(1, ENDING + 1):
        if len(t) - cut >= MIN_STEM:
            yield t[:-cut]


def _words(name: str) -> tuple[str, ...]:
    return tuple(_norm(w) for w in WORD.findall(name or "") if len(w) >= 3 and "." not in w)


@dataclass
class Index:
    surnames: dict[str, str]  # normalised surname -> source label
    names: list[tuple[tuple[str, ...], str]]  # free-text names: words, source
    iins: dict[str, str]


def _valid_iin(value: str) -> bool:
    return iin_birth_date(value) is not None and iin_check_digit(value[:11]) == int(value[11])


def build_index(visit) -> Index:
    """What the system knows of the people of this visit's records."""
    from qorgau.allegations.models import Victim
    from qorgau.people.models import Person

    facility = visit.facility
    surnames: dict[str, str] = {}
    names: list[tuple[tuple[str, ...], str]] = []
    iins: dict[str, str] = {}

    def person(p, source) -> None:
        for s in (p.surname, p.surname_latin):
            if s and len(s) >= 3:
                surnames[_norm(s)] = str(source)
        if p.iin:
            iins[p.iin] = str(source)

    held = Person.objects.filter(
        Q(current_facility=facility) | Q(placements__facility=facility)
    ).distinct()
    for p in held.only("surname", "surname_latin", "iin"):
        person(p, SOURCE_PERSON)

    references = set(
        visit.interviews.exclude(case_reference="").values_list("case_reference", flat=True)
    )
    cases = Q(case__visits__facility=facility) | Q(case__number__in=references)
    if visit.case_file_id:
        cases |= Q(case_id=visit.case_file_id)
    for v in Victim.objects.filter(cases).select_related("person").distinct():
        if v.person:
            person(v.person, SOURCE_VICTIM)
        if _words(v.name):
            names.append((_words(v.name), str(SOURCE_VICTIM)))

    for extract in visit.extracts.all():
        for row in extract.rows or []:
            if not isinstance(row, dict):
                continue
            for key, value in row.items():
                named = isinstance(value, str) and any(k in _norm(key) for k in ROW_NAME_KEYS)
                if named and _words(value):
                    names.append((_words(value), str(SOURCE_REGISTER)))
    return Index(surnames, names, iins)


def check_text(section: str, html: str, index: Index) -> list[Hit]:
    """The names and IINs of `index` found in one section."""
    text = plain_text(html)
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    present: set[str] = set()
    for token in WORD.findall(text):
        for stem in _stems(token):
            present.add(stem)
            source = index.surnames.get(stem)
            if source and ("name", _norm(token)) not in seen:
                seen.add(("name", _norm(token)))
                hits.append(Hit(section, "name", token, source))
                break
    for words, source in index.names:
        needed = min(2, len(words))
        matched = [w for w in words if w in present]
        if len(matched) >= needed and ("name", " ".join(words)) not in seen:
            if any(_norm(h.found) in matched for h in hits):
                continue  # already reported as a surname
            seen.add(("name", " ".join(words)))
            hits.append(Hit(section, "name", " ".join(matched), source))
    for number in IIN.findall(text):
        if (number in index.iins or _valid_iin(number)) and ("iin", number) not in seen:
            seen.add(("iin", number))
            hits.append(Hit(section, "iin", number, index.iins.get(number, str(SOURCE_IIN))))
    return hits


def personal_data_hits(report) -> list[Hit]:
    """Every place in the report's sections where a known name or an IIN appears."""
    index = build_index(report.visit)
    hits: list[Hit] = []
    for section in report.sections.all():
        hits.extend(check_text(section.key, section.html, index))
    return hits
