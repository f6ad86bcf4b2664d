"""The health feed's request and answer, as connectors see them in the OpenAPI document."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import BaseModel
from typing_extensions import TypedDict


# The events are a TypedDict in a plain pydantic model, not ninja Schemas: a Schema
# runs a validator per object, which made reading a batch of 1,000 events thirty times
# slower, and a dict per event takes half the time of a model instance.
class HealthEventIn(TypedDict):
    """One status report of one camera. Values are checked by the service, so that every
    problem of a batch is answered at once, by the event's index."""

    facility: Annotated[str, Field(max_length=32, description="The facility's code in Qorgau.")]
    camera: Annotated[
        str,
        Field(max_length=128, description="The camera's id in the video system (its `vms_id`)."),
    ]
    status: Annotated[
        str,
        Field(
            max_length=32,
            description="online, offline, no_signal, obstructed, tampered, recording_failed "
            "or damaged.",
        ),
    ]
    at: Annotated[
        str,
        Field(
            max_length=40,
            description="When the video system saw it: ISO 8601 with a UTC offset.",
            examples=["2026-11-02T10:15:00+05:00"],
        ),
    ]


class HealthBatchIn(BaseModel):
    events: list[HealthEventIn] = Field(description="At most 1,000 events, in any order.")


class HealthBatchOut(Schema):
    """What the batch did. received = changes + heartbeats + duplicates."""

    received: int
    changes: int = Field(description="Events stored as changes of their camera's status.")
    heartbeats: int = Field(description="Events that repeat the status in force: not stored.")
    duplicates: int = Field(description="Events already received (or repeated in the batch).")
    late: int = Field(description="Events at or before their camera's last event.")
    incidents: int = Field(description="Damage incidents recorded (damaged, tampered, obstructed).")
    alerts_opened: int
    alerts_closed: int
