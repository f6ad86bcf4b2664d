from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Agency, Facility, FacilityStatus, FacilityType, Region, RiskLevel, ZoneKind


class FacilityImportRowForm(forms.ModelForm):
    """One CSV row: the same rules as the admin, with the region given by code."""

    region = forms.SlugField(label=_("region"))

    class Meta:
        model = Facility
        fields = [
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "type",
            "agency",
            "regime",
            "address",
            "capacity",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rows may update an existing facility: the code is checked for duplicates
        # inside the file by the importer, not against the database.
        self.fields["code"].validators = []

    def validate_unique(self):
        pass

    def clean_region(self):
        code = self.cleaned_data["region"]
        try:
            return Region.objects.get(code=code)
        except Region.DoesNotExist:
            raise forms.ValidationError(
                _("Unknown region code “%(code)s”."), params={"code": code}
            ) from None

    def clean(self):
        data = super().clean()
        if "region" in data:
            data["region"] = self.cleaned_data["region"]
        return data


def _with_blank(choices):
    return [("", _("All")), *choices]


class FacilityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=_with_blank(FacilityType.choices)
    )
    agency = forms.ChoiceField(
        label=_("Agency"), required=False, choices=_with_blank(Agency.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_blank(FacilityStatus.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _with_blank(
            [(r.code, r.name) for r in Region.objects.all()]
        )


class PopulationForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    men = forms.IntegerField(label=_("Men"), min_value=0)
    women = forms.IntegerField(label=_("Women"), min_value=0)
    juveniles = forms.IntegerField(label=_("Juveniles"), min_value=0)
    convicted = forms.IntegerField(label=_("Convicted"), min_value=0)
    remand = forms.IntegerField(label=_("Remand"), min_value=0)


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=ZoneKind.choices)
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        required=False,
        choices=[("", _("Default for the kind")), *RiskLevel.choices],
    )


MAX_IMPORT_BYTES = 2 * 1024 * 1024


class FacilityImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file (UTF-8)"),
        help_text=_("The first line names the columns listed above."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")
            ) from None
