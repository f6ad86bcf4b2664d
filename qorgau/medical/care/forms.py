"""Forms of screening, beds, equipment and staffing: input only; the rules are in services."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility
from qorgau.people.validators import validate_iin

from ..choices import ExaminationKind
from .choices import (
    BedKind,
    CheckResult,
    EquipmentKind,
    EquipmentState,
    ScreeningOutcome,
    Specialty,
)
from .models import Bed, MedicalUnit, ScreeningTest

# Longer periods make the daily table unreadable; the chart would still draw.
MAX_PERIOD_DAYS = 366
DEFAULT_PERIOD_DAYS = 30


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _facility_field(required: bool = True) -> forms.ModelChoiceField:
    """A choice of place; the view passes the places of the user's scope as `facilities`."""
    extra = {} if required else {"empty_label": _("All places")}
    return forms.ModelChoiceField(
        label=_("Place"),
        queryset=Facility.objects.none(),
        required=required,
        to_field_name="uuid",
        **extra,
    )


# ---------------------------------------------------------------- screening


class ScreeningTestForm(forms.ModelForm):
    examination_kinds = forms.MultipleChoiceField(
        label=_("Taken at these examinations"),
        choices=ExaminationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tests taken at admission are due for everyone held."),
    )

    class Meta:
        model = ScreeningTest
        fields = ["code", "name_kk", "name_ru", "name_en", "interval_days", "active", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["examination_kinds"].initial = [
                r.examination_kind for r in self.instance.requirements.all()
            ]

    def validate_unique(self) -> None:
        # The service refuses a duplicate code with its own message.
        pass


class ResultForm(forms.Form):
    test = forms.ModelChoiceField(
        label=_("Test"), queryset=ScreeningTest.objects.none(), to_field_name="code"
    )
    taken_at = forms.DateTimeField(label=_("Taken at"), widget=_datetime_widget())
    result = forms.ChoiceField(label=_("Result"), choices=ScreeningOutcome.choices)

    def __init__(self, *args, tests=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["test"].queryset = tests if tests is not None else ScreeningTest.objects.none()


class ExamScreeningForm(forms.Form):
    """One result per test the examination requires; tests left blank were not taken."""

    def __init__(self, *args, tests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tests = list(tests)
        for test in self.tests:
            self.fields[f"test_{test.code}"] = forms.ChoiceField(
                label=test.name,
                choices=[("", _("Not taken"))] + list(ScreeningOutcome.choices),
                required=False,
            )

    def results(self) -> dict[ScreeningTest, str]:
        return {
            t: self.cleaned_data[f"test_{t.code}"]
            for t in self.tests
            if self.cleaned_data.get(f"test_{t.code}")
        }


class DueFilterForm(forms.Form):
    facility = _facility_field(required=False)
    test = forms.ModelChoiceField(
        label=_("Test"),
        queryset=ScreeningTest.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All tests"),
    )

    def __init__(self, *args, facilities=None, tests=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        self.fields["test"].queryset = tests


class FacilityFilterForm(forms.Form):
    facility = _facility_field(required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


# ---------------------------------------------------------------- beds


class MedicalUnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class BedForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Medical unit"), queryset=MedicalUnit.objects.none(), to_field_name="uuid"
    )
    code = forms.CharField(label=_("Bed"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind"), choices=BedKind.choices)

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = MedicalUnit.objects.filter(facility=facility)


class AdmitForm(forms.Form):
    iin = forms.CharField(label=_("IIN of the person"), max_length=12, validators=[validate_iin])
    bed = forms.ModelChoiceField(label=_("Bed"), queryset=Bed.objects.none(), to_field_name="uuid")
    admitted_at = forms.DateTimeField(label=_("Admitted at"), widget=_datetime_widget())
    reason = forms.CharField(
        label=_("Reason in general terms"),
        max_length=200,
        help_text=_("For example: observation, infectious isolation. No diagnosis."),
    )

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = Bed.objects.filter(
            unit__facility=facility, active=True
        ).select_related("unit")


class DischargeForm(forms.Form):
    discharged_at = forms.DateTimeField(label=_("Discharged at"), widget=_datetime_widget())


class BedActiveForm(forms.Form):
    active = forms.BooleanField(label=_("In use"), required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=_date_widget(), required=False)
    end = forms.DateField(label=_("To"), widget=_date_widget(), required=False)

    def clean(self):
        data = super().clean()
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days.") % {"days": MAX_PERIOD_DAYS}
            )
        data["start"], data["end"] = start, end
        return data

    def period(self):
        """The chosen period, or the last 30 days when the input is missing or wrong."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        end = timezone.localdate()
        return end - timedelta(days=DEFAULT_PERIOD_DAYS - 1), end


# ---------------------------------------------------------------- equipment


class EquipmentForm(forms.Form):
    facility = _facility_field()
    unit = forms.ModelChoiceField(
        label=_("Medical unit"),
        queryset=MedicalUnit.objects.none(),
        required=False,
        to_field_name="uuid",
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EquipmentKind.choices)
    name = forms.CharField(label=_("Make and model"), max_length=120, required=False)
    inventory_number = forms.CharField(label=_("Inventory number"), max_length=40)
    check_interval_days = forms.IntegerField(
        label=_("Check every (days)"), min_value=1, initial=365
    )
    last_checked_on = forms.DateField(label=_("Last check"), widget=_date_widget(), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        self.fields["unit"].queryset = MedicalUnit.objects.filter(facility__in=facilities)


class EquipmentFilterForm(forms.Form):
    facility = _facility_field(required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All"))] + EquipmentState.choices, required=False
    )
    overdue = forms.BooleanField(label=_("Only overdue checks"), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class CheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=_date_widget())
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class StateForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=EquipmentState.choices)


# ---------------------------------------------------------------- staffing


class StaffPositionForm(forms.Form):
    specialty = forms.ChoiceField(label=_("Specialty"), choices=Specialty.choices)
    authorised = forms.DecimalField(
        label=_("Authorised posts"), min_value=0, max_digits=6, decimal_places=2
    )
    filled = forms.DecimalField(
        label=_("Filled posts"), min_value=0, max_digits=6, decimal_places=2
    )
