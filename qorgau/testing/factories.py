"""factory_boy factories for tests (and nowhere else)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import factory

from qorgau.accounts.models import Membership, User
from qorgau.facilities.models import Facility, FacilityType, PopulationCount, Region, Zone, ZoneKind
from qorgau.people.models import Person, Placement, PlacementKind, search_key
from qorgau.people.validators import iin_check_digit


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T-{n:02d}")
    name_kk = factory.LazyAttribute(lambda o: f"{o.code} облысы")
    name_ru = factory.LazyAttribute(lambda o: f"Область {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Region {o.code}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    code = factory.Sequence(lambda n: f"F-{n:03d}")
    name_kk = factory.Sequence(lambda n: f"№{n} түзеу мекемесі")
    name_ru = factory.Sequence(lambda n: f"Учреждение №{n}")
    name_en = factory.Sequence(lambda n: f"Institution No. {n}")
    type = FacilityType.COLONY
    agency = "penitentiary"
    regime = "medium"
    region = factory.SubFactory(RegionFactory)
    address = "ул. Тестовая, 1"
    capacity = 500


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    facility = factory.SubFactory(FacilityFactory)
    kind = ZoneKind.CELL
    name = factory.Sequence(lambda n: f"Блок {n}")
    risk_level = "medium"


class PopulationCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationCount

    facility = factory.SubFactory(FacilityFactory)
    date = date(2026, 10, 1)
    men = 450
    women = 0
    juveniles = 0
    convicted = 450
    remand = 0
    capacity = factory.LazyAttribute(lambda o: o.facility.capacity)


def make_iin(n: int, born: date = date(1990, 5, 17), female: bool = False) -> str:
    """A valid IIN for the n-th test person."""
    serial = n
    while True:
        century = (4 if female else 3) if born.year < 2000 else (6 if female else 5)
        first11 = f"{born:%y%m%d}{century}{serial % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
        serial += 1


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    surname = "Ахметов"
    given_name = "Ерлан"
    patronymic = "Серикович"
    surname_latin = "AKHMETOV"
    given_name_latin = "ERLAN"
    birth_date = date(1990, 5, 17)
    iin = factory.Sequence(lambda n: make_iin(n * 3))
    sex = "m"
    languages = ["kk", "ru"]
    current_facility = factory.SubFactory(FacilityFactory)

    @factory.post_generation
    def admitted(obj, create, extracted, **kwargs):
        if create:
            Placement.objects.create(
                person=obj,
                kind=PlacementKind.ADMISSION,
                at=datetime(2025, 1, 10, 9, tzinfo=UTC),
                facility=obj.current_facility,
            )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password("correct horse battery staple")


def grant(user: User, role: str, scope: str, *, region=None, facilities=()) -> Membership:
    m = Membership.objects.create(user=user, role=role, scope=scope, region=region)
    if facilities:
        m.facilities.set(facilities)
    return m


__all__ = [
    "FacilityFactory",
    "PersonFactory",
    "PopulationCountFactory",
    "RegionFactory",
    "UserFactory",
    "ZoneFactory",
    "grant",
    "make_iin",
    "search_key",
]
