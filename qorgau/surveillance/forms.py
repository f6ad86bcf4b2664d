from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility

from .choices import CameraStatus


class CameraFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="code"
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + CameraStatus.choices, required=False
    )
    q = forms.CharField(label=_("Camera code"), required=False, max_length=64)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities


class CameraImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export of the video system (CSV or JSON)"),
        help_text=_(
            "Columns: facility, code, vms_id; optional: zone, stream_path, kind, recording, "
            "retention_days, installed_on, active. All rows are imported, or none."
        ),
    )
