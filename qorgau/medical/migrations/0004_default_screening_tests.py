# The default screening list: tuberculosis, HIV, hepatitis B and C, syphilis, and the
# mental-health and substance-use screening the WHO prison-health guidance adds.
# Medical officers with a national scope change it afterwards on the configuration page.

from django.db import migrations

DEFAULTS = [
    # code, order, re-test days, kinds of examination, kk, ru, en
    (
        "tb",
        10,
        365,
        ["admission", "return_from_police", "transfer", "periodic"],
        "Туберкулез (флюорография)",
        "Туберкулёз (флюорография)",
        "Tuberculosis (chest X-ray)",
    ),
    ("hiv", 20, 365, ["admission", "periodic"], "АИТВ", "ВИЧ", "HIV"),
    (
        "hbv",
        30,
        None,
        ["admission"],
        "В вирусты гепатиті (HBsAg)",
        "Гепатит B (HBsAg)",
        "Hepatitis B (HBsAg)",
    ),
    (
        "hcv",
        40,
        365,
        ["admission", "periodic"],
        "С вирусты гепатиті (anti-HCV)",
        "Гепатит C (анти-HCV)",
        "Hepatitis C (anti-HCV)",
    ),
    ("syphilis", 50, 365, ["admission", "periodic"], "Мерез", "Сифилис", "Syphilis"),
    (
        "mental",
        60,
        None,
        ["admission", "return_from_police", "after_force"],
        "Психикалық денсаулық және суицид қаупі",
        "Психическое здоровье и суицидальный риск",
        "Mental health and suicide risk",
    ),
    (
        "substance",
        70,
        None,
        ["admission"],
        "Есірткі мен алкогольді тұтыну",
        "Употребление наркотиков и алкоголя",
        "Drug and alcohol use",
    ),
]


def seed(apps, schema_editor):
    ScreeningTest = apps.get_model("medical", "ScreeningTest")
    ScreeningRequirement = apps.get_model("medical", "ScreeningRequirement")
    for code, order, interval, kinds, kk, ru, en in DEFAULTS:
        test, created = ScreeningTest.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "interval_days": interval,
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
            },
        )
        if created:
            ScreeningRequirement.objects.bulk_create(
                ScreeningRequirement(test=test, examination_kind=k) for k in kinds
            )


class Migration(migrations.Migration):
    dependencies = [("medical", "0003_care_screening_beds_equipment_staffing")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
