from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllegationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "qorgau.allegations"
    verbose_name = _("Allegation case files")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the reprisal watch to custody events
