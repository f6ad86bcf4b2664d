from __future__ import annotations

from datetime import date
from uuid import UUID

from ninja import Field, Schema


class RegionOut(Schema):
    code: str
    name_kk: str
    name_ru: str
    name_en: str


class FacilityOut(Schema):
    uuid: UUID
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    type: str
    agency: str
    regime: str
    region: str
    address: str
    capacity: int
    status: str
    population: int | None = None
    population_date: date | None = None
    occupancy_rate: float | None = None

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_population(obj) -> int | None:
        men, women = getattr(obj, "latest_men", None), getattr(obj, "latest_women", None)
        return None if men is None else men + (women or 0)

    @staticmethod
    def resolve_population_date(obj) -> date | None:
        return getattr(obj, "latest_date", None)

    @staticmethod
    def resolve_occupancy_rate(obj) -> float | None:
        total = FacilityOut.resolve_population(obj)
        if total is None or not obj.capacity:
            return None
        return round(total * 100 / obj.capacity, 1)


class FacilityPage(Schema):
    count: int
    items: list[FacilityOut]


class ZoneOut(Schema):
    uuid: UUID
    kind: str
    name: str
    risk_level: str


class ZoneIn(Schema):
    kind: str
    name: str = Field(..., min_length=1, max_length=120)
    risk_level: str = ""


class PopulationOut(Schema):
    date: date
    men: int
    women: int
    juveniles: int
    convicted: int
    remand: int
    capacity: int
    total: int
    occupancy_rate: float | None


class PopulationIn(Schema):
    date: date
    men: int = Field(..., ge=0)
    women: int = Field(..., ge=0)
    juveniles: int = Field(..., ge=0)
    convicted: int = Field(..., ge=0)
    remand: int = Field(..., ge=0)
