"""Tests for toponyms._normalize: clean(), the language guess, romanisation and the folded keys.

The pairs come from the transliteration study in the design notes; noise characters are written
as escapes so that a reader can see them.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toponyms import _translit
from toponyms._normalize import (
    ascii_key,
    clean,
    cross_key,
    cyrillic_language,
    exact_key,
    keys,
    match_key,
    romanize,
)

# ---------------------------------------------------------------------------------------------
# Keys: the study's examples, level by level
# ---------------------------------------------------------------------------------------------

#: (input, L1, L2, L3) from the study's table "The levels, step by step". One deliberate
#: difference: Киев is kiyev at L1 (BGN's ye after a vowel, as ``romanize`` writes it); the study's
#: table had kiev. L2 and L3 are the same.
STUDY_KEYS = [
    ("Krasnoarmeysk", "krasnoarmeysk", "krasnoarmeisk", "krasnErmEsk"),
    ("Krasnoarmeisk", "krasnoarmeisk", "krasnoarmeisk", "krasnErmEsk"),
    ("Krasnoarmiisk", "krasnoarmiisk", "krasnoarmisk", "krasnErmEsk"),
    ("Krasnoarmiysk", "krasnoarmiysk", "krasnoarmisk", "krasnErmEsk"),
    ("Krasnoarmijsk", "krasnoarmijsk", "krasnoarmisk", "krasnErmEsk"),
    ("Красноармейск", "krasnoarmeysk", "krasnoarmeisk", "krasnErmEsk"),
    ("Красноармійськ", "krasnoarmiisk", "krasnoarmisk", "krasnErmEsk"),
    ("Kyiv", "kyiv", "kiv", "kEv"),
    ("Kiev", "kiev", "kiev", "kEv"),
    ("Kiyev", "kiyev", "kiev", "kEv"),
    ("Kijów", "kijow", "kiov", "kEv"),
    ("Київ", "kyiv", "kiv", "kEv"),
    ("Киев", "kiyev", "kiev", "kEv"),
    ("Kharkiv", "kharkiv", "Xarkiv", "XarkEv"),
    ("Kharkov", "kharkov", "Xarkov", "XarkEv"),
    ("Zaporizhzhia", "zaporizhzhia", "zaporiZia", "zapErEZV"),
    ("Zaporozhye", "zaporozhye", "zaporoZie", "zapErEZV"),
    ("Zaporizhia", "zaporizhia", "zaporiZia", "zapErEZV"),
    ("Zaporojie", "zaporojie", "zaporoe", "zapErV"),
    ("Luhansk", "luhansk", "luhansk", "luhansk"),
    ("Lugansk", "lugansk", "lugansk", "luhansk"),
    ("Luhans'k", "luhansk", "luhansk", "luhansk"),
    ("Myrnohrad", "myrnohrad", "mirnohrad", "mErnEhrad"),
    ("Mirnograd", "mirnograd", "mirnograd", "mErnEhrad"),
    ("Horlivka", "horlivka", "horlivka", "hErlEvka"),
    ("Gorlovka", "gorlovka", "gorlovka", "hErlEvka"),
    ("Ternopil'", "ternopil", "ternopil", "tErnEpEl"),
    ("Bilhorod-Dnistrovs'kyi", "bilhoroddnistrovskyi", "bilhorodnistrovski", "bElhErEdnEstrEvskI"),
    ("Belgorod-Dnestrovsky", "belgoroddnestrovsky", "belgorodnestrovski", "bElhErEdnEstrEvskI"),
    ("Lwów", "lwow", "lvov", "lvEv"),
    ("Lvov", "lvov", "lvov", "lvEv"),
    ("Nikolaev", "nikolaev", "nikolaev", "nEkElEv"),
    ("Mykolaiv", "mykolaiv", "mikolaiv", "mEkElEv"),
    ("Dimitrov", "dimitrov", "dimitrov", "dEmEtrEv"),
    ("Dmitrov", "dmitrov", "dmitrov", "dmEtrEv"),
    ("Pokrovsk", "pokrovsk", "pokrovsk", "pEkrEvsk"),
    ("Pokrovske", "pokrovske", "pokrovske", "pEkrEvskV"),
    ("St. Petersburg", "stpetersburg", "stpetersburg", "stpEtErsburh"),
    ("Санкт-Петербург", "stpeterburg", "stpeterburg", "stpEtErburh"),
]


@pytest.mark.parametrize(("text", "l1", "l2", "l3"), STUDY_KEYS, ids=[row[0] for row in STUDY_KEYS])
def test_keys_of_the_study_examples(text: str, l1: str, l2: str, l3: str) -> None:
    assert keys(text)[1:] == (l1, l2, l3)
    assert (ascii_key(text), match_key(text), cross_key(text)) == (l1, l2, l3)


#: Spellings of one name that must share the cross-language key (L3).
SAME_CROSS_KEY = {
    "Krasnoarmiisk": [
        "Krasnoarmeysk",
        "Krasnoarmeisk",
        "Krasnoarmiisk",
        "Krasnoarmiysk",
        "Krasnoarmijsk",
        "Красноармейск",
        "Красноармійськ",
    ],
    "Kyiv": ["Kyiv", "Kiev", "Kiyev", "Kijów", "Київ", "Киев", "Kyyiv"],
    "Kharkiv": ["Kharkiv", "Kharkov", "Харків", "Харьков"],
    "Zaporizhzhia": ["Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Запоріжжя", "Запорожье"],
    "Luhansk": ["Luhansk", "Lugansk", "Luhans'k", "Луганськ", "Луганск"],
    "Myrnohrad": ["Myrnohrad", "Mirnograd", "Мирноград"],
    "Horlivka": ["Horlivka", "Gorlovka", "Горлівка", "Горловка"],
    "Lviv-Lvov": ["Lwów", "Lvov", "Львов"],
    "Kryvyi Rih": ["Kryvyi Rih", "Krivoy Rog", "Кривий Ріг", "Кривой Рог"],
    "Shchastia": ["Shchastia", "Schastye", "Щастя", "Счастье"],
    "Yenakiieve": ["Yenakiieve", "Yenakiyevo", "Enakievo", "Єнакієве", "Енакиево"],
    "Khmelnytskyi": ["Khmelnytskyi", "Khmelnitsky", "Khmelnitskiy", "Хмельницький", "Хмельницкий"],
    "Bilhorod-Dnistrovskyi": [
        "Bilhorod-Dnistrovs'kyi",
        "Belgorod-Dnestrovsky",
        "Білгород-Дністровський",
        "Белгород-Днестровский",
    ],
    "Kurakhove": ["Kurakhove", "Kurakhovo", "Курахове", "Курахово"],
    "Vyshhorod": ["Vyshhorod", "Vyshgorod", "Вишгород", "Вышгород"],
}
SAME_CROSS_KEY_PAIRS = [
    (group, a, b) for group, names in SAME_CROSS_KEY.items() for a in names for b in names if a < b
]


@pytest.mark.parametrize(
    ("group", "a", "b"), SAME_CROSS_KEY_PAIRS, ids=[f"{a}~{b}" for _g, a, b in SAME_CROSS_KEY_PAIRS]
)
def test_spellings_of_one_name_meet_at_the_cross_key(group: str, a: str, b: str) -> None:
    assert cross_key(a) == cross_key(b), group


#: Pairs that must meet already at the given level (and so at every level above it).
MEET_AT = [
    ("ascii", "Luhans'k", "Luhansk"),
    ("ascii", "Луганськ", "Luhansk"),
    ("ascii", "Київ", "Kyiv"),
    ("ascii", "Покровськ", "Pokrovsk"),
    ("ascii", "Žytomyr", "Zhytomyr"),
    ("ascii", "Černihiv", "Chernihiv"),
    ("ascii", "St. Petersburg", "Saint Petersburg"),
    ("ascii", "Sankt-Peterburg", "St Peterburg"),
    ("ascii", "Sainte-Anne", "Ste. Anne"),
    ("ascii", "Kraków", "Krakow"),
    ("ascii", "Łódź", "Lodz"),
    ("ascii", "Zürich", "ZURICH"),
    ("ascii", "Straße", "Strasse"),
    ("ascii", "Красноармейск", "Krasnoarmeysk"),
    ("ascii", "Нижний Новгород", "Nizhniy Novgorod"),
    ("ascii", "Знам'янка", "Znamianka"),
    ("ascii", "Згурівка", "Zghurivka"),
    ("match", "Krasnoarmeysk", "Krasnoarmeisk"),
    ("match", "Krasnoarmiisk", "Krasnoarmijsk"),
    ("match", "Kiyev", "Kiev"),
    ("match", "Zaporizhzhia", "Zaporizhia"),
    ("match", "Zghurivka", "Zgurivka"),
    ("match", "Aleksandrov", "Alexandrov"),
    ("match", "Novaya Kakhovka", "Nova Kakhovka"),
    ("match", "Yenakiieve", "Enakiieve"),
    ("match", "Vinnytsia", "Vinnycia"),
    ("match", "Lwów", "Lvov"),
    ("match", "Makeyevka", "Makeevka"),
    ("cross", "Kharkiv", "Kharkov"),
    ("cross", "Horlivka", "Gorlovka"),
    ("cross", "Shchastia", "Schastye"),
]
_LEVEL = {"ascii": 1, "match": 2, "cross": 3}


@pytest.mark.parametrize(
    ("level", "a", "b"), MEET_AT, ids=[f"{lv}:{a}~{b}" for lv, a, b in MEET_AT]
)
def test_pairs_meet_from_their_level_on(level: str, a: str, b: str) -> None:
    first = _LEVEL[level]
    assert keys(a)[first:] == keys(b)[first:]


#: Different names that must not meet at any level up to the cross-language key.
NEVER_MEET = [
    ("Dimitrov", "Dmitrov"),
    ("Димитров", "Дмитров"),
    ("Pokrovsk", "Pokrovske"),
    ("Покровськ", "Покровське"),
    ("Mykolaiv", "Nikolaev"),
    ("Миколаїв", "Николаев"),
    ("Dobra", "Dobre"),
    ("Dobre", "Dobryi"),
    ("Dobra", "Dobryi"),
    ("Talove", "Talovyy"),
    ("Kyiv", "Kiiv-Kamianka"),
]


@pytest.mark.parametrize(("a", "b"), NEVER_MEET, ids=[f"{a}/{b}" for a, b in NEVER_MEET])
def test_different_names_never_meet(a: str, b: str) -> None:
    for level, (key_a, key_b) in enumerate(zip(keys(a), keys(b), strict=True)):
        assert key_a != key_b, level


def test_keys_is_the_four_functions() -> None:
    for text in ("Kyiv", "Київ", " Sankt-Peterburg ", "Αθήνα", "北京", ""):
        assert keys(text) == (exact_key(text), ascii_key(text), match_key(text), cross_key(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Αθήνα", "athena"),
        ("Tbilisi", "tbilisi"),
        ("თბილისი", "tbilisi"),
        ("Ålesund", "alesund"),
        ("Ørsta", "orsta"),
        ("Þórshöfn", "thorshofn"),
        ("Đakovo", "dakovo"),
        ("Hørsholm 2", "horsholm2"),
        ("Saint", "st"),
        ("Saintes", "saintes"),
        ("Vyšná Šebastová", "vyshnashebastova"),
        ("", ""),
        ("---", ""),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_ascii_key_of_other_scripts_and_letters(text: str, key: str) -> None:
    assert ascii_key(text) == key


# ---------------------------------------------------------------------------------------------
# clean(): one case per class of Unicode noise
# ---------------------------------------------------------------------------------------------

CLEAN_CASES = [
    ("zero-width-space", "Alche\u200bvsk", "Alchevsk"),
    ("zwnj", "Al\u200cchevsk", "Alchevsk"),
    ("zwj", "A\u200dlchevsk", "Alchevsk"),
    ("word-joiner", "Alch\u2060evsk", "Alchevsk"),
    ("soft-hyphen", "A\u00adlchevsk", "Alchevsk"),
    ("bom", "\ufeffAlchevsk", "Alchevsk"),
    ("lrm-rlm", "\u200fAlchevsk\u200e", "Alchevsk"),
    ("arabic-letter-mark", "Alchevsk\u061c", "Alchevsk"),
    ("bidi-embedding", "\u202bAlchevsk\u202c", "Alchevsk"),
    ("bidi-override", "\u202eAlchevsk\u202c", "Alchevsk"),
    (
        "bidi-isolates",
        "\u2066Alchevsk\u2069 \u2067Kyiv\u2069 \u2068Lviv\u2069",
        "Alchevsk Kyiv Lviv",
    ),
    ("variation-selector", "Al\ufe0fchevsk", "Alchevsk"),
    ("variation-selector-supplement", "Alch\U000e0100evsk", "Alchevsk"),
    ("mongolian-vowel-separator", "Alch\u180eevsk", "Alchevsk"),
    ("tag-characters", "Alchevsk\U000e0075\U000e0061\U000e007f", "Alchevsk"),
    ("control-characters", "Al\x00ch\x07evsk\x7f", "Alchevsk"),
    ("c1-control", "Alch\x9bevsk", "Alchevsk"),
    ("nbsp", "Bila\u00a0Tserkva", "Bila Tserkva"),
    ("narrow-nbsp", "Bila\u202fTserkva", "Bila Tserkva"),
    ("thin-space", "Bila\u2009Tserkva", "Bila Tserkva"),
    ("em-space", "Bila\u2003Tserkva", "Bila Tserkva"),
    ("ideographic-space", "Belaya\u3000Tserkov", "Belaya Tserkov"),
    ("ogham-space", "Bila\u1680Tserkva", "Bila Tserkva"),
    ("line-separator", "Bila\u2028Tserkva", "Bila Tserkva"),
    ("tabs-newlines", "\n\tBila \r\n Tserkva\t \n", "Bila Tserkva"),
    ("next-line", "Bila\x85Tserkva", "Bila Tserkva"),
    ("full-width", "\uff21\uff4c\uff43\uff48\uff45\uff56\uff53\uff4b", "Alchevsk"),
    ("ligature", "\ufb02ensburg", "flensburg"),
    ("nfd", "Lwo\u0301w", "Lwów"),
    ("nfd-cyrillic-short-i", "Хмельницьки\u0438\u0306", "Хмельницький"),
    ("nfd-cyrillic-yi", "\u041a\u0438\u0456\u0308\u0432", "Київ"),
    ("stress-acute", "\u0404\u043d\u0430\u0301\u043a\u0456\u0454\u0432\u0435", "Єнакієве"),
    ("stress-grave", "\u041a\u0438\u0300\u0457\u0432", "Київ"),
    (
        "stress-grave-composed",
        "\u041a\u0438\u0301\u0457\u0432 \u0451\u0300\u0432\u0435\u0300",
        "Київ ёве",
    ),
    ("macedonian-gje-kept", "\u0403\u043e\u0440\u0447\u0435", "\u0403\u043e\u0440\u0447\u0435"),
    ("stress-on-yi", "\u041a\u0438\u0457\u0301\u0432", "Київ"),
    ("latin-accent-kept", "Kraków", "Kraków"),
    ("apostrophe-right-quote", "Ternopil\u2019", "Ternopil'"),
    ("apostrophe-left-quote", "Ternopil\u2018", "Ternopil'"),
    ("apostrophe-modifier", "Кам\u02bcянське", "Кам'янське"),
    ("apostrophe-modifier-prime", "Ternopil\u02b9", "Ternopil'"),
    ("apostrophe-prime", "Ternopil\u2032", "Ternopil'"),
    ("apostrophe-grave", "Ternopil`", "Ternopil'"),
    ("apostrophe-acute", "Ternopil\u00b4", "Ternopil'"),
    ("apostrophe-full-width", "Ternopil\uff07", "Ternopil'"),
    ("apostrophe-high-reversed", "Ternopil\u201b", "Ternopil'"),
    ("apostrophe-turned-comma", "O\u02bbzbekiston", "O'zbekiston"),
    ("apostrophe-greek-oxia", "Ternopil\u1ffd", "Ternopil'"),
    ("en-dash", "Belgorod\u2013Dnestrovskiy", "Belgorod-Dnestrovskiy"),
    ("em-dash", "Ivano\u2014Frankivsk", "Ivano-Frankivsk"),
    ("hyphen", "Ivano\u2010Frankivsk", "Ivano-Frankivsk"),
    ("non-breaking-hyphen", "Ivano\u2011Frankivsk", "Ivano-Frankivsk"),
    ("minus-sign", "Ivano\u2212Frankivsk", "Ivano-Frankivsk"),
    ("full-width-hyphen", "Ivano\uff0dFrankivsk", "Ivano-Frankivsk"),
    ("cyrillic-o-in-latin", "Pokr\u043evsk", "Pokrovsk"),
    ("cyrillic-capital-in-latin", "\u0421hernihiv", "Chernihiv"),
    ("cyrillic-es-in-latin", "Al\u0441hevsk", "Alchevsk"),
    ("two-cyrillic-in-latin", "\u0420\u043ekrovsk", "Pokrovsk"),
    ("latin-i-diaeresis-in-ukrainian", "\u041a\u0438\u00ef\u0432", "Київ"),
    ("latin-i-for-i", "\u0425\u0430\u0440\u043ai\u0432", "Харків"),
    ("latin-a-in-cyrillic", "\u041f\u043e\u043b\u0442a\u0432\u0430", "Полтава"),
    ("latin-capital-in-cyrillic", "K\u0438\u0457\u0432", "Київ"),
    ("greek-alpha-in-latin", "\u0391lchevsk", "Alchevsk"),
    ("greek-omicron-in-cyrillic", "\u041f\u03bf\u043b\u0442\u0430\u0432\u0430", "Полтава"),
    ("greek-word-kept", "\u0391\u03b8\u03ae\u03bd\u03b1", "Αθήνα"),
    ("scripts-apart-kept", "Kyiv Київ", "Kyiv Київ"),
    ("stressed-cyrillic-homoglyph", "Pokr\u043e\u0301vsk", "Pokrovsk"),
    ("case-kept", "KYIV kyiv", "KYIV kyiv"),
    ("empty", "", ""),
    ("only-noise", "\u200b\u00a0\ufeff ", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in CLEAN_CASES], ids=[c[0] for c in CLEAN_CASES]
)
def test_clean_removes_unicode_noise(text: str, expected: str) -> None:
    assert clean(text) == expected
    assert unicodedata.is_normalized("NFC", clean(text))


def _code_points_of(categories: set[str]) -> list[int]:
    return [cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) in categories]


def test_every_format_character_is_deleted() -> None:
    kept = [hex(cp) for cp in _code_points_of({"Cf"}) if clean(f"a{chr(cp)}b") != "ab"]
    assert kept == []


def test_every_space_is_one_space() -> None:
    odd = [hex(cp) for cp in _code_points_of({"Zs", "Zl", "Zp"}) if clean(f"a{chr(cp)}b") != "a b"]
    assert odd == []


def test_only_invisible_characters_are_deleted() -> None:
    allowed = {"Cf", "Cc", "Cs", "Mn", "Cn"}  # Mn: variation selectors and the grapheme joiner
    wrong = [
        hex(cp)
        for first, last in _translit.DELETED_RANGES
        for cp in range(first, last + 1)
        if unicodedata.category(chr(cp)) not in allowed
    ]
    assert wrong == []


def test_exact_key_casefolds_clean() -> None:
    assert exact_key("\u00a0K\u0443IV\u200b ") == "kyiv"
    assert exact_key("Straße") == "strasse"
    assert exact_key("\u01f0") == "\u01f0"  # casefold decomposes ǰ; the key is NFC again


# ---------------------------------------------------------------------------------------------
# Language guess
# ---------------------------------------------------------------------------------------------

LANGUAGE_CASES = [
    ("Київ", "uk"),
    ("Чернігів", "uk"),
    ("Єнакієве", "uk"),
    ("Ґорґани", "uk"),
    ("Покровськ", "uk"),
    ("Донецьк", "uk"),
    ("Кременець", "uk"),
    ("Кам'янське", "uk"),
    ("Кам\u2019янське", "uk"),
    ("Красный Лиман", "ru"),
    ("Энергодар", "ru"),
    ("Подъячево", "ru"),
    ("Щёлково", "ru"),
    ("Киев", "ru"),
    ("Мирноград", "ru"),
    ("Бахмут", "ru"),
    ("Покровск", "ru"),
    ("Магілёў", "be"),
    ("Шклоў", "be"),
    ("Віцебск", "uk"),  # і alone cannot tell Belarusian from Ukrainian
    ("Бялыніцкі раён", "be"),
    ("КИЇВ", "uk"),
    ("Kyiv", None),
    ("", None),
    ("Αθήνα", None),
]


@pytest.mark.parametrize(
    ("text", "lang"), LANGUAGE_CASES, ids=[f"{t or 'empty'}" for t, _ in LANGUAGE_CASES]
)
def test_cyrillic_language(text: str, lang: str | None) -> None:
    assert cyrillic_language(text) == lang


# ---------------------------------------------------------------------------------------------
# romanize(): KMU 2010 against translitua, Russian press forms, Belarusian 2007
# ---------------------------------------------------------------------------------------------

#: Real Ukrainian place names: oblast centres, big towns, renamed towns and their former names,
#: and names that exercise each KMU rule (word-initial Є Ї Й Ю Я, зг, ь, apostrophe, Щ, Ґ).
UKRAINIAN_PLACES = """
Київ Харків Одеса Дніпро Донецьк Запоріжжя Львів Кривий_Ріг Миколаїв Маріуполь Луганськ Вінниця
Макіївка Сімферополь Севастополь Херсон Полтава Чернігів Черкаси Житомир Суми Хмельницький
Чернівці Рівне Кам'янське Кропивницький Івано-Франківськ Кременчук Тернопіль Луцьк Біла_Церква
Краматорськ Мелітополь Керч Ужгород Слов'янськ Бердянськ Нікополь Алчевськ Горлівка Бахмут
Покровськ Мирноград Торецьк Самар Чорноморськ Володимир Знам'янка Згурівка Ізюм Яготин
Юнаківка Єнакієве Їжаківка Артемівськ Красноармійськ Димитров Дзержинськ Дніпропетровськ
Дніпродзержинськ Кіровоград Новомосковськ Іллічівськ Володимир-Волинський Лиман Сіверськ
Соледар Часів_Яр Костянтинівка Дружківка Авдіївка Вугледар Курахове Селидове Новогродівка
Гуляйполе Оріхів Енергодар Нова_Каховка Ізмаїл Сєвєродонецьк Лисичанськ Щастя Куп'янськ
Вовчанськ Балаклія Умань Бровари Бориспіль Ірпінь Буча Гостомель Фастів Васильків Обухів
Переяслав Ніжин Прилуки Конотоп Шостка Охтирка Ромни Глухів Миргород Лубни Мукачево Хуст
Берегове Коломия Калуш Дрогобич Стрий Трускавець Червоноград Шептицький Самбір Ковель Дубно
Острог Кам'янець-Подільський Шепетівка Бердичів Коростень Звягель Жмеринка Могилів-Подільський
Олександрія Світловодськ Первомайськ Вознесенськ Южноукраїнськ Очаків Білгород-Дністровський
Подільськ Южне Каховка Скадовськ Генічеськ Олешки Яремче Ясіня Ясинувата Ямпіль Яворів Єланець
Ємільчине Йосипівка Згорани Сновськ Щорс Щолкіне Зіньків Гадяч Вільнянськ Ґорґани Хорошів
Святогірськ Докучаєвськ Старобільськ Новоайдар Зугрес Шахтарськ Сніжне Хрестівка Чистякове
"""
UKRAINIAN_NAMES = [name.replace("_", " ") for name in UKRAINIAN_PLACES.split()]


def test_the_kmu_list_is_long_enough() -> None:
    assert len(set(UKRAINIAN_NAMES)) >= 100


@pytest.mark.parametrize("name", UKRAINIAN_NAMES, ids=UKRAINIAN_NAMES)
def test_romanize_uk_is_kmu_2010_as_translitua_writes_it(name: str) -> None:
    translitua = pytest.importorskip("translitua")
    assert romanize(name, "uk") == translitua.translit(name, translitua.UkrainianKMU)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Київ", "Kyiv"),
        ("Згурівка", "Zghurivka"),
        ("Єнакієве", "Yenakiieve"),
        ("Їжаківка", "Yizhakivka"),
        ("Йосипівка", "Yosypivka"),
        ("Юнаківка", "Yunakivka"),
        ("Яготин", "Yahotyn"),
        ("Знам'янка", "Znamianka"),
        ("Знам\u02bcянка", "Znamianka"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Щастя", "Shchastia"),
        ("Ґорґани", "Gorgany"),
        ("Нова Каховка", "Nova Kakhovka"),
        ("Мирноград", "Myrnohrad"),
        ("ЩАСТЯ", "SHCHASTIA"),
        ("ЄНАКІЄВЕ", "YENAKIIEVE"),
        ("м. Київ, вул. Хрещатик", "m. Kyiv, vul. Khreshchatyk"),
        ("Kyiv (Київ)", "Kyiv (Kyiv)"),
    ],
    ids=lambda value: value,
)
def test_romanize_uk(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic, "uk") == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Красноармейск", "Krasnoarmeysk"),
        ("Дмитров", "Dmitrov"),
        ("Ростов-на-Дону", "Rostov-na-Donu"),
        ("Нижний Новгород", "Nizhniy Novgorod"),
        ("Красный Лиман", "Krasnyy Liman"),
        ("Запорожье", "Zaporozhye"),
        ("Енакиево", "Yenakiyevo"),
        ("Макеевка", "Makeyevka"),
        ("Славянск", "Slavyansk"),
        ("Львов", "Lvov"),
        ("Харьков", "Kharkov"),
        ("Мариуполь", "Mariupol"),
        ("Белая Церковь", "Belaya Tserkov"),
        ("Хмельницкий", "Khmelnitskiy"),
        ("Днепропетровск", "Dnepropetrovsk"),
        ("Ясиноватая", "Yasinovataya"),
        ("Подъячево", "Podyachevo"),
        ("Щёлково", "Shcholkovo"),
        ("Королёв", "Korolyov"),
        ("Ёлкино", "Yolkino"),
        ("Сыктывкар", "Syktyvkar"),
        ("Энергодар", "Energodar"),
        ("Мытищи", "Mytishchi"),
        ("Екатеринбург", "Yekaterinburg"),
        ("Киев", "Kiyev"),  # the press form Kiev is an alias-table row
    ],
    ids=lambda value: value,
)
def test_romanize_ru(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic, "ru") == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Магілёў", "Mahilioŭ"),
        ("Гомель", "Homieĺ"),
        ("Віцебск", "Viciebsk"),
        ("Брэст", "Brest"),
        ("Гродна", "Hrodna"),
        ("Мінск", "Minsk"),
        ("Маладзечна", "Maladziečna"),
        ("Баранавічы", "Baranavičy"),
        ("Ельск", "Jeĺsk"),
        ("Іўе", "Iŭje"),
        ("Хойнікі", "Chojniki"),
        ("Смаргонь", "Smarhoń"),
        ("Жлобін", "Žlobin"),
    ],
    ids=lambda value: value,
)
def test_romanize_be_national_2007(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic, "be") == latin


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Покровськ", "Pokrovsk"),  # detected Ukrainian (-ськ)
        ("Київ", "Kyiv"),
        ("Киев", "Kiyev"),  # no marker letter: read as Russian
        ("Магілёў", "Mahilioŭ"),
        ("Αθήνα", "Athena"),
        ("Kraków", "Kraków"),  # Latin comes back as clean() leaves it
        ("  Pokr\u043evsk ", "Pokrovsk"),
        ("Ternopil\u2019", "Ternopil'"),
    ],
    ids=lambda value: value,
)
def test_romanize_detects_the_language(text: str, latin: str) -> None:
    assert romanize(text) == latin


def test_romanize_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="'sr'"):
        romanize("Београд", "sr")


@pytest.mark.parametrize("name", UKRAINIAN_NAMES, ids=UKRAINIAN_NAMES)
def test_the_kmu_romanisation_keeps_the_keys(name: str) -> None:
    latin = romanize(name, "uk")
    if cyrillic_language(name) == "uk":
        assert keys(latin)[1:] == keys(name)[1:]
    else:
        # Read as Russian (Мирноград -> mirnograd): meets the KMU form at the cross key.
        assert cross_key(latin) == cross_key(name)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúàèäöüçñøłšžčß"
#: а..я, ё, є, і, ї, ґ, ў
CYRILLIC_LETTERS = "".join(map(chr, range(0x0430, 0x0450))) + "\u0451\u0454\u0456\u0457\u0491\u045e"
APOSTROPHES = [
    "\u2019",  # RIGHT SINGLE QUOTATION MARK
    "\u2018",  # LEFT SINGLE QUOTATION MARK
    "\u02bc",  # MODIFIER LETTER APOSTROPHE
    "\u02b9",  # MODIFIER LETTER PRIME
    "\u2032",  # PRIME
    "`",  # GRAVE ACCENT
    "\u00b4",  # ACUTE ACCENT
    "\uff07",  # FULLWIDTH APOSTROPHE
    "\u201b",  # SINGLE HIGH-REVERSED-9 QUOTATION MARK
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\ufe0f"]
#: (Latin, Cyrillic) letters that look alike.
LOOK_ALIKES = [
    ("a", "\u0430"),
    ("c", "\u0441"),
    ("e", "\u0435"),
    ("i", "\u0456"),
    ("o", "\u043e"),
    ("p", "\u0440"),
    ("x", "\u0445"),
    ("y", "\u0443"),
    ("A", "\u0410"),
    ("B", "\u0412"),
    ("C", "\u0421"),
    ("E", "\u0415"),
    ("H", "\u041d"),
    ("K", "\u041a"),
    ("M", "\u041c"),
    ("O", "\u041e"),
    ("P", "\u0420"),
    ("T", "\u0422"),
    ("X", "\u0425"),
]
ALL_FUNCTIONS = [clean, exact_key, ascii_key, match_key, cross_key, cyrillic_language, romanize]
KEY_FUNCTIONS = [exact_key, ascii_key, match_key, cross_key]


def _words(alphabet: str) -> st.SearchStrategy[str]:
    """A capitalised word of one script, sometimes with an apostrophe inside (Kam'ianske)."""
    letters = st.text(alphabet, min_size=1, max_size=10)
    return st.tuples(letters, st.lists(letters, max_size=1)).map(
        lambda parts: "'".join([parts[0], *parts[1]]).capitalize()
    )


#: Place-name-like text: words of one script each, joined by spaces, hyphens or ". ".
names = st.lists(
    st.one_of(_words(LATIN_LETTERS), _words(CYRILLIC_LETTERS), st.text("0123456789", min_size=1)),
    min_size=1,
    max_size=4,
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "-", ". "]), min_size=len(words) - 1, max_size=len(words) - 1
    ).map(lambda seps: "".join(w + s for w, s in zip(words, [*seps, ""], strict=True)))
)


