"""Load the regions: they are fixed by law, every installation needs them."""

from django.db import migrations

from qorgau.facilities.reference import REGIONS


def load(apps, schema_editor):
    Region = apps.get_model("facilities", "Region")
    for code, kk, ru, en, is_city in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "is_city": is_city}
        )


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
