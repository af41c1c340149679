"""Names of the gazetteer in running text: the places a run of words may name.

The longest name at a word, its inflected and derived forms (Ukrainian and Russian), region
abbreviations, regions of the world and first-level regions named by a phrase.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from toponyms._gazetteer import postings
from toponyms._inflect import nominatives
from toponyms._text import _GAP, STRONG, Span, Words, _fold, _script_lang

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer

#: Longest name, in words, looked for.
MAX_WORDS = 6

#: A city of at least this many people is known by its name, even when the name is a frequent
#: word ("London", "Edmonton"); a smaller one needs evidence ("Nice", "Reading", "Bath").
PROMINENT = 500_000

#: Countries whose regions and fronts are named after their cities so ("Сумщина").
_LANDS = frozenset({"UA", "RU", "BY"})

#: "Сумщина", "Харківщині", "Луганщину": the land around a city.
_LAND = re.compile(r"^(?P<stem>[^\W\d_]{3,}?)щин(?:а|і|у|ою|и)$")

#: "Покровському", "Бахмутского": an adjective made from a city name.
_ADJECTIVE = re.compile(r"^(?P<stem>[^\W\d_]{3,}?)сь?к(?:ому|ого|ий|ім|ом|ая|ой|ое|ої|ій)$")


def first_name(gaz: Gazetteer, row: int) -> bool:
    """Whether a name row ranks first.

    Curated names, display names and the head of a display name before a comma ("Washington"
    of "Washington, D.C.") do; other GeoNames names do not.
    """
    if gaz.is_curated(row) or gaz.is_display_name(row):
        return True
    display = gaz.places[gaz.name_place[row]].name
    return "," in display and display.split(",", 1)[0].casefold() == gaz.name_text[row].casefold()


class Lookup(Words):
    """Words plus the gazetteer's names: what places a word or run of words may be."""

    def longest(self, i: int) -> tuple[int, str] | None:
        """The last token and key of the longest name starting at token ``i``."""
        text, tokens, exact = self.text, self.tokens.spans, self.gaz.exact
        prefixes = self.names.prefixes
        start = tokens[i][0]
        best: tuple[int, str] | None = None
        gap_match = _GAP.fullmatch
        for j in range(i, min(len(tokens), i + MAX_WORDS)):
            if j > i and not gap_match(text, tokens[j - 1][1], tokens[j][0]):
                break
            key = _fold(text[start : tokens[j][1]])
            if key in exact:
                best = (j, key)
            elif key + "." in exact and text.startswith(".", tokens[j][1]):
                best = (j, key + ".")  # "St." and "Mt." end with their dot
            if key not in prefixes and key + "." not in prefixes:
                break
        return best

    def places_of(self, key: str, tier_base: int = 0) -> dict[int, tuple[int, int]]:
        gaz = self.gaz
        out: dict[int, tuple[int, int]] = {}
        for where, row in self.names.heads.get(key, ()):
            out[where] = (tier_base, row)
        for row in postings(gaz.exact, key):
            where = gaz.name_place[row]
            tier = tier_base or (0 if first_name(gaz, row) else 1)
            old = out.get(where)
            if old is None or tier < old[0]:
                out[where] = (tier, row)
        return out

    def inflected(self, i: int) -> tuple[int, dict[int, tuple[int, int]]] | None:
        """Places an inflected Cyrillic name at token ``i`` (one or two words) may be."""
        word = self.tokens[i][2]
        if i + 1 < len(self.tokens) and self.text[self.tokens[i][1] : self.tokens[i + 1][0]] == "-":
            compound = self.text[self.tokens[i][0] : self.tokens[i + 1][1]]  # "Нью-Йорку"
            for form in nominatives(compound):
                if form in self.gaz.exact:
                    return i + 1, self.places_of(form, 2)
        firsts = nominatives(word)
        if not firsts:
            return None
        exact = self.gaz.exact
        if i + 1 < len(self.tokens) and self.text[self.tokens[i][1] : self.tokens[i + 1][0]] == " ":
            # "Донецької області", "Часового Яру": both words inflected
            seconds = nominatives(self.tokens[i + 1][2]) or (self.tokens[i + 1][2].lower(),)
            designations = self.lex.cues["designation"]
            for a in firsts:
                for b in seconds:
                    if f"{a} {b}" in exact:
                        return i + 1, self.places_of(f"{a} {b}", 2)
                    if b in designations:  # "Харківській області": by its folded keys
                        regions = self.region_places(f"{a} {b}")
                        if regions:
                            return i + 1, {w: (2, row) for w, (_t, row) in regions.items()}
        for form in firsts:
            if form in exact:
                return i, self.places_of(form, 2)
        return None

    def derived(self, i: int) -> tuple[int, dict[int, tuple[int, int]]] | None:
        """Places a Ukrainian or Russian word derived from a city name stands for.

        "на Сумщині" (the land of Sumy): the city's region. "на Покровському напрямку" (the
        Pokrovsk axis): the city.
        """
        low = self.tokens[i][2].lower()
        gaz = self.gaz
        land = _LAND.match(low)
        if land is not None:
            for city in self._cities(land["stem"], ("", "и", "ськ", "а", "ів"), _LANDS):
                code = gaz.places[city].admin1_code
                region = gaz.region_by_code.get(code or "")
                if region is not None:
                    names = gaz.names_of(region)
                    return i, {region: (2, names[0] if names else 0)}
        axis = _ADJECTIVE.match(low)
        followed = (
            i + 1 < len(self.tokens) and self.tokens[i + 1][2].lower() in self.lex.cues["axis"]
        )
        if axis is not None and followed:
            cities = self._cities(axis["stem"], ("ськ", "ск", "", "е", "ове"), _LANDS)
            if cities:
                return i + 1, {w: (2, r) for w, r in self._rows_of(cities).items()}
        return None

    def _cities(self, stem: str, endings: tuple[str, ...], countries: frozenset[str]) -> list[int]:
        """Cities of these countries named by a stem and an ending (the first ending that fits)."""
        gaz = self.gaz
        for ending in endings:
            rows = postings(gaz.exact, stem + ending)
            cities = [
                gaz.name_place[r]
                for r in rows
                if gaz.places[gaz.name_place[r]].kind.value == "city"
                and gaz.places[gaz.name_place[r]].country in countries
            ]
            if cities:
                return list(dict.fromkeys(cities))
        return []

    def _rows_of(self, places: list[int]) -> dict[int, int]:
        gaz = self.gaz
        return {w: (gaz.names_of(w) or [0])[0] for w in places}

    def region_places(self, phrase: str) -> dict[int, tuple[int, int]]:
        """The first-level regions a phrase names.

        By its exact key, as a qualifier ("Kharkiv region"), or by a folded key ("Харківська
        область").
        """
        from toponyms._normalize import keys

        gaz = self.gaz
        out: dict[int, tuple[int, int]] = {}
        for row in postings(gaz.exact, _fold(phrase)):
            where = gaz.name_place[row]
            if gaz.places[where].kind.value == "region":
                out[where] = (0, row)
        if out or self.resolver is None:
            return out
        for constraint in self.resolver._search.parse_qualifier(phrase):
            where_or_none = gaz.region_by_code.get(constraint.admin1 or "")
            if where_or_none is not None:
                names = gaz.names_of(where_or_none)
                if names:
                    out[where_or_none] = (0, names[0])
        if out:
            return out
        for key in dict.fromkeys(keys(phrase)[1:]):
            for row in postings(gaz.fold, key) if key else ():
                where = gaz.name_place[row]
                if gaz.places[where].kind.value == "region" and where not in out:
                    out[where] = (2, row)
        return out

    def region_abbreviation(self, i: int) -> int | None:
        """Add a region abbreviation at token ``i`` ("Paris, Ky.", "in B.C."); its last token."""
        start, _end, word = self.tokens[i]
        forms = self.names.region_forms.get(word)
        if not forms:
            return None
        before = self.text[max(0, start - 2) : start]
        if word.count(".") >= 2:  # "B.C.", "N.Y.": no other word is written so
            if i and self.tokens[i - 1][1] > start - 3 and before.strip()[-1:].isdigit():
                return None  # "500 B.C."
        elif before != ", " and not (self.cue_before(i, "locative") and self.informative(i)):
            return None
        for form, code in forms:
            stop = start + len(form)
            if self.text.startswith(form, start) and not self.text[stop : stop + 1].isalnum():
                gaz = self.gaz
                places = {gaz.name_place[r]: (0, r) for r in postings(gaz.codes, code)}
                if not places:
                    return None
                last = i
                while last + 1 < len(self.tokens) and self.tokens[last + 1][1] <= stop:
                    last += 1
                span = Span(start, stop, form, _fold(form), places, evidence=STRONG)
                self.spans.append(span)
                return last
        return None

    def _abbreviation(self, i: int) -> Span | None:
        start, end, word = self.tokens[i]
        if word not in self.lex.cues["abbreviation"]:
            return None
        # Capitals in a shouted line are words ("LET US GO"), not a country.
        for k in (i - 1, i + 1):
            if 0 <= k < len(self.tokens):
                other = self.tokens[k][2]
                if (
                    other.isupper()
                    and len(other) > 1
                    and other not in self.lex.cues["abbreviation"]
                ):
                    return None
        gaz = self.gaz
        rows = postings(gaz.codes, word) if word.isascii() else postings(gaz.exact, word.lower())
        places = {gaz.name_place[r]: (0, r) for r in rows}
        if not places:
            return None
        return Span(start, end, word, word, places, evidence=STRONG)

    def world_region(self, i: int, phrases: list[str]) -> int | None:
        """Add a region of the world or a sea at token ``i`` ("Asia", "Middle East")."""
        start = self.tokens[i][0]
        low = self.text[start : start + len(phrases[0]) + 1].lower()
        for phrase in phrases:
            stop = start + len(phrase)
            if low.startswith(phrase.lower()) and not self.text[stop : stop + 1].isalnum():
                last = i
                while last + 1 < len(self.tokens) and self.tokens[last + 1][1] <= stop:
                    last += 1
                if not self.text[start].isupper():
                    return None
                words = self.text[start:stop]
                self.spans.append(
                    Span(start, stop, words, _fold(words), {}, evidence=STRONG, certain=True)
                )
                return last
        return None

    def prominent(self, places: dict[int, tuple[int, int]]) -> bool:
        """Whether a name is the current name of a country, a region or a large city.

        Then its frequency comes from the place ("London", "Canada"), not from a common word.
        """
        gaz = self.gaz
        for where, (tier, _row) in places.items():
            record = gaz.places[where]
            if tier <= 1 and (
                record.kind.value in ("country", "region") or record.population >= PROMINENT
            ):
                return True
        return False

    def is_frequent(self, key: str, word: str) -> bool:
        frequent = self.lex.frequent
        return any(key in frequent.get(x, ()) for x in _script_lang(word, self.lang))

    def _fits(
        self, places: dict[int, tuple[int, int]], within: list[tuple[str | None, str | None]]
    ) -> bool:
        gaz = self.gaz
        for where in places:
            record = gaz.places[where]
            for country, admin1 in within:
                if (country is None or country == record.country) and (
                    admin1 is None or admin1 == record.admin1_code
                ):
                    return True
        return False
