"""The default checklist of NPM visits (qorgau/visits/onsite/default_checklist.py), published."""

from django.db import migrations
from django.utils import timezone


def install(apps, schema_editor):
    from qorgau.visits.onsite.default_checklist import install as install_default

    install_default(
        apps.get_model("visits", "ChecklistTemplate"),
        apps.get_model("visits", "ChecklistSection"),
        apps.get_model("visits", "ChecklistQuestion"),
        published_at=timezone.now(),
    )


def remove(apps, schema_editor):
    from qorgau.visits.onsite.default_checklist import CODE

    template = apps.get_model("visits", "ChecklistTemplate")
    # Only if no visit used it: a pinned version is kept.
    template.objects.filter(code=CODE, version=1, visits__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_funding_decision_year")]

    operations = [migrations.RunPython(install, remove)]
