"""Forms of funding: a row's actual travel, the year's budget, the annual report's adoption."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class TravelForm(forms.Form):
    travel = forms.DecimalField(
        label=_("Actual travel (tenge)"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("Budget for reimbursements (tenge)"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
    )


class AdoptForm(forms.Form):
    number = forms.CharField(label=_("Number of the council's decision"), max_length=20)
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Text of the decision"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
