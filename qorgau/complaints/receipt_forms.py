"""The receipt look-up form, shared by the kiosk and the public web page (no models here)."""

from django import forms
from django.utils.translation import gettext_lazy as _

_CODE = r"^[2-9A-HJ-NP-Za-hj-np-z]{5}-?[2-9A-HJ-NP-Za-hj-np-z]{5}$"


class StatusForm(forms.Form):
    code = forms.RegexField(
        label=_("Receipt code"),
        regex=_CODE,
        error_messages={"invalid": _("The code has 10 letters and digits, like ABCDE-23456.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.RegexField(
        label=_("Secret"),
        regex=r"^\d{8}$",
        error_messages={"invalid": _("The secret has 8 digits.")},
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def normalised_code(self) -> str:
        code = self.cleaned_data["code"].upper().replace("-", "")
        return f"{code[:5]}-{code[5:]}"
