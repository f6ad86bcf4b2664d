from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility

from .choices import About, Category, Channel, Status


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


_YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class PublicComplaintForm(forms.Form):
    """For relatives, lawyers and NGOs: everything on one page, identity optional."""

    facility = forms.ModelChoiceField(
        label=_("Place of detention"),
        required=False,
        to_field_name="uuid",
        queryset=Facility.objects.filter(status="open")
        .select_related("region")
        .order_by("region__name_ru", "name_ru"),
        empty_label=_("I do not know"),
    )
    about = forms.ChoiceField(
        label=_("Who is the complaint about?"),
        choices=About.choices,
        widget=forms.RadioSelect,
        initial=About.OTHER,
    )
    victim_name = forms.CharField(
        label=_("Name of the person it happened to"), required=False, max_length=200
    )
    categories = forms.MultipleChoiceField(
        label=_("What happened?"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Describe what happened"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    event_date = forms.DateField(
        label=_("Date of the event"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    event_time = forms.CharField(label=_("Time of the event"), required=False, max_length=60)
    injuries = forms.CharField(
        label=_("Injuries"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    witnesses = forms.CharField(
        label=_("Witnesses"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    told_already = forms.CharField(
        label=_("Who has been told already"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_prosecutor = forms.ChoiceField(
        label=_("May the Ombudsman give the names to the prosecutor?"),
        choices=_YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    consent_facility = forms.ChoiceField(
        label=_("May the Ombudsman give the names to the facility administration?"),
        choices=_YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    anonymous = forms.BooleanField(label=_("I want to stay anonymous"), required=False)
    full_name = forms.CharField(label=_("Your full name"), required=False, max_length=200)
    contact = forms.CharField(
        label=_("How to reach you (phone or e-mail)"), required=False, max_length=200
    )

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not data.get("full_name"):
            self.add_error("full_name", _("Write your name, or choose to stay anonymous."))
        return data

    def payload(self, *, code: str, secret: str, language: str):
        """The complaint as every channel hands it to the register."""
        from .schemas import ComplaintPayload

        data = self.cleaned_data
        anonymous = data["anonymous"]
        return ComplaintPayload.model_validate(
            {
                "about": data["about"],
                "categories": data["categories"],
                "description": data["description"],
                "event_date": data["event_date"],
                "event_time": data["event_time"],
                "injuries": data["injuries"],
                "witnesses": data["witnesses"],
                "told_already": data["told_already"],
                "consent_prosecutor": data["consent_prosecutor"] == "yes",
                "consent_facility": data["consent_facility"] == "yes",
                "anonymous": anonymous,
                "identity": None if anonymous else {"full_name": data["full_name"]},
                "victim_name": data["victim_name"],
                "language": language,
                "receipt": {"code": code, "secret": secret},
            }
        )

    def contact_value(self) -> str:
        return "" if self.cleaned_data["anonymous"] else self.cleaned_data["contact"]


class TriageForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What happened"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned to"), required=False, queryset=None, to_field_name="username"
    )

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = handlers


class StatusChangeForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, Status(s).label) for s in allowed]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (never shown to the complainant)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer to the complainant (shown at the terminal or on the web)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StaffComplaintForm(PublicComplaintForm):
    """A complaint received on paper, by telephone or e-mail, registered by staff."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c, Channel(c).label) for c in (Channel.PAPER, Channel.PHONE, Channel.EMAIL)],
    )
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    field_order = ["channel", "received_at"]


class RevealRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must you see who complained?"),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "An identity custodian decides. Every reveal and every look at the identity is logged."
        ),
    )


class RevealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    into = forms.RegexField(
        label=_("Merge this complaint into"),
        regex=r"(?i)^\s*CMP-\d{4}-\d{6}\s*$",
        error_messages={"invalid": _("Write a complaint number, like CMP-2026-000123.")},
        help_text=_(
            "The complaint that carries on. This one becomes “Merged”; its complainant "
            "then reads that complaint's status and answer."
        ),
    )
    note = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_into(self) -> str:
        return self.cleaned_data["into"].strip().upper()


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, JPEG, PNG or plain text, at most %(max)s. Photographs and scans lose "
            "their metadata (such as the GPS position) when they are stored."
        ) % {"max": filesizeformat(settings.QORGAU_ATTACHMENT_MAX_BYTES)}
