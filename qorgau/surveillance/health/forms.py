from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility


class AlertFilterForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, to_field_name="uuid"
    )
    closed = forms.BooleanField(label=_("Closed alerts instead of open ones"), required=False)

    def __init__(self, *args, facilities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
