"""Schemas of the recommendations API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from .choices import ResponseKind, Status

StatusValue = Literal[tuple(Status.values)]  # type: ignore[valid-type]
KindValue = Literal[tuple(ResponseKind.values)]  # type: ignore[valid-type]


class RecommendationOut(Schema):
    uuid: UUID
    number: str
    source: str
    visit: UUID | None = None
    facility: UUID | None = None
    action: str
    addressee_agency: str
    responsible_unit: str
    indicator: str
    deadline: date
    priority: str
    theme: str
    standards: str
    status: str
    status_at: datetime | None = None

    @staticmethod
    def resolve_visit(obj) -> UUID | None:
        return obj.visit.uuid if obj.visit_id else None

    @staticmethod
    def resolve_facility(obj) -> UUID | None:
        return obj.facility.uuid if obj.facility_id else None


class EvidenceOut(Schema):
    uuid: UUID
    name: str
    content_type: str
    size: int
    sha256: str


class ResponseOut(Schema):
    uuid: UUID
    kind: str
    text: str
    planned_by: date | None = None
    reported_status: str
    at: datetime
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(obj) -> list:
        return list(obj.evidence.all())


class StatusChangeOut(Schema):
    status: str
    at: datetime
    note: str
    verified_on: UUID | None = None

    @staticmethod
    def resolve_verified_on(obj) -> UUID | None:
        return obj.verified_on.uuid if obj.verified_on_id else None


class RecommendationDetailOut(RecommendationOut):
    history: list[StatusChangeOut]
    responses: list[ResponseOut]

    @staticmethod
    def resolve_history(obj) -> list:
        return list(obj.status_changes.select_related("verified_on"))

    @staticmethod
    def resolve_responses(obj) -> list:
        return list(obj.responses.prefetch_related("evidence"))


class EvidenceIn(Schema):
    name: str = Field(max_length=200)
    # The file's bytes in base64; checked by content like any upload (PDF, JPEG, PNG, text).
    content_base64: str


class ResponseIn(Schema):
    kind: KindValue
    text: str = Field(min_length=1, max_length=20000)
    planned_by: date | None = None
    reported_status: StatusValue | Literal[""] = ""
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=10)
