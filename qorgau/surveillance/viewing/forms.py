"""Forms of prosecutor viewing: the facility first, then cameras or zones, mode and purpose."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Zone

from ..choices import ViewingMode, ViewingPurpose
from ..models import Camera
from .services import GrantRequest

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FacilityChoiceForm(forms.Form):
    """Step one, by GET: which facility's cameras to choose from."""

    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), to_field_name="uuid"
    )

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class _CameraChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} — {obj.zone.name}" if obj.zone else obj.code


class _ZoneChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(zone)s (%(n)d cameras)") % {"zone": obj.name, "n": obj.camera_count}


class GrantForm(forms.Form):
    """Step two: what to watch and why, at the facility chosen in step one (in the URL)."""

    zones = _ZoneChoice(
        label=_("Whole zones"),
        queryset=Zone.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every camera in service in the zone."),
    )
    cameras = _CameraChoice(
        label=_("Cameras"),
        queryset=Camera.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mode = forms.ChoiceField(
        label=_("Video"), choices=ViewingMode.choices, widget=forms.RadioSelect, initial="live"
    )
    window_from = forms.DateTimeField(
        label=_("Archive from"), required=False, widget=_DT, help_text=_("For archive only.")
    )
    window_to = forms.DateTimeField(label=_("Archive to"), required=False, widget=_DT)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=ViewingPurpose.choices, widget=forms.RadioSelect
    )
    case_reference = forms.CharField(
        label=_("Case file number"),
        required=False,
        max_length=20,
        help_text=_("A case file referred to your office, e.g. ALG-2026-000123."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Required for a routine check."),
    )

    def __init__(self, *args, facility, zones, cameras, **kwargs):
        super().__init__(*args, **kwargs)
        self.facility = facility
        self.fields["zones"].queryset = zones
        if not zones.exists():
            del self.fields["zones"]  # cameras not tied to zones: nothing to offer
        self.fields["cameras"].queryset = cameras

    def clean(self):
        data = super().clean()
        # A live viewing ignores archive times left over from changing one's mind.
        if data.get("mode") == ViewingMode.LIVE:
            data["window_from"] = data["window_to"] = None
        return data

    def grant_request(self) -> GrantRequest:
        data = self.cleaned_data
        return GrantRequest(
            facility=self.facility,
            cameras=data["cameras"],
            zones=data.get("zones", ()),
            mode=data["mode"],
            window_from=data["window_from"],
            window_to=data["window_to"],
            purpose=data["purpose"],
            case_reference=data["case_reference"],
            reason=data["reason"],
        )


class LogFilterForm(forms.Form):
    grant = forms.UUIDField(label=_("Grant"), required=False)
