"""A small built-in gazetteer of Belarusian towns and cities: a typed town name becomes a point.

Without JavaScript there is no map to click, and not everyone knows their coordinates; a town's
centre is a good enough pin for an initiative that shows the public an approximate place anyway,
and for an area alert of a few kilometres. Names are matched in Belarusian, Russian and English
(and the usual Latin spellings), whatever the reader's language; nothing leaves the server.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    be: str
    ru: str
    en: str
    lat: float
    lon: float
    other_names: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        return getattr(self, language, self.be) if language in ("be", "ru", "en") else self.be


TOWNS = [
    Town("Мінск", "Минск", "Minsk", 53.9023, 27.5619, ("Miensk",)),
    Town("Гомель", "Гомель", "Gomel", 52.4345, 30.9754, ("Homiel", "Homel")),
    Town("Брэст", "Брест", "Brest", 52.0976, 23.6966, ("Brest-Litovsk",)),
    Town("Гродна", "Гродно", "Grodno", 53.6780, 23.8300, ("Hrodna",)),
    Town("Віцебск", "Витебск", "Vitebsk", 55.1904, 30.2049, ("Viciebsk", "Vitsebsk")),
    Town("Магілёў", "Могилёв", "Mogilev", 53.9000, 30.3310, ("Mahilioŭ", "Mahilyow", "Mahiliou")),
    Town("Баранавічы", "Барановичи", "Baranovichi", 53.1327, 26.0139, ("Baranavichy",)),
    Town("Бабруйск", "Бобруйск", "Bobruisk", 53.1384, 29.2214, ("Babruysk", "Babrujsk")),
    Town("Пінск", "Пинск", "Pinsk", 52.1229, 26.0951),
    Town("Орша", "Орша", "Orsha", 54.5081, 30.4172, ("Vorsha",)),
    Town("Мазыр", "Мозырь", "Mozyr", 52.0495, 29.2456, ("Mazyr",)),
    Town("Ліда", "Лида", "Lida", 53.8885, 25.2846),
    Town("Полацк", "Полоцк", "Polotsk", 55.4879, 28.7856, ("Polatsk", "Polack")),
    Town("Наваполацк", "Новополоцк", "Novopolotsk", 55.5318, 28.5987, ("Navapolatsk",)),
    Town("Маладзечна", "Молодечно", "Molodechno", 54.3104, 26.8389, ("Maladzyechna",)),
    Town("Салігорск", "Солигорск", "Soligorsk", 52.7876, 27.5415, ("Salihorsk",)),
    Town("Барысаў", "Борисов", "Borisov", 54.2279, 28.5050, ("Barysaw", "Barysau")),
    Town("Слуцк", "Слуцк", "Slutsk", 53.0274, 27.5597),
    Town("Жлобін", "Жлобин", "Zhlobin", 52.8926, 30.0240),
    Town("Светлагорск", "Светлогорск", "Svetlogorsk", 52.6329, 29.7389, ("Svietlahorsk",)),
    Town("Рэчыца", "Речица", "Rechitsa", 52.3617, 30.3916, ("Rechytsa",)),
    Town("Кобрын", "Кобрин", "Kobrin", 52.2138, 24.3564, ("Kobryn",)),
    Town("Ваўкавыск", "Волковыск", "Volkovysk", 53.1561, 24.4513, ("Vawkavysk",)),
    Town("Нясвіж", "Несвиж", "Nesvizh", 53.2189, 26.6766, ("Niasvizh",)),
    Town("Мір", "Мир", "Mir", 53.4536, 26.4731),
    Town("Браслаў", "Браслав", "Braslav", 55.6391, 27.0318, ("Braslaw",)),
    Town("Смаргонь", "Сморгонь", "Smorgon", 54.4836, 26.4000, ("Smarhon",)),
    Town("Слонім", "Слоним", "Slonim", 53.0869, 25.3163),
    Town("Паставы", "Поставы", "Postavy", 55.1167, 26.8333, ("Pastavy",)),
    Town("Калінкавічы", "Калинковичи", "Kalinkovichi", 52.1323, 29.3257, ("Kalinkavichy",)),
    Town("Жодзіна", "Жодино", "Zhodino", 54.0985, 28.3331, ("Zhodzina",)),
    Town("Глыбокае", "Глубокое", "Glubokoye", 55.1384, 27.6905, ("Hlybokaye",)),
]


def _key(name: str) -> str:
    """Case, ё/е, apostrophes, hyphens and spacing do not matter to someone typing a town."""
    folded = " ".join(name.casefold().replace("ё", "е").replace("-", " ").split())
    return folded.replace("'", "").replace("’", "").replace("ŭ", "u")


_BY_KEY = {_key(n): town for town in TOWNS for n in (town.be, town.ru, town.en, *town.other_names)}


def find(name: str | None) -> Town | None:
    """The town of that name in any of its languages, or None."""
    return _BY_KEY.get(_key(name)) if name else None


def centre(be_name: str) -> tuple[float, float]:
    """(lat, lon) of the town with that Belarusian name (the demo data's city names)."""
    town = _BY_KEY[_key(be_name)]
    return town.lat, town.lon


def names(language: str) -> list[str]:
    """The towns' names in that language, sorted, for the typed town's suggestions."""
    return sorted(town.name(language) for town in TOWNS)
