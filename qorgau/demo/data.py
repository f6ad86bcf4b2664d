"""Reference lists for synthetic demo data. Every person and place is invented."""

from datetime import date

from qorgau.facilities.reference import REGIONS  # noqa: F401 - re-exported for the loader

# Fixed, so that every run builds the same history.
TODAY = date(2026, 11, 1)

# Main town per region, (Kazakh, Russian, English), for addresses and names.
TOWNS = {
    "KZ-10": ("Семей", "Семей", "Semey"),
    "KZ-11": ("Көкшетау", "Кокшетау", "Kokshetau"),
    "KZ-15": ("Ақтөбе", "Актобе", "Aktobe"),
    "KZ-19": ("Қонаев", "Конаев", "Konaev"),
    "KZ-23": ("Атырау", "Атырау", "Atyrau"),
    "KZ-27": ("Орал", "Уральск", "Oral"),
    "KZ-31": ("Тараз", "Тараз", "Taraz"),
    "KZ-33": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "KZ-35": ("Қарағанды", "Караганда", "Karaganda"),
    "KZ-39": ("Қостанай", "Костанай", "Kostanay"),
    "KZ-43": ("Қызылорда", "Кызылорда", "Kyzylorda"),
    "KZ-47": ("Ақтау", "Актау", "Aktau"),
    "KZ-55": ("Павлодар", "Павлодар", "Pavlodar"),
    "KZ-59": ("Петропавл", "Петропавловск", "Petropavl"),
    "KZ-61": ("Түркістан", "Туркестан", "Turkistan"),
    "KZ-62": ("Жезқазған", "Жезказган", "Zhezkazgan"),
    "KZ-63": ("Өскемен", "Усть-Каменогорск", "Oskemen"),
    "KZ-71": ("Астана", "Астана", "Astana"),
    "KZ-75": ("Алматы", "Алматы", "Almaty"),
    "KZ-79": ("Шымкент", "Шымкент", "Shymkent"),
}

SURNAMES_M = [
    "Абенов",
    "Ахметов",
    "Бекенов",
    "Джумабаев",
    "Ергалиев",
    "Жакупов",
    "Жумагулов",
    "Исмаилов",
    "Калиев",
    "Касымов",
    "Кенжебаев",
    "Мухамеджанов",
    "Нурланов",
    "Оспанов",
    "Рахимов",
    "Сагинтаев",
    "Серикбаев",
    "Смагулов",
    "Тулегенов",
    "Утепов",
    "Шарипов",
    "Есенов",
    "Байжанов",
    "Муратов",
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Ким",
    "Пак",
    "Цой",
    "Шевченко",
    "Бондаренко",
    "Юсупов",
    "Каримов",
    "Алиев",
    "Гусейнов",
    "Мельников",
    "Лебедев",
    "Козлов",
    "Сергеев",
]
GIVEN_M = [
    "Алмас",
    "Арман",
    "Асхат",
    "Бауыржан",
    "Дастан",
    "Ерлан",
    "Ержан",
    "Куаныш",
    "Марат",
    "Нурлан",
    "Руслан",
    "Серик",
    "Тимур",
    "Жандос",
    "Айдос",
    "Максат",
    "Данияр",
    "Азамат",
    "Берик",
    "Самат",
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Владимир",
    "Игорь",
    "Олег",
    "Павел",
    "Виктор",
]
GIVEN_F = [
    "Айгерим",
    "Айгуль",
    "Асель",
    "Гульнара",
    "Динара",
    "Жанар",
    "Камила",
    "Мадина",
    "Салтанат",
    "Жанна",
    "Алия",
    "Дана",
    "Асем",
    "Сауле",
    "Назерке",
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Юлия",
    "Марина",
    "Оксана",
]

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "ә": "a",
    "ғ": "g",
    "қ": "q",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
}


def translit(text: str) -> str:
    """Cyrillic to Latin, close to the ICAO rules used in Kazakh passports."""
    out = []
    for ch in text:
        low = ch.lower()
        lat = _TRANSLIT.get(low, low)
        out.append(lat.upper() if ch != low else lat)
    return "".join(out)


def feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def patronymic(father: str, female: bool) -> str:
    stem = father[:-1] if father.endswith(("й", "ь")) else father
    if father.endswith(("й", "ь")):
        return stem + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


DEMO_REGION = "KZ-35"  # Karaganda: the regional users' area of work
