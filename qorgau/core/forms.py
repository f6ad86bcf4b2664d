"""Form helpers shared by every app's views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errs in exc.message_dict.items():
            for err in errs:
                form.add_error(name if name in form.fields else None, err)
    else:
        for err in exc.messages:
            form.add_error(None, err)
