from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Zone
from qorgau.people.validators import validate_iin

from .choices import SpecialMeans, Technique

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_SEPARATORS = re.compile(r"[\s,;]+")


class ForceFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    overdue = forms.BooleanField(label=_("Only with an examination overdue"), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class ListField(forms.CharField):
    """Several values in one text box, separated by new lines, spaces or commas."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value) -> list[str]:  # type: ignore[override]
        return [v for v in _SEPARATORS.split(super().clean(value)) if v]


class IinListField(ListField):
    def clean(self, value) -> list[str]:
        iins = super().clean(value)
        for iin in iins:
            try:
                validate_iin(iin)
            except ValidationError:
                raise ValidationError(
                    _("%(iin)s is not a valid IIN."), params={"iin": iin}, code="invalid"
                ) from None
        return iins


class _ZoneChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.facility.name} — {obj.name}"


class ForceForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Place"), queryset=Facility.objects.none(), to_field_name="uuid"
    )
    zone = _ZoneChoice(
        label=_("Zone"),
        queryset=Zone.objects.none(),
        required=False,
        to_field_name="uuid",
        help_text=_("The zone where force was used, if it is in the register of zones."),
    )
    place_description = forms.CharField(label=_("Where exactly"), required=False, max_length=255)
    started_at = forms.DateTimeField(label=_("Started at"), widget=_DT)
    ended_at = forms.DateTimeField(label=_("Ended at"), widget=_DT)
    iins = IinListField(
        label=_("IINs of the persons force was used on"),
        max_length=2000,
        help_text=_("One per line. Each person must be held at this place."),
    )
    staff_involved = forms.CharField(
        label=_("Staff involved (names and positions)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds = forms.CharField(
        label=_("Grounds and reason"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    techniques = forms.MultipleChoiceField(
        label=_("Physical force and combat techniques"),
        choices=Technique.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    special_means = forms.MultipleChoiceField(
        label=_("Special means and restraints"),
        choices=SpecialMeans.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    special_means_other = forms.CharField(
        label=_("Other special means"), required=False, max_length=255
    )
    restraint_minutes = forms.IntegerField(
        label=_("Restraint duration (minutes)"),
        required=False,
        min_value=1,
        max_value=7 * 24 * 60,
        help_text=_("For handcuffs, restraint belts or a straitjacket."),
    )
    injuries_seen = forms.CharField(
        label=_("Injuries seen by staff"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cameras = ListField(
        label=_("Fixed cameras covering it"),
        required=False,
        max_length=2000,
        help_text=_("Camera codes, one per line."),
    )
    body_cameras = ListField(
        label=_("Body-worn cameras"),
        required=False,
        max_length=2000,
        help_text=_("Camera codes, one per line."),
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        self.fields["zone"].queryset = (
            Zone.objects.filter(facility__in=facilities)
            .select_related("facility")
            .order_by("facility__name_ru", "name")
        )
