"""The Kazakh personal identification number (IIN / ЖСН / ИИН)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first11: str) -> int | None:
    """The 12th digit for `first11`, or None when no check digit exists (number unusable)."""
    digits = [int(c) for c in first11]
    for weights in (_W1, _W2):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def iin_birth_date(iin: str) -> date | None:
    """Date of birth encoded in the IIN (century from the 7th digit), or None."""
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(iin[6])
    if century is None:
        return None
    try:
        return date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def validate_iin(value: str) -> None:
    if not (len(value) == 12 and value.isdigit()):
        raise ValidationError(_("An IIN has exactly 12 digits."), code="iin_format")
    if iin_birth_date(value) is None:
        raise ValidationError(_("The IIN does not encode a valid date of birth."), code="iin_date")
    if iin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(
            _("The IIN check digit is wrong: check the number."), code="iin_check"
        )
