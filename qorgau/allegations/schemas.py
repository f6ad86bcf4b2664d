from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from .choices import UpdateKind


class ReferralUpdateOut(Schema):
    kind: str
    at: datetime
    recorded_by: str
    text: str

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.actor_label


class ReferralOut(Schema):
    uuid: UUID
    number: str
    # "letter": the Ombudsman's referral; "medical": a doctor's notification (the medical report).
    kind: str
    case_file: str
    facility: UUID
    region: str
    sent_at: datetime
    status: str
    carries_identity: bool
    letter_sha256: str
    received_at: datetime | None = None
    criminal_case_number: str
    registered_on: date | None = None
    outcome: str

    @staticmethod
    def resolve_case_file(obj) -> str:
        return obj.case.number

    @staticmethod
    def resolve_facility(obj) -> UUID:
        return obj.case.facility.uuid

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.case.facility.region.code


class ReferralDetailOut(ReferralOut):
    updates: list[ReferralUpdateOut]

    @staticmethod
    def resolve_updates(obj) -> list:
        return list(obj.updates.all())


class ReferralRecordIn(Schema):
    kind: Literal[tuple(UpdateKind.values)] = Field(  # type: ignore[valid-type]
        ..., description="receipt, registration, decision or outcome, in that order"
    )
    criminal_case_number: str = Field("", max_length=40)
    registered_on: date | None = None
    text: str = Field("", max_length=5000)
