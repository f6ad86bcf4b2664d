"""Reads of oversight analytics, each narrowed to the reader's scope (topic modules)."""

from .common import facilities_in_scope, facility_get_for_user, local_range
from .coverage import (
    FacilityCoverage,
    ZoneCoverage,
    camera_counts,
    camera_totals,
    coverage_for_facility,
    coverage_for_user,
    coverage_panel_for,
)
from .damage import DamageTable, damage_by_month
from .outages import high_risk_outages, hours_down_by_facility
from .red_flags import (
    RedFlag,
    case_window,
    nearby_zones,
    outages_in_window,
    red_flag_for_case,
    red_flags_for_user,
)
from .uptime import (
    FacilityUptime,
    Uptime,
    ZoneUptime,
    uptime_by_day,
    uptime_by_facility,
    uptime_by_zone,
)

__all__ = [
    "DamageTable",
    "FacilityCoverage",
    "FacilityUptime",
    "RedFlag",
    "Uptime",
    "ZoneCoverage",
    "ZoneUptime",
    "camera_counts",
    "camera_totals",
    "case_window",
    "coverage_for_facility",
    "coverage_for_user",
    "coverage_panel_for",
    "damage_by_month",
    "facilities_in_scope",
    "facility_get_for_user",
    "high_risk_outages",
    "hours_down_by_facility",
    "local_range",
    "nearby_zones",
    "outages_in_window",
    "red_flag_for_case",
    "red_flags_for_user",
    "uptime_by_day",
    "uptime_by_facility",
    "uptime_by_zone",
]
