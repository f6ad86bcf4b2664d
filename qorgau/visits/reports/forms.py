"""Forms of findings and the report's workflow (validation of shape; rules are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.recommendations.choices import Theme

from ..choices import InformationSource, ReportStatus, SectionKey


class FindingForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    title = forms.CharField(label=_("Finding"), max_length=255)
    text = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    sources = forms.MultipleChoiceField(
        label=_("Sources it rests on"),
        choices=InformationSource.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Triangulate: a finding resting on one source is weaker."),
    )
    good_practice = forms.BooleanField(label=_("Good practice"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)


class SectionForm(forms.Form):
    html = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18, "data-rich-editor": ""}),
    )


class CompileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=[("", _("Keep")), ("kk", "Қазақша"), ("ru", "Русский")],
        required=False,
    )
    replace = forms.MultipleChoiceField(
        label=_("Replace my edits with the compiled text in"),
        choices=SectionKey.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ReportStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    decision_number = forms.CharField(
        label=_("Council decision number"), required=False, max_length=20
    )
    decision_date = forms.DateField(
        label=_("Council decision date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    override_reason = forms.CharField(
        label=_("Override the personal-data check: reason"),
        required=False,
        max_length=2000,
        help_text=_("Coordinators only, when a name in the text is not a person's name."),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section"),
        choices=[("", _("The whole report")), *SectionKey.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Factual comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("NPM's answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
