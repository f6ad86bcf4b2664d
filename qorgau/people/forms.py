from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Zone

from .models import PlacementKind, SanctionKind, Sex
from .validators import validate_iin

LANGUAGE_CHOICES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
    ("uz", _("Uzbek")),
    ("other", _("Other")),
]


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Surname (Cyrillic or Latin) or IIN"),
        max_length=100,
        min_length=2,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class PersonAdmitForm(forms.Form):
    surname = forms.CharField(label=_("Surname (Cyrillic)"), max_length=100)
    given_name = forms.CharField(label=_("Given name (Cyrillic)"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic (Cyrillic)"), max_length=100, required=False)
    surname_latin = forms.CharField(label=_("Surname (Latin)"), max_length=100)
    given_name_latin = forms.CharField(label=_("Given name (Latin)"), max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    iin = forms.CharField(
        label=_("Personal identification number (IIN)"),
        max_length=12,
        required=False,
        validators=[validate_iin],
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), to_field_name="uuid"
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, to_field_name="uuid"
    )
    at = forms.DateTimeField(
        label=_("Time of admission"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if facilities is not None:
            self.fields["facility"].queryset = facilities
            self.fields["zone"].queryset = Zone.objects.filter(facility__in=facilities)


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=PlacementKind.choices)
    at = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    facility = forms.ModelChoiceField(
        label=_("Facility (admission or transfer)"),
        queryset=Facility.objects.all(),
        required=False,
        to_field_name="uuid",
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, to_field_name="uuid"
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:
            self.fields["zone"].queryset = Zone.objects.filter(facility=person.current_facility)
        self.fields["facility"].queryset = Facility.objects.select_related("region")


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    at = forms.DateTimeField(
        label=_("Imposed"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    days = forms.IntegerField(label=_("Days"), required=False, min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), max_length=255)