@pytest.mark.parametrize("function", ALL_FUNCTIONS, ids=lambda f: f.__name__)
@given(text=st.text())
def test_no_function_raises(function: object, text: str) -> None:
    assert callable(function)
    function(text)


@pytest.mark.parametrize("lang", ["uk", "ru", "be", None])
@given(text=st.text())
def test_romanize_never_raises(lang: str | None, text: str) -> None:
    assert isinstance(romanize(text, lang), str)


@given(text=st.text())
def test_clean_is_idempotent_and_nfc(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once


@given(text=st.text())
def test_exact_key_is_idempotent(text: str) -> None:
    key = exact_key(text)
    assert exact_key(key) == key


@given(text=st.text())
def test_ascii_key_is_idempotent_ascii(text: str) -> None:
    key = ascii_key(text)
    assert re.fullmatch("[a-z0-9]*", key)
    assert ascii_key(key) == key


@given(text=st.text())
def test_higher_keys_are_functions_of_the_ascii_key(text: str) -> None:
    l1 = ascii_key(text)
    assert match_key(l1) == match_key(text)
    assert cross_key(l1) == cross_key(text)


@given(text=st.text())
def test_match_key_ignores_the_normal_form(text: str) -> None:
    assert match_key(unicodedata.normalize("NFD", text)) == match_key(text)
    assert cross_key(unicodedata.normalize("NFD", text)) == cross_key(text)


@given(text=st.text())
def test_keys_ignore_surrounding_white_space(text: str) -> None:
    assert keys(f" \t\u00a0{text}\u3000\n ") == keys(text)


@pytest.mark.parametrize("function", KEY_FUNCTIONS, ids=lambda f: f.__name__)
@given(text=names)
def test_keys_ignore_case(function: object, text: str) -> None:
    assert callable(function)
    assert function(text.upper()) == function(text) == function(text.lower())


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
@given(text=names)
def test_keys_ignore_the_normal_form(form: str, text: str) -> None:
    assert keys(unicodedata.normalize(form, text)) == keys(text)


@given(text=names, apostrophe=st.sampled_from(APOSTROPHES))
def test_keys_ignore_apostrophe_look_alikes(text: str, apostrophe: str) -> None:
    assert keys(text.replace("'", apostrophe)) == keys(text)


@given(text=names, data=st.data())
def test_keys_ignore_invisible_characters(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from(INVISIBLE))
    assert keys(text[:at] + invisible + text[at:]) == keys(text)


@given(text=st.text(), data=st.data())
def test_keys_ignore_invisible_characters_anywhere(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from(INVISIBLE))
    assert keys(text[:at] + invisible + text[at:]) == keys(text)


@given(
    word=st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12),
    capital=st.booleans(),
    data=st.data(),
)
def test_one_cyrillic_homoglyph_in_a_latin_word_changes_nothing(
    word: str, capital: bool, data: st.DataObject
) -> None:
    word = word.capitalize() if capital else word
    swappable = [i for i, ch in enumerate(word) if ch in dict(LOOK_ALIKES)]
    assume(swappable)
    at = data.draw(st.sampled_from(swappable))
    spoofed = word[:at] + dict(LOOK_ALIKES)[word[at]] + word[at + 1 :]
    assert clean(spoofed) == word
    assert keys(f"{spoofed} Town") == keys(f"{word} Town")


@given(
    word=st.text(CYRILLIC_LETTERS, min_size=3, max_size=12),
    capital=st.booleans(),
    data=st.data(),
)
def test_one_latin_homoglyph_in_a_cyrillic_word_changes_nothing(
    word: str, capital: bool, data: st.DataObject
) -> None:
    word = word.capitalize() if capital else word
    to_latin = {cyr: lat for lat, cyr in LOOK_ALIKES}
    swappable = [i for i, ch in enumerate(word) if ch in to_latin]
    assume(swappable)
    at = data.draw(st.sampled_from(swappable))
    spoofed = word[:at] + to_latin[word[at]] + word[at + 1 :]
    assert clean(spoofed) == word
    assert keys(spoofed) == keys(word)
