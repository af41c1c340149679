"""Place names in running text: ``find()`` and the ``Mention`` it returns.

Words are read left to right; at each capitalised word the longest run of words that is a name
of the gazetteer (or an inflected form of one) is a candidate. Rules over the words around it
(cue words, capitalisation, demonyms, frequent words, person names) keep or drop it, and
``_context`` decides the places of all kept candidates together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from toponyms._context import (
    AMBIGUOUS_GAP,
    SAME_PLACE_KM,
    Decision,
    Evidence,
    Geography,
    decide,
    distance_km,
)
from toponyms._errors import InvalidHintError, InvalidNameError
from toponyms._gazetteer import postings
from toponyms._lexicon import lexicon
from toponyms._lookup import PROMINENT, Lookup
from toponyms._text import (
    _GAP,
    CASELESS_SHARE,
    CASELESS_WORDS,
    MEDIUM,
    STRONG,
    WEAK,
    Span,
    _fold,
)

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer
    from toponyms._models import Match
    from toponyms._query import Query
    from toponyms._resolver import Resolver

__all__ = ["Mention", "find"]

#: Longest text ``find`` reads.
MAX_TEXT = 50_000_000


@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention in a text.

    Attributes:
        start: Offset of the first character of the mention in the text as given.
        end: Offset just past its last character: ``text[start:end]`` is the mention.
        text: The mention as written.
        match: The place it names, decided in the context of the whole text; ``None`` when the
            words are certainly a place that the gazetteer does not know ("Metcalfe County").
        demonym: True for a demonym or adjective ("Turkish"), reported only when asked for;
            its ``match`` is the country.

    Examples:
        >>> from toponyms import find
        >>> m = find("Shelling hit Kramatorsk overnight.")[0]
        >>> m.start, m.end, m.text, m.match.place.name
        (13, 23, 'Kramatorsk', 'Kramatorsk')
    """

    start: int
    end: int
    text: str
    match: Match | None
    demonym: bool = False


