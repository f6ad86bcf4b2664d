from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema


class PersonSearchIn(Schema):
    query: str = Field(
        ..., min_length=2, max_length=100, description="Surname prefix or 12-digit IIN"
    )


class PersonBrief(Schema):
    uuid: UUID
    full_name: str
    full_name_latin: str
    birth_date: date
    status: str
    facility: UUID

    @staticmethod
    def resolve_facility(obj) -> UUID:
        return obj.current_facility.uuid


class PlacementOut(Schema):
    uuid: UUID
    kind: str
    at: datetime
    facility: UUID
    zone: UUID | None = None
    from_facility: UUID | None = None
    note: str

    @staticmethod
    def resolve_facility(obj) -> UUID:
        return obj.facility.uuid

    @staticmethod
    def resolve_zone(obj) -> UUID | None:
        return obj.zone.uuid if obj.zone_id else None

    @staticmethod
    def resolve_from_facility(obj) -> UUID | None:
        return obj.from_facility.uuid if obj.from_facility_id else None


class PersonOut(PersonBrief):
    surname: str
    given_name: str
    patronymic: str
    surname_latin: str
    given_name_latin: str
    iin: str | None
    sex: str
    languages: list[str]
    zone: UUID | None = None
    placements: list[PlacementOut]

    @staticmethod
    def resolve_zone(obj) -> UUID | None:
        return obj.current_zone.uuid if obj.current_zone_id else None

    @staticmethod
    def resolve_placements(obj) -> list:
        from .selectors import placement_history

        return list(placement_history(person=obj))


class PersonAdmitIn(Schema):
    facility: UUID
    zone: UUID | None = None
    at: datetime
    surname: str = Field(..., min_length=1, max_length=100)
    given_name: str = Field(..., min_length=1, max_length=100)
    patronymic: str = Field("", max_length=100)
    surname_latin: str = Field(..., min_length=1, max_length=100)
    given_name_latin: str = Field(..., min_length=1, max_length=100)
    birth_date: date
    sex: str = Field(..., pattern="^[mf]$")
    iin: str | None = Field(None, pattern=r"^\d{12}$")
    languages: list[str] = []


class PlacementIn(Schema):
    kind: str
    at: datetime
    facility: UUID | None = None
    zone: UUID | None = None
    note: str = Field("", max_length=255)
