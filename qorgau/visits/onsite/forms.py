"""Forms of the work on site. They parse input; the rules live in services.py."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.recommendations.choices import Status, Theme

from ..choices import AnswerChoice, AnswerType, InterviewKind, RegisterKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ZoneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def _zones(form: forms.Form, facility) -> None:
    form.fields["zone"].queryset = facility.zones.order_by("name")


# ---------------------------------------------------------------- templates


class SectionForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=255)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)


class QuestionForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int)
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("For example DIS-7."))
    answer_type = forms.ChoiceField(label=_("Answer"), choices=AnswerType.choices)
    standards = forms.CharField(
        label=_("Standards"),
        max_length=255,
        required=False,
        help_text=_("As cited, for example: Mandela Rules 43, 44."),
    )
    text_kk = forms.CharField(
        label=_("Question (Kazakh)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_ru = forms.CharField(
        label=_("Question (Russian)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, template=None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = template.sections.all() if template is not None else []
        self.fields["section"].choices = [(s.order, f"{s.order}. {s.title}") for s in sections]


# ---------------------------------------------------------------- the checklist


class AnswersForm(forms.Form):
    """The answers to one section: fields `<code>` (the answer) and `<code>_note` (a comment)."""

    def __init__(self, *args, progress=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for q in progress.questions:
            answer = progress.answers.get(q.pk)
            main = None
            if q.answer_type == AnswerType.CHOICE:
                main = forms.ChoiceField(
                    label=q.text,
                    choices=AnswerChoice.choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=answer.choice if answer else "",
                )
            elif q.answer_type == AnswerType.NUMBER:
                main = forms.DecimalField(
                    label=q.text,
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    initial=answer.number if answer else None,
                )
            elif q.answer_type == AnswerType.PHOTO:
                main = forms.FileField(
                    label=q.text,
                    required=False,
                    widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
                )
            if main is not None:
                self.fields[q.code] = main
            note_label = _("Answer") if q.answer_type == AnswerType.TEXT else _("Comment")
            self.fields[f"{q.code}_note"] = forms.CharField(
                label=note_label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3 if q.answer_type == AnswerType.TEXT else 1}),
                initial=answer.text if answer else "",
            )
            self.rows.append(
                {
                    "question": q,
                    "field": self[q.code] if main is not None else None,
                    "note": self[f"{q.code}_note"],
                    "answered": progress.answered(q),
                    "photos": progress.photos.get(q.pk, []),
                }
            )

    def values(self) -> tuple[dict, dict]:
        """({code: {"choice"|"number"|"text": …}}, {code: upload}) for answers_save."""
        values, photos = {}, {}
        for row in self.rows:
            q = row["question"]
            given = {"text": self.cleaned_data.get(f"{q.code}_note", "")}
            if q.answer_type == AnswerType.CHOICE:
                given["choice"] = self.cleaned_data.get(q.code) or ""
            elif q.answer_type == AnswerType.NUMBER:
                given["number"] = self.cleaned_data.get(q.code)
            elif q.answer_type == AnswerType.PHOTO and self.cleaned_data.get(q.code):
                photos[q.code] = self.cleaned_data[q.code]
            values[q.code] = given
        return values, photos


class VerifyForm(forms.Form):
    status = forms.ChoiceField(label=_("Status found on this visit"), choices=Status.choices)
    note = forms.CharField(
        label=_("What the team found"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


# ---------------------------------------------------------------- observations, photos, registers


class ObservationForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    zone = ZoneChoiceField(
        label=_("Zone"), queryset=None, required=False, to_field_name="uuid", empty_label="—"
    )
    text = forms.CharField(label=_("Observation"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        _zones(self, facility)


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo (JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    observation = forms.ModelChoiceField(
        label=_("Observation it shows"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label="—",
    )
    shows_people = forms.BooleanField(label=_("People can be recognised"), required=False)
    consent = forms.BooleanField(
        label=_("Everyone recognisable has consented to the photo"), required=False
    )

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observation"].queryset = visit.observations.all()
        self.fields["observation"].label_from_instance = lambda o: (
            f"{o.get_theme_display()}: {o.text[:60]}"
        )


class ExtractForm(forms.Form):
    register = forms.ChoiceField(label=_("Register"), choices=RegisterKind.choices)
    period_from = forms.DateField(label=_("From"), widget=DATE)
    period_to = forms.DateField(label=_("To"), widget=DATE)
    entries = forms.IntegerField(label=_("Entries in the period"), min_value=0)
    rows = forms.CharField(
        label=_("Rows noted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One entry per line: date; what; days. Pseudonyms only, never names or IINs. "
            "For example: 2026-02-03; placed in ShIZO for a refusal to work; 15"
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period_to"].initial = today
        self.fields["period_from"].initial = today - timedelta(days=91)  # the last 3 months

    def clean_rows(self) -> list[dict]:
        rows = []
        for n, line in enumerate(self.cleaned_data["rows"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            row = {"date": parts[0], "what": parts[1] if len(parts) > 1 else ""}
            if len(parts) > 2 and parts[2]:
                try:
                    row["duration_days"] = int(parts[2])
                except ValueError as exc:
                    raise forms.ValidationError(
                        _("Line %(n)s: the days must be a whole number.") % {"n": n}
                    ) from exc
            rows.append(row)
        return rows


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=InterviewKind.choices, initial=InterviewKind.INDIVIDUAL
    )
    group_size = forms.IntegerField(label=_("People in the group"), min_value=1, initial=1)
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=64,
        help_text=_("Never a name or an identification number."),
    )
    zone = ZoneChoiceField(
        label=_("Zone"), queryset=None, required=False, to_field_name="uuid", empty_label="—"
    )
    held_at = forms.DateTimeField(label=_("Time"), widget=DATETIME)
    in_private = forms.BooleanField(
        label=_("Out of hearing of staff"), required=False, initial=True
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes (confidential)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    alleges_ill_treatment = forms.BooleanField(label=_("Alleges ill-treatment"), required=False)
    consent_to_pass = forms.BooleanField(
        label=_("Consents to information being passed on"), required=False
    )
    case_summary = forms.CharField(
        label=_("What may be passed on to the case file"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only with consent, and only what the person agreed to: this text, not the notes, "
            "opens the case file."
        ),
    )
    join_case = forms.CharField(
        label=_("Or join an existing case file (number)"),
        max_length=20,
        required=False,
        help_text=_("For example ALG-2026-000123, when this allegation is already on file."),
    )

    def __init__(self, *args, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        _zones(self, facility)
        if not self.is_bound:
            self.fields["held_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
