from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Zone

from ..choices import CustodyAction, HoldStatus
from ..models import PreservedClip

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class HoldFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + HoldStatus.choices, required=False
    )
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    escalated = forms.BooleanField(label=_("Only escalated and still waiting"), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class _ZoneChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.facility.name} — {obj.name}"


class HoldRequestForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Place"), queryset=Facility.objects.none(), to_field_name="uuid"
    )
    zone = _ZoneChoice(
        label=_("Zone"),
        queryset=Zone.objects.none(),
        required=False,
        to_field_name="uuid",
        help_text=_(
            "The cameras of the zone and of its neighbours are held; without a zone, "
            "every recording camera of the place."
        ),
    )
    window_from = forms.DateTimeField(label=_("Footage from"), widget=_DT)
    window_to = forms.DateTimeField(label=_("Footage until"), widget=_DT)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The facility's administration reads it: say what the footage may show, "
            "without naming the complainant."
        ),
    )
    case_number = forms.CharField(
        label=_("Case file number (optional)"),
        max_length=20,
        required=False,
        help_text=_("An allegation case file of the same place, e.g. ALG-2026-000123."),
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        self.fields["zone"].queryset = (
            Zone.objects.filter(facility__in=facilities)
            .select_related("facility")
            .order_by("facility__name_ru", "name")
        )


class _ClipChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.camera.code} · {obj.window_from:%Y-%m-%d %H:%M} · {obj.sha256[:12]}…"


class CustodyForm(forms.Form):
    clip = _ClipChoice(label=_("Clip"), queryset=PreservedClip.objects.none(), to_field_name="uuid")
    action = forms.ChoiceField(label=_("What happened"), choices=CustodyAction.choices)
    at = forms.DateTimeField(label=_("When"), widget=_DT)
    recipient = forms.CharField(
        label=_("To whom"),
        max_length=255,
        required=False,
        help_text=_("For a hand-over: the person and the body that received the clip."),
    )
    sha256 = forms.CharField(
        label=_("SHA-256 of the clip at that moment"),
        max_length=64,
        min_length=64,
        help_text=_("Computed on the copy handled; a different hash is flagged on this page."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, hold=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clip"].queryset = hold.clips.select_related("camera")
