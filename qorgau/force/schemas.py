from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from .choices import SpecialMeans, Technique

TechniqueValue = Literal[tuple(Technique.values)]  # type: ignore[valid-type]
SpecialMeansValue = Literal[tuple(SpecialMeans.values)]  # type: ignore[valid-type]


class ForceSubjectOut(Schema):
    """A person and where their examination stands: whether and when, never its content."""

    person: UUID
    iin: str
    exam_due_at: datetime
    examined_at: datetime | None = None
    exam_status: str

    @staticmethod
    def resolve_person(obj) -> UUID:
        return obj.person.uuid

    @staticmethod
    def resolve_iin(obj) -> str:
        return obj.person.iin or ""


class ForceOut(Schema):
    uuid: UUID
    number: str
    facility: UUID
    zone: UUID | None = None
    started_at: datetime
    ended_at: datetime
    place_description: str
    staff_involved: str
    grounds: str
    techniques: list[str]
    special_means: list[str]
    special_means_other: str
    restraint_minutes: int | None = None
    injuries_seen: str
    cameras: list[str]
    body_cameras: list[str]
    footage_from: datetime
    footage_to: datetime
    footage_keep_until: datetime
    footage_status: str

    @staticmethod
    def resolve_facility(obj) -> UUID:
        return obj.facility.uuid

    @staticmethod
    def resolve_zone(obj) -> UUID | None:
        return obj.zone.uuid if obj.zone else None


class ForceDetailOut(ForceOut):
    persons: list[ForceSubjectOut]

    @staticmethod
    def resolve_persons(obj) -> list:
        return list(obj.subjects.select_related("person").order_by("id"))


class ForceRecordIn(Schema):
    facility: UUID
    zone: UUID | None = None
    started_at: datetime
    ended_at: datetime
    iins: list[str] = Field(..., min_length=1, max_length=50, description="IINs of the persons")
    staff_involved: str = Field(..., max_length=5000)
    grounds: str = Field(..., max_length=10000)
    place_description: str = Field("", max_length=255)
    techniques: list[TechniqueValue] = []
    special_means: list[SpecialMeansValue] = []
    special_means_other: str = Field("", max_length=255)
    restraint_minutes: int | None = Field(None, ge=1, le=7 * 24 * 60)
    injuries_seen: str = Field("", max_length=5000)
    cameras: list[str] = Field([], max_length=50, description="Fixed camera codes")
    body_cameras: list[str] = Field([], max_length=50, description="Body-worn camera codes")
