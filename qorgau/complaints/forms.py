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


class ComplaintFilterForm(forms.Form):
    q = forms.CharField(label=_("Words or number"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("What happened"), required=False)
    facility = forms.CharField(label=_("Facility code"), required=False, max_length=32)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from .choices import Category, Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *Status.choices]
        self.fields["category"].choices = [("", _("All")), *Category.choices]
