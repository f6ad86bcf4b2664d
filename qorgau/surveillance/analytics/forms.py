"""Filters of the oversight pages: a period of local days, and a place for the outages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility

# A year and a day: a leap year's worth of daily rollups, and the range the pages are built for.
MAX_PERIOD_DAYS = 366
DAMAGE_MAX_DAYS = 3 * 366

Period = tuple[date, date]


def last_days(days: int, *, full_days_only: bool = False) -> Callable[[], Period]:
    """The last `days` days, ending today or, for rollups of whole days, yesterday."""

    def period() -> Period:
        end = timezone.localdate() - timedelta(days=1 if full_days_only else 0)
        return end - timedelta(days=days - 1), end

    return period


def last_months(months: int) -> Callable[[], Period]:
    """The current month and the `months - 1` before it, to today."""

    def period() -> Period:
        end = timezone.localdate()
        year, month = divmod(end.year * 12 + end.month - 1 - (months - 1), 12)
        return date(year, month + 1, 1), end

    return period


LAST_30_DAYS = last_days(30)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=_date_widget(), required=False)
    end = forms.DateField(label=_("To"), widget=_date_widget(), required=False)

    def __init__(
        self,
        data=None,
        *,
        default: Callable[[], Period] = LAST_30_DAYS,
        max_days: int = MAX_PERIOD_DAYS,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.default = default
        self.max_days = max_days
        if not self.is_bound:  # show the period the page is for
            self.initial["start"], self.initial["end"] = default()

    def clean(self):
        data = super().clean()
        default_start, default_end = self.default()
        end = data.get("end") or default_end
        start = data.get("start") or end - (default_end - default_start)
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (end - start).days >= self.max_days:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days.") % {"days": self.max_days}
            )
        data["start"], data["end"] = start, end
        return data

    def period(self) -> Period:
        """The chosen period, or the default when the input is missing or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default()


class OutageFilterForm(PeriodForm):
    facility = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Facility.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("All places"),
    )

    def __init__(self, data=None, *, facilities: QuerySet, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["facility"].queryset = facilities

    def place(self) -> Facility | None:
        return self.cleaned_data.get("facility") if self.is_bound and self.is_valid() else None
