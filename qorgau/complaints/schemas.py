"""What a sealed complaint contains, and the API's shapes."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from ninja import Schema
from pydantic import Field, field_validator

from .choices import About, Category


class IdentityIn(Schema):
    full_name: str = Field("", max_length=200)
    birth_date: date | None = None
    iin: str = Field("", pattern=r"^(\d{12})?$")


class ReceiptIn(Schema):
    code: str = Field(..., pattern=r"^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$")
    secret: str = Field(..., min_length=6, max_length=32)


class ComplaintPayload(Schema):
    """The plaintext the kiosk seals (and the public web form sends over TLS)."""

    about: About = About.SELF
    categories: list[Category] = Field(..., min_length=1, max_length=12)
    description: str = Field(..., min_length=1, max_length=20000)
    zone: UUID | None = None
    event_date: date | None = None
    event_time: str = Field("", max_length=60)
    injuries: str = Field("", max_length=5000)
    witnesses: str = Field("", max_length=5000)
    told_already: str = Field("", max_length=5000)
    consent_prosecutor: bool = False
    consent_facility: bool = False
    anonymous: bool = False
    identity: IdentityIn | None = None
    victim_name: str = Field("", max_length=200)
    language: str = Field("", max_length=8)
    receipt: ReceiptIn

    @field_validator("categories")
    @classmethod
    def _unique(cls, value: list[Category]) -> list[Category]:
        return list(dict.fromkeys(value))


class DeliveryIn(Schema):
    envelope: str = Field(..., max_length=200_000)
    signature: str = Field(..., max_length=128)


class Ack(Schema):
    message_id: UUID
    status: str = "stored"


class SignedIn(Schema):
    body: str = Field(..., max_length=20_000)
    signature: str = Field(..., max_length=128)


class EnrolIn(Schema):
    verify_key: str = Field(..., pattern=r"^[0-9a-f]{64}$")
    software: str = Field("", max_length=60)


class EnrolOut(Schema):
    terminal: UUID
    pairing_code: str
    status: str


class ConfigOut(Schema):
    terminal: UUID
    status: str
    facility: str = ""
    ombudsman_key: str = ""
    key_id: str = ""
    fingerprint: str = ""
    # After a rotation: the key the kiosk pinned vouches for this one (ADR 0012).
    handover: str = ""
    zones: list[dict] = []


class StatusOut(Schema):
    status: str
    status_label: str
    answer: str = ""
    answered_at: str = ""
