from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility
from qorgau.people.validators import validate_iin

from .choices import ExaminationKind, PsychSign
from .models import Examination, Injury
from .services import INJURY_FIELDS

MAX_INJURIES = 30
_TEXT = {"rows": 3}


class ExaminationFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    kind = forms.ChoiceField(
        label=_("Kind of examination"),
        choices=[("", _("All"))] + ExaminationKind.choices,
        required=False,
    )
    notification_due = forms.BooleanField(
        label=_("Only those with the notification to the prosecutor not sent"), required=False
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
    psych_signs = forms.MultipleChoiceField(
        label=_("Psychological signs"),
        choices=PsychSign.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Examination
        fields = [
            "kind",
            "examined_at",
            "private",
            "others_present",
            "consent",
            "arrived_from",
            "account",
            "alleges_ill_treatment",
            "findings",
            "injuries_unexplained",
            "psych_signs",
            "psych_notes",
            "conclusion",
            "interpretation",
            "treatment",
            "referrals",
            "recommendations",
            "told_of_independent_exam",
            "consent_disclosure",
        ]
        widgets = {
            "examined_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "account": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "psych_notes": forms.Textarea(attrs=_TEXT),
            "interpretation": forms.Textarea(attrs=_TEXT),
            "treatment": forms.Textarea(attrs=_TEXT),
            "referrals": forms.Textarea(attrs=_TEXT),
            "recommendations": forms.Textarea(attrs=_TEXT),
        }
        help_texts = {
            "others_present": _("Anyone else in the room, officers above all."),
            "arrived_from": _("For admissions: the police unit or facility the person came from."),
            "injuries_unexplained": _("At admission from police custody."),
            "conclusion": _("The overall evaluation of all findings together matters most."),
            "consent_disclosure": _(
                "Without it, the notification to the prosecutor describes the findings "
                "without naming the person."
            ),
        }

    field_order = ["iin"]

    # The body chart comes right after the findings it records; the interpretation follows.
    SPLIT = "psych_signs"

    def before_injuries(self) -> list:
        names = list(self.fields)
        return [self[n] for n in names[: names.index(self.SPLIT)]]

    def after_injuries(self) -> list:
        names = list(self.fields)
        return [self[n] for n in names[names.index(self.SPLIT) :]]


class InjuryForm(forms.ModelForm):
    class Meta:
        model = Injury
        fields = list(INJURY_FIELDS)
        widgets = {"chart_x": forms.HiddenInput, "chart_y": forms.HiddenInput}


# One blank row without JavaScript; with it, the body chart adds a row per click.
InjuryFormSet = forms.formset_factory(
    InjuryForm, extra=1, max_num=MAX_INJURIES, validate_max=True, can_delete=True
)


class PhotoForm(forms.Form):
    upload = forms.FileField(label=_("Photograph (JPEG or PNG)"))
    injury = forms.ModelChoiceField(
        label=_("Injury shown"), queryset=Injury.objects.none(), required=False
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    with_scale = forms.BooleanField(label=_("A scale is in the picture"), required=False)
    intimate = forms.BooleanField(
        label=_("Intimate photograph"),
        required=False,
        help_text=_("Only the examining doctor will see it, and it stays out of reports."),
    )
    consent = forms.BooleanField(
        label=_("The person gave specific consent to this photograph"), required=False
    )

    def __init__(self, *args, examination=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"].queryset = examination.injuries.all()
        self.fields["injury"].label_from_instance = lambda i: str(i)


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data
