from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility


class PairForm(forms.Form):
    code = forms.RegexField(
        label=_("Pairing code shown on the terminal"),
        regex=r"^\s*[2-9A-Za-z]{5}-?[2-9A-Za-z]{5}\s*$",
        error_messages={"invalid": _("The code has 10 letters and digits, like ABCDE-23456.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), to_field_name="uuid"
    )
    label = forms.CharField(
        label=_("Where it stands"),
        max_length=120,
        help_text=_("For example: block 2, ground floor corridor."),
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if facilities is not None:
            self.fields["facility"].queryset = facilities
