from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerminalConfig(AppConfig):
    name = "qorgau.terminal"
    label = "terminal"
    verbose_name = _("Complaint terminal")
