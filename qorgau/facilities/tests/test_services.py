from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from qorgau.core.models import AuditEntry
from qorgau.facilities.models import Facility, PopulationCount
from qorgau.facilities.services import (
    IMPORT_COLUMNS,
    ImportRejected,
    facility_import_csv,
    population_record,
    zone_create,
)
from qorgau.testing.factories import FacilityFactory, RegionFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(IMPORT_COLUMNS)


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join([HEADER, *rows]) + "\n")


GOOD = (
    "UG-900,№900 мекеме,Учреждение №900,Institution 900,colony,penitentiary,medium,"
    "KZ-35,Караганда,650,open"
)
GOOD2 = "IVS-900,№900 УҰИ,ИВС №900,,ivs,police,,KZ-35,,40,open"


def test_population_rates_and_audit():
    f = FacilityFactory(capacity=400)
    count = population_record(
        actor=None,
        facility=f,
        on=date(2026, 11, 1),
        men=430,
        women=10,
        juveniles=2,
        convicted=400,
        remand=40,
    )
    assert count.total == 440 and str(count.occupancy_rate) == "110.0"
    assert AuditEntry.objects.filter(action="population.record", object_id=str(f.uuid)).exists()
    population_record(
        actor=None,
        facility=f,
        on=date(2026, 11, 1),
        men=420,
        women=10,
        juveniles=2,
        convicted=390,
        remand=40,
    )
    assert PopulationCount.objects.get(facility=f).men == 420
    assert AuditEntry.objects.filter(action="population.correct").exists()


@pytest.mark.parametrize("bad", [dict(juveniles=999), dict(convicted=1)])
def test_population_that_does_not_add_up_is_refused(bad):
    f = FacilityFactory()
    data = dict(men=10, women=0, juveniles=0, convicted=10, remand=0) | bad
    with pytest.raises(ValidationError):
        population_record(actor=None, facility=f, on=date(2026, 11, 1), **data)
    assert not PopulationCount.objects.exists()


def test_zone_risk_defaults_from_its_kind():
    f = FacilityFactory()
    assert (
        zone_create(actor=None, facility=f, kind="solitary", name="Одиночка").risk_level == "high"
    )
    assert zone_create(actor=None, facility=f, kind="workshop", name="Цех").risk_level == "low"
    with pytest.raises(ValidationError):
        zone_create(actor=None, facility=f, kind="cell", name="Цех")  # same name again


def test_import_creates_and_updates_all_rows():
    RegionFactory(code="KZ-35")
    existing = FacilityFactory(code="UG-900", capacity=1)
    report = facility_import_csv(actor=None, stream=_csv(GOOD, GOOD2))
    assert (report.rows, report.created, report.updated) == (2, 1, 1)
    existing.refresh_from_db()
    assert existing.capacity == 650 and existing.name_ru == "Учреждение №900"
    assert AuditEntry.objects.filter(action__startswith="facility.import").count() == 2


def test_import_with_one_bad_row_imports_nothing_and_names_row_and_reason():
    RegionFactory(code="KZ-35")
    bad = "UG-901,№901,Учреждение №901,,colony,penitentiary,medium,KZ-99,,many,open"
    with pytest.raises(ImportRejected) as exc:
        facility_import_csv(actor=None, stream=_csv(GOOD, bad, GOOD2))
    errors = exc.value.report.errors
    assert {(line, field) for line, field, _m in errors} == {(3, "region"), (3, "capacity")}
    assert any("KZ-99" in m for _l, _f, m in errors)
    assert not Facility.objects.exists()


def test_import_rejects_duplicate_codes_and_missing_columns():
    RegionFactory(code="KZ-35")
    with pytest.raises(ImportRejected) as exc:
        facility_import_csv(actor=None, stream=_csv(GOOD, GOOD))
    assert exc.value.report.errors[0][:2] == (3, "code")
    with pytest.raises(ImportRejected) as exc:
        facility_import_csv(actor=None, stream=io.StringIO("code,name_ru\nX,Y\n"))
    assert exc.value.report.errors[0][1] == "header"
    assert not Facility.objects.exists()


def test_import_command_reports_each_bad_row(tmp_path, capsys):
    RegionFactory(code="KZ-35")
    path = tmp_path / "places.csv"
    path.write_text(
        "\n".join([HEADER, GOOD, GOOD2.replace("ivs", "castle")]) + "\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("qorgau_import", "facilities", str(path))
    assert f"{path}:3: type:" in capsys.readouterr().err
    assert not Facility.objects.exists()
    path.write_text("\n".join([HEADER, GOOD, GOOD2]) + "\n", encoding="utf-8")
    call_command("qorgau_import", "facilities", str(path))
    assert Facility.objects.count() == 2
