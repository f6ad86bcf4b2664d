from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility
from qorgau.people.validators import validate_iin

from .choices import ExaminationKind
from .models import Examination, Injury
from .services import INJURY_FIELDS

# Six rows until the body chart adds injuries one by one.
MAX_INJURIES = 6


class ExaminationFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    kind = forms.ChoiceField(
        label=_("Kind of examination"),
        choices=[("", _("All"))] + ExaminationKind.choices,
        required=False,
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class ExaminationForm(forms.ModelForm):
    iin = forms.CharField(
        label=_("IIN of the person examined"),
        max_length=12,
        validators=[validate_iin],
        help_text=_("The examination is recorded at the person's current place of detention."),
    )

    class Meta:
        model = Examination
        fields = [
            "kind",
            "examined_at",
            "private",
            "others_present",
            "consent",
            "account",
            "alleges_ill_treatment",
            "findings",
            "treatment",
            "referrals",
            "arrived_from",
            "injuries_unexplained",
            "conclusion",
            "told_of_independent_exam",
        ]
        widgets = {
            "examined_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "account": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "treatment": forms.Textarea(attrs={"rows": 2}),
            "referrals": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "others_present": _("Anyone else in the room, officers above all."),
            "arrived_from": _("For admissions: the police unit or facility the person came from."),
            "injuries_unexplained": _("At admission from police custody."),
        }

    field_order = ["iin"]


class InjuryForm(forms.ModelForm):
    class Meta:
        model = Injury
        fields = list(INJURY_FIELDS)


InjuryFormSet = forms.formset_factory(
    InjuryForm, extra=MAX_INJURIES, max_num=MAX_INJURIES, validate_max=True
)
