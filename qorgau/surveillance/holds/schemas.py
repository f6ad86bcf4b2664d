"""What connectors send and receive about holds: by the video system's camera ids, never
the case file's content."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from ..choices import CustodyAction
from .services import camera_states

CustodyActionValue = Literal[tuple(CustodyAction.values)]  # type: ignore[valid-type]


class HoldCameraOut(Schema):
    vms_id: str
    code: str
    state: str = Field(..., description="waiting, preserved or lost")


class HoldOut(Schema):
    number: str
    facility: UUID
    window_from: datetime = Field(..., description="Start of the footage to keep")
    window_to: datetime = Field(..., description="End of the footage to keep")
    deadline: datetime = Field(..., description="Footage may be overwritten from then on")
    status: str
    escalated: bool
    cameras: list[HoldCameraOut]

    @staticmethod
    def resolve_facility(obj) -> UUID:
        return obj.facility.uuid

    @staticmethod
    def resolve_deadline(obj) -> datetime:
        return obj.keep_until

    @staticmethod
    def resolve_escalated(obj) -> bool:
        return obj.escalated_at is not None

    @staticmethod
    def resolve_cameras(obj) -> list[dict]:
        return [
            {"vms_id": s.camera.vms_id, "code": s.camera.code, "state": s.state}
            for s in camera_states(obj)
        ]


class ClipIn(Schema):
    model_config = ConfigDict(populate_by_name=True)

    camera: str = Field(..., min_length=1, max_length=128, description="The camera's vms_id")
    window_from: datetime = Field(..., alias="from")
    window_to: datetime = Field(..., alias="to")
    sha256: str = Field(..., min_length=64, max_length=64, description="SHA-256 of the clip, hex")
    size: int = Field(..., gt=0, description="Bytes")
    location: str = Field("", max_length=255, description="Where the video system keeps it")


class ClipsIn(Schema):
    clips: list[ClipIn] = Field(..., min_length=1, max_length=500)


class ClipOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    uuid: UUID
    camera: str
    window_from: datetime = Field(..., serialization_alias="from")
    window_to: datetime = Field(..., serialization_alias="to")
    sha256: str
    size: int

    @staticmethod
    def resolve_camera(obj) -> str:
        return obj.camera.vms_id


class ClipsOut(Schema):
    hold: HoldOut
    clips: list[ClipOut]


class LostIn(Schema):
    cameras: list[str] = Field(..., min_length=1, max_length=500, description="vms_ids")
    reason: str = Field(..., min_length=5, max_length=2000)


class CustodyIn(Schema):
    action: CustodyActionValue
    at: datetime
    by: str = Field(..., min_length=1, max_length=120, description="The person who acted")
    recipient: str = Field("", max_length=255, description="For a hand-over: to whom")
    sha256: str = Field(..., min_length=64, max_length=64, description="Hash of the copy then")
    note: str = Field("", max_length=2000)


class CustodyOut(Schema):
    clip: UUID
    action: str
    at: datetime
    by: str
    recipient: str
    sha256: str
    hash_matches: bool

    @staticmethod
    def resolve_clip(obj) -> UUID:
        return obj.clip.uuid

    @staticmethod
    def resolve_by(obj) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_hash_matches(obj) -> bool:
        return obj.sha256 == obj.clip.sha256
