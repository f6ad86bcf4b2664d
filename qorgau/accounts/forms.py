from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from qorgau.facilities.models import Facility, Region

from .roles import Cap, ScopeKind


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in the app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


CAPABILITY_LABELS = {
    Cap.FACILITY_VIEW: _("Read places of detention"),
    Cap.FACILITY_CHANGE: _("Change places of detention"),
    Cap.PERSON_VIEW: _("Read people held"),
    Cap.PERSON_CHANGE: _("Record admissions and movements"),
    Cap.AUDIT_VIEW: _("Read the audit log"),
    Cap.USER_MANAGE: _("Manage users"),
    Cap.APICLIENT_MANAGE: _("Manage API clients"),
    Cap.TERMINAL_MANAGE: _("Manage complaint terminals"),
    Cap.COMPLAINT_VIEW: _("Read complaints"),
    Cap.COMPLAINT_HANDLE: _("Handle complaints"),
    Cap.IDENTITY_APPROVE: _("Decide on identity reveal requests"),
    # For the prosecutor's register and the facilities' own systems (api.py of each app).
    Cap.REFERRAL_VIEW: _("Read referrals to the prosecutor"),
    Cap.REFERRAL_HANDLE: _("Record on referrals (receipt, registration, decisions)"),
    Cap.FORCE_VIEW: _("Read uses of force"),
    Cap.FORCE_RECORD: _("Record uses of force"),
    Cap.SURVEILLANCE_VIEW: _("Read cameras, their health and footage holds"),
    Cap.SURVEILLANCE_FEED: _("Video system connector: camera health and footage holds"),
}


class ApiClientForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities"),
        choices=list(CAPABILITY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[
            (k, v)
            for k, v in ScopeKind.choices
            if k in (ScopeKind.NATIONAL, ScopeKind.REGION, ScopeKind.FACILITY)
        ],
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, to_field_name="code"
    )
    facilities = forms.ModelMultipleChoiceField(
        label=_("Facilities"), queryset=Facility.objects.all(), required=False, to_field_name="code"
    )
