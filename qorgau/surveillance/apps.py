from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveillanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "qorgau.surveillance"
    verbose_name = _("Video surveillance")

    def ready(self) -> None:
        from .holds import receivers  # noqa: F401 - case files with a place and time ask for holds
