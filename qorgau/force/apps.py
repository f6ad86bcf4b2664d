from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "qorgau.force"
    verbose_name = _("Use of force")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - links examinations after use of force
