from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "qorgau.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from . import search

        search.connect_signals()
