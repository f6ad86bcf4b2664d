"""Forms of recommendations: issuing, the NPM's status, the authority's answers, filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Agency, Facility, Region

from .choices import Priority, ResponseKind, Status, Theme

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _FindingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_theme_display()}: {obj.title}"


class RecommendationForm(forms.Form):
    action = forms.CharField(
        label=_("Recommended action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Specific: what must be done, in one sentence if possible."),
    )
    addressee_agency = forms.ChoiceField(label=_("Addressee agency"), choices=Agency.choices)
    responsible_unit = forms.CharField(
        label=_("Responsible unit"),
        max_length=255,
        help_text=_("Who answers for it: the unit or post, not a person's name."),
    )
    indicator = forms.CharField(
        label=_("Measurable indicator"),
        max_length=500,
        help_text=_("How the next visit will tell that it is done."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=_DATE)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    standards = forms.CharField(
        label=_("Standards"),
        max_length=255,
        required=False,
        help_text=_("For example: Mandela Rules 43, 44; OPCAT art. 19."),
    )
    findings = _FindingChoice(
        label=_("Findings it rests on"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="uuid",
    )

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        from qorgau.visits.models import Finding

        self.fields["findings"].queryset = Finding.objects.filter(visit=visit)
        if visit is not None and not self.is_bound and "addressee_agency" not in self.initial:
            self.initial["addressee_agency"] = visit.facility.agency


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for rejected, not implemented and no longer relevant."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=ResponseKind.choices)
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The measures planned or taken, with dates."),
    )
    planned_by = forms.DateField(label=_("To be done by"), required=False, widget=_DATE)
    reported_status = forms.ChoiceField(
        label=_("Status as you see it"),
        choices=[("", "—"), *Status.choices],
        required=False,
    )
    files = MultipleFileField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, JPEG, PNG or plain text; photos are stripped of their metadata."),
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False
    )
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("Any")), *Theme.choices], required=False
    )
    agency = forms.ChoiceField(
        label=_("Agency"), choices=[("", _("Any")), *Agency.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, to_field_name="code"
    )
    facility = forms.ModelChoiceField(
        label=_("Place"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        facilities = facilities if facilities is not None else Facility.objects.none()
        self.fields["facility"].queryset = facilities
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=facilities.values("region")
        ).order_by("code")


class RatesForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year of issue"), coerce=int, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(set(years) | {timezone.localdate().year}, reverse=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
