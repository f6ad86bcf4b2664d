"""Administrative division of Kazakhstan: 17 regions and 3 cities of republican significance.

Loaded by migration 0002; a change in the division needs a new data migration.
"""

# ISO 3166-2:KZ codes; (code, Kazakh, Russian, English, is_city)
REGIONS = [
    ("KZ-10", "Абай облысы", "Абайская область", "Abai Region", False),
    ("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region", False),
    ("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", False),
    ("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region", False),
    ("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region", False),
    (
        "KZ-27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        False,
    ),
    ("KZ-31", "Жамбыл облысы", "Жамбылская область", "Jambyl Region", False),
    ("KZ-33", "Жетісу облысы", "Область Жетісу", "Jetisu Region", False),
    ("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", False),
    ("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region", False),
    ("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", False),
    ("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", False),
    ("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", False),
    (
        "KZ-59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        False,
    ),
    ("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", False),
    ("KZ-62", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region", False),
    (
        "KZ-63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        False,
    ),
    ("KZ-71", "Астана", "Астана", "Astana", True),
    ("KZ-75", "Алматы", "Алматы", "Almaty", True),
    ("KZ-79", "Шымкент", "Шымкент", "Shymkent", True),
]