#: Words that never begin the name of a street (articles, pronouns, prepositions).
_NOT_STREET = frozenset(
    (
        *("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "our"),
        *("their", "my", "your", "in", "on", "at", "by", "for", "to", "from", "with", "of"),
        *("and", "or", "but", "if", "as"),
    )
)


class _Scanner(Lookup):
    """One pass over one text: the rules that keep or drop a candidate, and the pass."""

    # -- the words around a token ---------------------------------------------------------

    # -- names ------------------------------------------------------------------------------

    # -- the rules --------------------------------------------------------------------------

    def qualifier_after(self, j: int) -> tuple[int, list[tuple[str | None, str | None]]] | None:
        """The qualifier after token ``j`` ("X, Donetsk Oblast"): its last token, what it allows.

        Not in a list of places: "Donetsk, Luhansk and Kharkiv".
        """
        tokens, text = self.tokens, self.text
        if j + 1 >= len(tokens):
            return None
        gap = text[tokens[j][1] : tokens[j + 1][0]]
        if gap not in (", ", " (", ",", " ,"):
            return None
        index = self.gaz.qualifiers
        k = j + 1
        if not tokens[k][2][0].isupper():
            return None
        for form, code in self.names.region_forms.get(tokens[k][2], ()):
            if text.startswith(form, tokens[k][0]):
                rows = postings(self.gaz.codes, code)
                records = [self.gaz.places[self.gaz.name_place[r]] for r in rows]
                return k, [(r.country, r.admin1_code) for r in records]  # "Lexington, Ky."
        best: tuple[int, list[tuple[str | None, str | None]]] | None = None
        for last in range(k, min(len(tokens), k + 3)):
            if last > k and not _GAP.fullmatch(text[tokens[last - 1][1] : tokens[last][0]]):
                break
            piece = text[tokens[k][0] : tokens[last][1]]
            found = index.get(_fold(piece))
            if found:
                best = (last, list(found))
            elif last > k:
                regions = self.region_places(piece)
                if regions:
                    records = [self.gaz.places[w] for w in regions]
                    best = (last, [(r.country, r.admin1_code) for r in records])
        if best is None:
            return None
        if best[0] + 1 < len(tokens) and self.capitalised(best[0] + 1):
            between = text[tokens[best[0]][1] : tokens[best[0] + 1][0]].strip()
            if between in (",", "and", "та", "і", "й", "и", "or", "або", "или"):
                return None  # "Donetsk, Luhansk and Kharkiv": a list, not a qualifier
        return best

    def street(self, i: int, last: int) -> int | None:
        """Add a street or site named by words ``i..last`` ("Hertford Road"); its last token.

        It is a place the gazetteer lacks: its match is ``None``.
        """
        k = self.designation_after(last, "street")
        first = self.tokens[i][2]
        # "Church Street", "Park Road" name streets; "The Road", "In Park" do not.
        if k is None or (first in self.lex.cues["never"] and first.lower() in _NOT_STREET):
            return None
        start, end = self.tokens[i][0], self.tokens[k][1]
        phrase = self.text[start:end]
        self.spans.append(
            Span(start, end, phrase, _fold(phrase), {}, evidence=STRONG, certain=True)
        )
        return k

    def evidence(self, i: int, j: int, key: str, places: dict[int, tuple[int, int]]) -> int | None:
        """How sure the words around it make a candidate, or ``None`` to drop it."""
        word = self.tokens[i][2]
        if self.cue_before(i, "settlement") or self.dateline(i, j):
            return STRONG
        single = i == j
        never = self.lex.cues["never"]
        if single and (word in never or (not word.isascii() and word.lower() in never)):
            return None
        if self.cue_before(i, "title"):
            if single:
                self.persons.add(word)
            return None
        countries = any(self.gaz.places[w].kind.value == "country" for w in places)
        first_name = single and not countries and self.adjacent_capital(j, 1)
        if first_name and self.tokens[j + 1][2] in self.people:
            self.persons.add(word)  # "Vladimir Putin", "Georgia Stevens": a first name
            return None
        informative = self.informative(i)
        locative = self.cue_before(i, "locative")
        if single and self.is_frequent(key, word) and not self.prominent(places):
            isolated = not self.adjacent_capital(i, -1) and not self.adjacent_capital(j, 1)
            if informative and locative:
                return MEDIUM  # "in Nice"
            if informative and isolated:
                return WEAK  # "met Obama": kept only if the text backs the place
            return None
        after_capital = self.adjacent_capital(i, -1)
        if single and informative and after_capital and self._person_like(i, places):
            return None
        if single and all(tier for tier, _row in places.values()) and self.adjacent_capital(j, 1):
            return None  # "Stoke Newington": a GeoNames alternate word inside a longer name
        return MEDIUM if locative or not single else WEAK

    def _person_like(self, i: int, places: dict[int, tuple[int, int]]) -> bool:
        """Whether the name at token ``i`` is a surname: "George Washington".

        It is when the capitalised word before it is neither a place, a cue nor a demonym.
        """
        gaz = self.gaz
        if any(gaz.places[w].kind.value == "country" for w in places):
            return False
        prev = self.tokens[i - 1][2]
        cues = self.lex.cues
        if prev in cues["never"] or prev in cues["locative"] or prev.lower() in cues["locative"]:
            return False
        if self.demonym(i - 1) is not None:
            return False
        if self.spans and self.spans[-1].end == self.tokens[i - 1][1]:
            return False  # "Kyiv Kharkiv highway": the word before is a place
        if not self.prominent(places):
            # "Jenny Palma ... Palma said": a surname elsewhere in the text too. Not so a
            # well-known place: "CBC Toronto" says nothing of "in Toronto".
            self.persons.add(self.tokens[i][2])
        return True

    # -- the pass ---------------------------------------------------------------------------

    def scan(self, resolver: Resolver) -> list[Span]:
        """The candidate spans of the text, in order, none overlapping."""
        tokens = self.tokens
        text, starts, upper = self.text, tokens.spans, str.isupper
        heads = self.names.stem_heads
        doubtful: list[Span] = []
        # Text written without capitals (chat, some tweets): every word may start a name.
        capitals = sum(1 for a, _b in starts if upper(text[a]))
        self.caseless = len(starts) >= CASELESS_WORDS and capitals <= len(starts) * CASELESS_SHARE
        i = 0
        while i < len(tokens):
            first = starts[i][0]
            if not upper(text[first]) and not self.caseless:
                if text[first] >= "\u0400" and text[first : first + 4] in heads:
                    self.lower_demonym(i)  # "російські", "украинский": adjectives in lower case
                i += 1
                continue
            found = self.candidate(i, resolver, doubtful)
            if found is None:
                i += 1
                continue
            i = found + 1
        spans = self.spans
        persons = self.persons | self.people
        if persons:
            spans = [s for s in spans if s.evidence >= STRONG or s.text not in persons]
        if doubtful:
            # A frequent word at a sentence start is a place if the text names it elsewhere.
            kept = {s.key for s in spans if not s.demonym}
            spans = sorted(spans + [s for s in doubtful if s.key in kept], key=lambda s: s.start)
        return spans

    def candidate(self, i: int, resolver: Resolver, doubtful: list[Span]) -> int | None:
        """Add the span starting at token ``i``, if any; return its last token."""
        start, end, word = self.tokens[i]
        if len(word) <= 3 and word.isupper():
            # Short capitals are codes: a country only from the list ("US", "UK"), else
            # nothing ("BA" the airline is not Bath).
            span = self._abbreviation(i)
            if span is not None:
                self.spans.append(span)
                return i
            return None
        world = self.names.world.get(word.lower())
        if world:
            last = self.world_region(i, world)
            if last is not None:
                return last
        if word in self.names.region_forms:
            abbreviated = self.region_abbreviation(i)
            if abbreviated is not None:
                return abbreviated
        folded = _fold(word)
        prefixes = self.names.prefixes
        found = None
        if folded in self.gaz.exact or folded in prefixes or folded + "." in prefixes:
            found = self.longest(i)
        if i + 1 < len(self.tokens) and self.adjacent_capital(i, 1):
            pair = self.text[start : self.tokens[i + 1][1]]
            code = self.lex.demonyms.get(pair)
            if code is not None and (found is None or found[0] <= i + 1):
                self.spans.append(
                    Span(start, start + len(pair), pair, _fold(pair), {}, demonym=code)
                )
                return i + 1  # "South African", "North Korean"
        compass = self.lex.cues["compass"]
        if (found is None or found[0] == i) and word in compass and self.adjacent_capital(i, 1):
            inner = self.compass(i, resolver, doubtful)
            if inner is not None:
                return inner
        demonym = self.demonym(i)
        places: dict[int, tuple[int, int]] | None = None
        if found is not None and (found[0] > i or demonym is None):
            j, key = found
            places = self.places_of(key)
        elif demonym is not None:
            self.spans.append(Span(start, end, word, word.casefold(), {}, demonym=demonym))
            return i
        elif not word.isascii():
            inflected = self.derived(i) or self.inflected(i)
            if inflected is not None:
                j, places = inflected
                key = _fold(self.text[start : self.tokens[j][1]])
        if places is None:
            return self._unknown(i)
        return self._named(i, j, key, places, doubtful)

    def _named(
        self,
        i: int,
        j: int,
        key: str,
        places: dict[int, tuple[int, int]],
        doubtful: list[Span],
    ) -> int | None:
        """Add the name of tokens ``i..j`` if the rules keep it; return its last token."""
        start, word = self.tokens[i][0], self.tokens[i][2]
        street = self.street(i, j)
        if street is not None:
            return street
        designation = self.designation_after(j)
        if designation is not None:
            return self._designated(i, designation)
        if self.caseless and not word[0].isupper():
            # without capitals: names of four letters or more, current ones or of a town of
            # 50,000 people, and no word of the never list
            if len(word) < 4 or word.capitalize() in self.lex.cues["never"]:
                return None
            gaz = self.gaz
            places = {
                w: v
                for w, v in places.items()
                if v[0] != 1 or gaz.places[w].population >= SMALL_PLACE
            }
            if not places:
                return None
        evidence = self.evidence(i, j, key, places)
        span = Span(start, self.tokens[j][1], self.text[start : self.tokens[j][1]], key, places)
        qualifier = self.qualifier_after(j)
        if qualifier is not None:
            span.within = qualifier[1]
            if evidence is None or evidence < STRONG:
                evidence = STRONG if self._fits(places, span.within) else evidence
        if evidence is None:
            if i == j and self.sentence_initial(i) and not word.isupper():
                span.evidence = MEDIUM
                doubtful.append(span)
            return None
        span.evidence = evidence
        span.settlement = self.cue_before(i, "settlement") or self.dateline(i, j)
        span.frequent = (
            i == j
            and evidence < STRONG
            and self.is_frequent(key, word)
            and not self.prominent(places)
        )
        self.spans.append(span)
        return j

    def compass(self, i: int, resolver: Resolver, doubtful: list[Span]) -> int | None:
        """Add the part of a place a compass word names ("North London"); its last token.

        The mention spans both words and names the place.
        """
        before = len(self.spans)
        last = self.candidate(i + 1, resolver, doubtful)
        if last is None or len(self.spans) == before:
            return None
        span = self.spans[-1]
        if not span.places or span.start != self.tokens[i + 1][0]:
            return last
        span.start = self.tokens[i][0]
        span.text = self.text[span.start : span.end]
        return last

    def _designated(self, i: int, last: int) -> int:
        """Add a name with a designation word ("Metcalfe County", "Donetsk region")."""
        start, end = self.tokens[i][0], self.tokens[last][1]
        phrase = self.text[start:end]
        places = self.region_places(phrase)
        word = self.tokens[last][2]
        if word.isascii() and word.islower() and places:
            # "the Kharkiv region", "Zhejiang province": the name is the mention, the word
            # after it only says which place of that name (Kharkiv Oblast, not the city).
            end = self.tokens[last - 1][1]
            phrase = self.text[start:end]
        span = Span(start, end, phrase, _fold(phrase), places, evidence=STRONG, certain=True)
        self.spans.append(span)
        return last

    def _unknown(self, i: int) -> int | None:
        """Add a capitalised word the gazetteer lacks, if it is a place for certain.

        It is after a settlement word or before a designation word ("the village of Foua",
        "Black Hawk County").
        """
        triggers = self.names.triggers
        spans, text = self.tokens.spans, self.text
        ahead = [text[a:b] for a, b in spans[i + 1 : i + 5]]
        if not any(w in triggers or w.lower() in triggers for w in ahead) and not self.cue_before(
            i, "settlement"
        ):
            return None
        last = i
        # A Cyrillic designation follows one adjective ("Покровського району"), an English one
        # may follow several words ("Black Hawk County").
        most = 3 if self.tokens[i][2].isascii() else 0
        while last + 1 < len(self.tokens) and last - i < most and self.adjacent_capital(last, 1):
            if self.designation_after(last) is not None or self.designation_after(last, "street"):
                break
            last += 1
        street = self.street(i, last)
        if street is not None:
            return street
        designation = self.designation_after(last)
        word = self.tokens[i][2]
        if designation is not None and word not in self.lex.cues["never"]:
            return self._designated(i, designation)
        if designation is None and self.cue_before(i, "settlement"):
            start, end = self.tokens[i][0], self.tokens[i][1]
            word = self.text[start:end]
            self.spans.append(
                Span(start, end, word, _fold(word), {}, evidence=STRONG, certain=True)
            )
            return i
        return None


# -- the public function ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text's candidate spans and their decided places (cached for ``resolve(context=)``)."""

    spans: tuple[Span, ...]
    decisions: tuple[Decision | None, ...]
    country: str | None
    evidence: Evidence


def _country_code(resolver: Resolver, country: object) -> str | None:
    if country is None:
        return None
    resolver._check_hints(country=country)
    constraints = resolver._search.hint_constraints(
        country if isinstance(country, str) else None, None
    )
    codes = [c.country for c in constraints or () if c.country]
    return codes[0] if codes else None


def _check_lang(lang: object) -> str | None:
    if lang is None:
        return None
    if not isinstance(lang, str) or not (2 <= len(lang) <= 3 and lang.isalpha()):
        raise InvalidHintError(hint="lang", value=lang, expected="a language code such as 'en'")
    return lang.lower()


#: Texts up to this many characters have their analysis remembered (the last 64 of them).
CACHED_TEXT = 1_000_000


def analyse(resolver: Resolver, text: str, country: str | None, lang: str | None) -> Analysis:
    """Find and decide the places of a text (remembered for the last texts analysed).

    A long text is analysed each time: 64 of them would hold much memory for little gain.
    """
    if len(text) > CACHED_TEXT:
        return _analyse(resolver, text, country, lang)
    return _cached_analyse(resolver, text, country, lang)


def _analyse(resolver: Resolver, text: str, country: str | None, lang: str | None) -> Analysis:
    gaz = resolver.gazetteer
    spans = _Scanner(text, gaz, lang, resolver).scan(resolver)
    decisions, evidence = decide(gaz, spans, country=country)
    kept = [(s, d) for s, d in zip(spans, decisions, strict=True) if not _unbacked(gaz, s, d)]
    return Analysis(tuple(s for s, _d in kept), tuple(d for _s, d in kept), country, evidence)


_cached_analyse = lru_cache(maxsize=64)(_analyse)


#: A place of fewer people than this, named by a name no other mention backs, is dropped from a
#: text that names other places: "Far North" (Cameroon) in a story about Queensland.
SMALL_PLACE = 50_000


def _unbacked(gaz: Gazetteer, span: Span, decision: Decision | None) -> bool:
    """Whether a candidate is too doubtful to report: a weak name the text does not back."""
    if decision is None or decision.support or span.evidence >= STRONG:
        return False
    if span.frequent and span.evidence <= WEAK:
        return True  # "Obama", "Asia": a frequent word alone is a place only with backing
    record = gaz.places[decision.where]
    if record.kind.value != "city":
        return False
    if decision.tier == 1 and " " in span.text:
        return True  # "White House": a translated alternate (Casablanca) nothing backs
    # a small town, or a town of middle size known by a GeoNames alternate name only
    limit = PROMINENT if decision.tier == 1 else SMALL_PLACE
    return record.population < limit


def to_match(resolver: Resolver, query: str, decision: Decision) -> Match:
    """The public ``Match`` of a decided place."""
    from rapidfuzz.distance import Levenshtein

    from toponyms._models import Match, MatchMethod
    from toponyms._normalize import ascii_key

    gaz = resolver.gazetteer
    row = decision.row
    if decision.tier <= 1:
        method = MatchMethod.EXACT if gaz.is_display_name(row) else MatchMethod.ALIAS
        score = 100.0
    else:
        method = MatchMethod.NORMALIZED
        similarity = Levenshtein.normalized_similarity(
            ascii_key(query), ascii_key(gaz.name_text[row])
        )
        score = round(85.0 + 14.0 * similarity, 1)
    return Match.model_construct(
        place=gaz.place(decision.where),
        query=query,
        matched=gaz.name_text[row],
        method=method,
        score=score,
        ambiguous=decision.ambiguous,
        name_kind=gaz.name_kind_of(row),
        source=gaz.name_source[row],
    )


def _demonym_match(resolver: Resolver, span: Span) -> Match | None:
    if not span.demonym:
        return None
    gaz = resolver.gazetteer
    for row in postings(gaz.codes, span.demonym):
        where = gaz.name_place[row]
        if gaz.places[where].kind.value == "country":
            name_row = next(iter(gaz.names_of(where)), row)
            return to_match(resolver, span.text, Decision(where, 0, name_row, False))
    return None


def _check_str(value: object, what: str) -> None:
    """Raise ``InvalidNameError`` for a value that is not a string."""
    if not isinstance(value, str):
        shown = repr(value)[:80]
        msg = f"{what} must be a str, not {type(value).__name__}: {shown}"
        raise InvalidNameError(msg, value)


def find_with(
    resolver: Resolver,
    text: str,
    *,
    country: str | None = None,
    lang: str | None = None,
    demonyms: bool = False,
) -> list[Mention]:
    """``find`` with a given resolver (see ``find``)."""
    _check_str(text, "text")
    if len(text) > MAX_TEXT:
        msg = f"text of {len(text):,} characters is longer than {MAX_TEXT:,}: split it"
        raise InvalidNameError(msg, text)
    analysis = analyse(resolver, text, _country_code(resolver, country), _check_lang(lang))
    out: list[Mention] = []
    for span, decision in zip(analysis.spans, analysis.decisions, strict=True):
        if span.demonym is not None:
            if demonyms:
                match = _demonym_match(resolver, span)
                out.append(Mention(span.start, span.end, span.text, match, demonym=True))
            continue
        match = None if decision is None else to_match(resolver, span.text, decision)
        out.append(Mention(span.start, span.end, span.text, match))
    return out


def find(
    text: str,
    *,
    country: str | None = None,
    lang: str | None = None,
    demonyms: bool = False,
) -> list[Mention]:
    """Find every place mention in a text, and the place each one names.

    The places of one text are decided together: the countries and regions it names, the
    distances between candidates and ``country`` settle the mentions that a name alone
    leaves open ("Paris" in a story about Texas); ``match.ambiguous`` says when they do not.

    Args:
        text: Running text in English, Ukrainian or Russian (or any Latin or Cyrillic text).
        country: The country the text is about, if known (a code or name): a strong prior,
            not a filter.
        lang: Language code of the text; by default each word's script decides (Latin:
            English, Cyrillic: Ukrainian and Russian), which only changes which frequent words
            need evidence ("Nice", "Reading", "Вітер").
        demonyms: Also report demonyms and adjectives ("Turkish", "російський"), with the
            country as their match and ``demonym=True``.

    Returns:
        The mentions in text order; none overlaps another, and ``text[m.start:m.end] ==
        m.text`` for each.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is absurdly long.
        InvalidHintError: ``country`` or ``lang`` names nothing known.

    Examples:
        >>> from toponyms import find
        >>> text = ("Russian forces have completely surrounded Krasnoarmeysk and Dimitrov."
        ...         " Kiev, however, said ...")
        >>> [(m.text, m.match.place.name) for m in find(text)]
        [('Krasnoarmeysk', 'Pokrovsk'), ('Dimitrov', 'Myrnohrad'), ('Kiev', 'Kyiv')]
        >>> [(m.text, m.match.place.country) for m in find("Paris, Texas, and Dallas.")]
        [('Paris', 'US'), ('Texas', 'US'), ('Dallas', 'US')]
    """
    from toponyms._resolver import default_resolver

    return find_with(default_resolver(), text, country=country, lang=lang, demonyms=demonyms)


def resolve_in_context(
    resolver: Resolver,
    name: str,
    context: str,
    *,
    country: str | None = None,
    kind: str | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
) -> Match | None:
    """The place ``name`` means in the text ``context`` (what ``resolve(name, context=)`` does).

    A name the text mentions gets the decision ``find`` made for it; any other name is
    ranked as ``resolve`` ranks it, and its best candidates are then weighed by the text's
    countries, regions and places. The analysis of a context is remembered, so resolving many
    names of one text costs about one ``find``. A demonym is no place: ``None``.

    Examples:
        >>> from toponyms._resolver import default_resolver
        >>> story = "Storms hit Texas on Monday. In Dallas and Paris, roofs were torn off."
        >>> resolve_in_context(default_resolver(), "Paris", story).place.admin1
        'Texas'
    """
    from toponyms._context import geography, score_in
    from toponyms._normalize import clean

    _check_str(context, "context")
    _check_str(name, "name")
    analysis = analyse(resolver, context, None, None)
    text = clean(name)
    if text in lexicon().demonyms:
        return None
    abbreviation = lexicon().regions.get(text)
    if abbreviation is not None:  # "Ky.", "B.C.": as find reads them
        gaz = resolver.gazetteer
        for row in postings(gaz.codes, abbreviation):
            names = gaz.names_of(gaz.name_place[row])
            region = Decision(gaz.name_place[row], 0, names[0] if names else row, False)
            return to_match(resolver, name, region)
    hinted = country is not None or kind is not None or admin1 is not None
    if not hinted:
        key = _fold(text)
        for span, decision in zip(analysis.spans, analysis.decisions, strict=True):
            if decision is not None and span.key == key:
                return to_match(resolver, name, decision)
    found = resolver.candidates(
        name, limit=50, country=country, kind=kind, admin1=admin1, min_score=min_score
    )
    if not found:
        return None
    best = resolver.resolve(name, country=country, kind=kind, admin1=admin1, min_score=min_score)
    if best is None:
        return None
    gaz = resolver.gazetteer
    geo = geography(gaz)
    rank = {"exact": 0, "alias": 0, "normalized": 2, "fuzzy": 3}
    top = rank[best.method.value]
    choices = [m for m in found if rank[m.method.value] == top]
    scored = [
        (score_in(gaz, geo, gaz.by_id[m.place.id], top, analysis.evidence), -i, m)
        for i, m in enumerate(choices)
    ]
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    chosen = scored[0][2]
    ambiguous = any(
        score >= scored[0][0] - AMBIGUOUS_GAP and _apart(gaz, geo, chosen, other)
        for score, _i, other in scored[1:]
    )
    if chosen.place.id == best.place.id and ambiguous == best.ambiguous:
        return best
    return chosen.model_copy(update={"ambiguous": ambiguous})


def resolve_query_in_context(resolver: Resolver, query: Query, context: str) -> Match | None:
    """``resolve_in_context`` for a checked query (what ``Resolver.resolve`` calls)."""
    return resolve_in_context(
        resolver,
        query.text,
        context,
        country=query.country,
        kind=query.kind,
        admin1=query.admin1,
        min_score=query.min_score,
    )


def _apart(gaz: Gazetteer, geo: Geography, a: Match, b: Match) -> bool:
    """Whether two matches are different answers to "where" (not one place twice over)."""
    pa, pb = geo.point[gaz.by_id[a.place.id]], geo.point[gaz.by_id[b.place.id]]
    return pa is None or pb is None or distance_km(pa, pb) > SAME_PLACE_KM
