"""Writes of the health feed: taking in status events, alerts, daily uptime rollups."""

from .alerts import alerts_raise
from .checks import MAX_EVENTS, BatchRefused
from .ingest import IngestResult, health_ingest
from .rollups import uptime_rollup, uptime_rollup_days

__all__ = [
    "MAX_EVENTS",
    "BatchRefused",
    "IngestResult",
    "alerts_raise",
    "health_ingest",
    "uptime_rollup",
    "uptime_rollup_days",
]
