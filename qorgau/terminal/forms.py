"""One form per screen of the kiosk: short questions, big choices, plain words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.complaints.choices import About, Category

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class AboutForm(forms.Form):
    about = forms.ChoiceField(
        label=_("Who is the complaint about?"),
        choices=About.choices,
        widget=forms.RadioSelect,
        initial=About.SELF,
    )


class WhatForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What happened? Choose everything that fits."),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one.")},
    )


class AccountForm(forms.Form):
    description = forms.CharField(
        label=_("Tell what happened, in your own words."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Write at least a few words.")},
    )


class WhereForm(forms.Form):
    zone = forms.ChoiceField(label=_("Where did it happen?"), required=False)
    event_date = forms.DateField(
        label=_("On what day?"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    event_time = forms.CharField(
        label=_("At what time, roughly?"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, zones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = [("", _("I do not know / somewhere else"))] + [
            (z["uuid"], z["name"]) for z in zones
        ]


def _text(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )


class InjuriesForm(forms.Form):
    injuries = _text(_("Were you (or the person) injured? Describe the injuries."))


class WitnessesForm(forms.Form):
    witnesses = _text(_("Did anyone see it? Who?"))


class ToldForm(forms.Form):
    told_already = _text(_("Whom have you told already (doctor, lawyer, family, prosecutor)?"))


class ConsentForm(forms.Form):
    consent_prosecutor = forms.ChoiceField(
        label=_("May the Ombudsman give your name to the prosecutor?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
    )
    consent_facility = forms.ChoiceField(
        label=_("May the Ombudsman give your name to the facility administration?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
    )


class IdentityForm(forms.Form):
    anonymous = forms.BooleanField(label=_("I want to stay anonymous"), required=False)
    full_name = forms.CharField(
        label=_("Your full name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Your date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    iin = forms.RegexField(
        label=_("Your personal identification number (IIN), if you know it"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("An IIN has exactly 12 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    victim_name = forms.CharField(
        label=_("If the complaint is about another person: their name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not data.get("full_name"):
            raise forms.ValidationError(_("Write your name, or choose to stay anonymous."))
        return data
