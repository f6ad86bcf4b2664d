"""Why the gateway was told yes or no: the codes kept in ViewingDecision.reason."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionReason(models.TextChoices):
    OK = "ok", _("Allowed")
    # 401: no usable token.
    NO_TOKEN = "no_token", _("No viewing token")
    MALFORMED = "malformed", _("Malformed token")
    BAD_SIGNATURE = "bad_signature", _("Forged token (signature not valid)")
    UNKNOWN_GRANT = "unknown_grant", _("Token of an unknown grant")
    EXPIRED = "expired", _("Viewing expired")
    # 403: a genuine token, but not for this.
    REVOKED = "revoked", _("Viewing ended by the prosecutor")
    BAD_PATH = "bad_path", _("Address outside the gateway's layout")
    OTHER_GRANT = "other_grant", _("Address of another grant")
    WRONG_MODE = "wrong_mode", _("Live and archive confused")
    CAMERA_NOT_IN_GRANT = "camera_not_in_grant", _("Camera not in the grant")
    OUT_OF_JURISDICTION = "out_of_jurisdiction", _("Camera outside the prosecutor's jurisdiction")
    OUTSIDE_WINDOW = "outside_window", _("Time outside the archive window")
