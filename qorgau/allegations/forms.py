from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Zone
from qorgau.people.validators import validate_iin

from .choices import (
    CaseStatus,
    Classification,
    FlagStatus,
    PerpetratorRole,
    SafeguardStatus,
    UpdateKind,
)

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CaseFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + CaseStatus.choices, required=False
    )
    overdue = forms.BooleanField(label=_("With overdue safeguards"), required=False)
    since = forms.DateField(
        label=_("Known since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class CaseFactsForm(forms.Form):
    """The facts of a case file: shared by opening one and correcting it."""

    summary = forms.CharField(
        label=_("Summary of the allegation"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    classification = forms.ChoiceField(
        label=_("Classification (Criminal Code Art. 146)"),
        choices=Classification.choices,
        required=False,
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, to_field_name="uuid"
    )
    event_from = forms.DateTimeField(label=_("Event from"), required=False, widget=_DT)
    event_to = forms.DateTimeField(label=_("Event until"), required=False, widget=_DT)

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        if facility is not None:
            self.fields["zone"].queryset = Zone.objects.filter(facility=facility)


class CaseOpenForm(CaseFactsForm):
    facility = forms.ModelChoiceField(
        label=_("Place"), queryset=Facility.objects.none(), to_field_name="uuid"
    )
    known_at = forms.DateTimeField(
        label=_("Allegation known since"),
        widget=_DT,
        help_text=_("The safeguards' clocks start here."),
    )
    field_order = ["facility", "known_at", "summary", "classification", "event_from", "event_to"]

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        del self.fields["zone"]  # chosen once the place is known, on the case file


class VictimForm(forms.Form):
    iin = forms.CharField(
        label=_("IIN of a person held (from the register)"),
        required=False,
        max_length=12,
        validators=[validate_iin],
    )
    name = forms.CharField(label=_("Or a name"), required=False, max_length=200)
    consent_prosecutor = forms.BooleanField(
        label=_("The victim agrees that their identity goes to the prosecutor"), required=False
    )


class PerpetratorForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PerpetratorRole.choices)
    unit = forms.CharField(label=_("Unit or post"), required=False, max_length=200)
    name = forms.CharField(label=_("Name (optional)"), required=False, max_length=200)
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=100, initial=1)


class SafeguardForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (SafeguardStatus.DONE, SafeguardStatus.DONE.label),
            (SafeguardStatus.FAILED, SafeguardStatus.FAILED.label),
            (SafeguardStatus.NOT_NEEDED, SafeguardStatus.NOT_NEEDED.label),
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    note = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlagReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Finding"),
        choices=[
            (FlagStatus.NO_REPRISAL, FlagStatus.NO_REPRISAL.label),
            (FlagStatus.REPRISAL, FlagStatus.REPRISAL.label),
        ],
    )
    note = forms.CharField(
        label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class LinkComplaintForm(forms.Form):
    case = forms.CharField(
        label=_("Join case file (number), or leave empty to open a new one"),
        required=False,
        max_length=20,
    )


class ReferralRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record"), choices=UpdateKind.choices)
    criminal_case_number = forms.CharField(
        label=_("Criminal case registration number"), required=False, max_length=40
    )
    registered_on = forms.DateField(
        label=_("Registered on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Decision or outcome"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["kind"].choices = [(k, UpdateKind(k).label) for k in allowed]
