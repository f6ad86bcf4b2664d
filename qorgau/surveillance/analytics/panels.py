"""Panels of analytics on other apps' pages: the context each page adds, empty when not allowed."""

from __future__ import annotations

from typing import Any

from . import charts, selectors


def case_file_panel(*, user: Any, case: Any) -> dict:
    """The case file page's red flag: outages at the place and time of the allegation.

    Empty when the reader may not oversee the place's cameras, so the page shows nothing.
    """
    flag = selectors.red_flag_for_case(user=user, case=case)
    if flag is None:
        return {}
    return {"red_flag": flag, "red_flag_chart": charts.timeline_chart(flag.window, flag.outages)}


def facility_panel(*, user: Any, facility: Any) -> dict:
    """The facility page's camera coverage per zone; empty without surveillance scope there."""
    coverage = selectors.coverage_panel_for(user=user, facility=facility)
    return {} if coverage is None else {"camera_coverage": coverage}
