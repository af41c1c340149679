"""Nominative forms of inflected Ukrainian and Russian place names ("у Мирнограді" -> Мирноград).

Ending rules, written from the grammar (see shared MORPHOLOGY notes): each oblique ending maps to
the nominative endings it may come from. The forms are guesses, checked against the gazetteer's
keys by the caller, so a rule may over-generate but must not miss a common pattern.
"""

from __future__ import annotations

from functools import lru_cache

#: Oblique ending -> nominative endings, longest endings first. Nouns (masculine -o/-e stems
#: after consonants, feminine -а/-я, neuter -е/-о) and the adjectival names (Покровське,
#: Курахове, Донецька область).
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # adjectival declension (uk, ru): Покровського, Роботиному, Донецької, Донецькій, Херсонской
    ("ського", ("ське", "ськ", "ський")),
    ("ському", ("ське", "ськ", "ський")),
    ("ськім", ("ське", "ськ", "ський")),
    ("ской", ("ская", "ск", "ское", "ский")),
    ("ского", ("ское", "ск", "ский")),
    ("скому", ("ское", "ск", "ский")),
    ("ском", ("ское", "ск", "ский")),
    ("ової", ("ова",)),
    ("евої", ("ева",)),
    ("ого", ("е", "ий", "ой", "ое", "ый")),
    ("ому", ("е", "ий", "ое", "ый")),
    ("ему", ("е", "ий")),
    ("ими", ("і", "е")),
    ("ими", ("ы",)),
    ("ої", ("а",)),
    ("ій", ("а", "ий", "я")),
    ("ою", ("а",)),
    ("ею", ("я", "а")),
    ("єю", ("я",)),
    ("ой", ("а", "ая")),
    ("ым", ("ый", "ое", "ы")),
    ("им", ("ий", "е", "и")),
    ("ом", ("", "о", "е")),
    ("ем", ("ь", "е", "")),
    ("ам", ("а", "ы", "и")),
    ("ах", ("ы", "и", "а")),
    ("ях", ("і", "и", "я")),
    ("ці", ("ка",)),
    ("зі", ("га",)),
    ("сі", ("ха",)),
    ("ке", ("ка",)),
    # nouns: Мирнограді, Андріївки, Краматорську, Бахмута, Одесу, Запоріжжі, Києві, Херсоне
    ("і", ("", "а", "я", "ь", "е", "и", "о")),
    ("и", ("а", "и", "", "ь")),
    ("ы", ("а", "ы")),
    ("у", ("", "а", "о")),
    ("ові", ("",)),
    ("ю", ("я", "ь")),
    ("а", ("", "о", "е")),
    ("я", ("ь", "е", "я")),
    ("е", ("", "а", "я", "ь")),
    ("ї", ("я",)),
)

#: Ukrainian masculine names close their last syllable with і/ї in the nominative and open it to
#: о/е/є in the other cases: Харкова -> Харків, Львова -> Львів, Києва -> Київ, Борисполя ->
#: Бориспіль, Миколаєва -> Миколаїв.
_ALTERNATION = {"о": "і", "е": "і", "є": "ї"}

_CYRILLIC_LOWER = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэ'-")


@lru_cache(maxsize=65_536)
def nominatives(word: str) -> tuple[str, ...]:
    """Possible nominative forms of a Cyrillic word in an oblique case (lower case, best first).

    Args:
        word: One word, any case.

    Returns:
        Candidate forms, without the word itself; empty for a word that is not Cyrillic or is
        shorter than four letters.

    Examples:
        >>> "мирноград" in nominatives("Мирнограді"), "харків" in nominatives("Харкова")
        (True, True)
        >>> "покровське" in nominatives("Покровського"), "київ" in nominatives("Києві")
        (True, True)
    """
    low = word.lower()
    if len(low) < 4 or not set(low) <= _CYRILLIC_LOWER:
        return ()
    out: list[str] = []
    for ending, bases in _ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = low[: -len(ending)]
        for base in bases:
            out.append(stem + base)
            if not base or base == "ь":
                # a closed syllable: Харков- -> Харків, Борисполь -> Бориспіль
                vowel = stem[-2:-1]
                if vowel in _ALTERNATION and stem[-1] not in "аеєиіїоуюяь":
                    out.append(stem[:-2] + _ALTERNATION[vowel] + stem[-1] + base)
    return tuple(dict.fromkeys(f for f in out if f != low))
