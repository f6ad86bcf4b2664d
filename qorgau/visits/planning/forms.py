"""Forms of planning: they parse; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.accounts.models import User
from qorgau.accounts.roles import Role
from qorgau.facilities.models import Facility, Region

from ..choices import DecisionKind, Expertise, Gender, TeamRole, VisitKind, VisitStatus
from ..models import CouncilDecision, Participant

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
QUARTERS = [(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]


class _FacilityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.region.name})"


class _ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    expertise = forms.MultipleChoiceField(
        label=_("Expertise"),
        choices=Expertise.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.order_by("name_ru"),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    active_from = forms.DateField(label=_("Active from"), widget=_DATE)
    active_until = forms.DateField(label=_("Active until"), required=False, widget=_DATE)
    user = forms.ModelChoiceField(
        label=_("User account"),
        queryset=User.objects.none(),
        required=False,
        to_field_name="username",
        help_text=_("The account the participant signs in with, to see their teams' visits."),
    )
    admitted_by = forms.ModelChoiceField(
        label=_("Admitted by decision"),
        queryset=CouncilDecision.objects.filter(kind=DecisionKind.ADMISSION),
        required=False,
        to_field_name="uuid",
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(memberships__role__in=[Role.NPM_PARTICIPANT, Role.NPM_COORDINATOR])
            .distinct()
            .order_by("username")
        )

    @staticmethod
    def initial_of(p: Participant) -> dict:
        return {
            "full_name": p.full_name,
            "gender": p.gender,
            "organisation": p.organisation,
            "expertise": p.expertise,
            "languages": p.languages,
            "regions": list(p.regions.all()),
            "active_from": p.active_from,
            "active_until": p.active_until,
            "user": p.user,
            "admitted_by": p.admitted_by,
            "phone": p.phone,
        }


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), max_length=100, required=False)
    expertise = forms.ChoiceField(
        label=_("Expertise"), choices=[("", _("Any"))] + Expertise.choices, required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name_ru"),
        required=False,
        to_field_name="code",
    )
    active_on = forms.DateField(label=_("Active on"), required=False, widget=_DATE)


class ConflictForm(forms.Form):
    facility = _FacilityChoice(
        label=_("Place"),
        queryset=Facility.objects.select_related("region").order_by("name_ru"),
        to_field_name="uuid",
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("For example: a relative works there; worked there until 2024."),
    )
    declared_on = forms.DateField(label=_("Declared on"), required=False, widget=_DATE)


class ConflictEndForm(forms.Form):
    conflict = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = forms.DateField(label=_("No longer applies from"), required=False, widget=_DATE)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    date = forms.DateField(label=_("Date"), widget=_DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices)
    year = forms.IntegerField(
        label=_("Year covered"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Annual plan and annual report only: the year they cover."),
    )
    title = forms.CharField(label=_("Subject"), max_length=255)
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    admit = forms.ModelMultipleChoiceField(
        label=_("Participants admitted (admission decisions only)"),
        queryset=Participant.objects.order_by("full_name"),
        required=False,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )


class PlanApproveForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Council decision"),
        queryset=CouncilDecision.objects.filter(kind=DecisionKind.ANNUAL_PLAN),
        to_field_name="uuid",
    )


class VisitForm(forms.Form):
    """A new visit; the kind decides which of plan, case file and follows apply."""

    kind = forms.ChoiceField(label=_("Type"), choices=VisitKind.choices)
    facility = _FacilityChoice(
        label=_("Place"), queryset=Facility.objects.none(), to_field_name="uuid", required=False
    )
    year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", "—"), *QUARTERS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    start_date = forms.DateField(label=_("First day"), required=False, widget=_DATE)
    end_date = forms.DateField(label=_("Last day"), required=False, widget=_DATE)
    purpose = forms.CharField(
        label=_("Purpose and focus"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    announced = forms.BooleanField(label=_("Announced in advance"), required=False)
    case = forms.UUIDField(required=False, widget=forms.HiddenInput)
    follows = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class VisitEditForm(forms.Form):
    start_date = forms.DateField(label=_("First day"), required=False, widget=_DATE)
    end_date = forms.DateField(label=_("Last day"), required=False, widget=_DATE)
    quarter = forms.TypedChoiceField(
        label=_("Quarter (planned visits)"),
        choices=[("", "—"), *QUARTERS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    purpose = forms.CharField(
        label=_("Purpose and focus"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    announced = forms.BooleanField(label=_("Announced in advance"), required=False)


class VisitFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All"))] + VisitKind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + VisitStatus.choices, required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name_ru"),
        required=False,
        to_field_name="code",
    )


class TeamAddForm(forms.Form):
    participant = _ParticipantChoice(
        label=_("Participant"),
        queryset=Participant.objects.order_by("full_name"),
        to_field_name="uuid",
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.MEMBER)
    days = forms.IntegerField(label=_("Days on the visit"), min_value=1, max_value=60, initial=1)


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("start", "start"), ("finish", "finish"), ("cancel", "cancel")]
    )
    on = forms.DateField(label=_("Date"), required=False, widget=_DATE)
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=500, required=False)


class RiskFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name_ru"),
        required=False,
        to_field_name="code",
    )
