"""The search: a ``Query`` against one gazetteer, to ranked hits and one ambiguity decision.

Hints and qualifiers become constraints; each reading of the text (see ``_query.parse``) is
searched tier by tier (0-1: a name as written, 2: a folded key, 3: a fuzzy neighbour); hits are
ranked by tier, score, population, kind and id; the winner is ambiguous when another place is
about as likely. ``decide`` is the one decision behind ``resolve``, ``lookup``, ``candidates``
and the column adapters; ``ranked`` adds the further neighbours that ``candidates`` lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from toponyms._edits import budget, cost, rewrites
from toponyms._errors import InvalidHintError
from toponyms._gazetteer import Gazetteer
from toponyms._kinds import MatchMethod, PlaceKind
from toponyms._lazy import once
from toponyms._matcher import FuzzyIndex
from toponyms._normalize import (
    ascii_key,
    clean,
    exact_key,
    keys,
    match_key,
    match_of_ascii,
    repair_mojibake,
)
from toponyms._query import Query, Reading, parse, region_stem
from toponyms._records import PlaceRecord, postings
from toponyms._words import COMMON, zipf

__all__ = ["DEFAULT_MIN_SCORE", "Decision", "Hit", "Search", "method_of"]

#: Keys shorter than this are matched exactly or not at all.
MIN_NORMALIZED_KEY = 5
#: Keys shorter than this are matched at the ASCII and romanisation levels only.
SHORT_KEY = 7
#: Default lowest score a normalized or fuzzy match needs to be returned by ``resolve``.
DEFAULT_MIN_SCORE = 88.0
#: A normalized (folded-key) hit whose ASCII form is less similar than this to the text is no
#: hit: folding collapses "aaaaa" and "Aja" to one key, but nobody writes one for the other.
#: Measured on tests/eval: correct folded hits are at 0.37 and above (one, Mhailyow for
#: Mahilyow), 97% at 0.85 and above; junk letter strings met folded keys at 0.0-0.45.
FOLDED_MIN_SIMILARITY = 0.45
#: A runner-up at least this share of the winner's population (same tier, close score) makes
#: the match ambiguous.
AMBIGUOUS_POPULATION_SHARE = 1 / 2
#: ... and within this many score points.
AMBIGUOUS_SCORE_GAP = 3.0
#: An unreviewed GeoNames alternate that is an ordinary word at least this common (Zipf) is no
#: evidence for a town smaller than ``WORD_ALTERNATE_POPULATION`` ("Iskander", a given name, is
#: an alternate of Iskandar, Uzbekistan, 27,636 people).
WORD_ALTERNATE_ZIPF = 2.0
WORD_ALTERNATE_POPULATION = 100_000
#: Points added to a near miss's score for the place's prior (see ``prior``).
#: Only the place's own names and reviewed ones carry it: an unreviewed alternate pays
#: ``ALTERNATE_POINTS`` instead (few writers mean Élancourt by its Cyrillic spelling).
PRIOR_POINTS = {"country": 4.0, "capital": 3.0, "million": 1.0, "other": 0.0}
ALTERNATE_POINTS = -2.0
#: A near miss with another place within this many points of it is too unsure to return.
NEAR_RIVAL_GAP = 2.0
#: Order of kinds when tier, score and population tie ("Zaire": the former state first).
_KIND_RANK = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.AREA: 2, PlaceKind.CITY: 3}
#: Tiers tried over all readings before the next: every reading's name and key matches come
#: before any reading's fuzzy neighbours ("Armenia, Rep. of" is Armenia, not a typo of a town).
#: The last pass (4) weighs near misses by the noisy channel when the fuzzy one found nothing
#: good enough.
_PASSES = ((0, 2), (3,), (4,))
#: Stands for "some first-level subdivision" in a constraint ("Georgia (US state)").
ANY_REGION = "*"
_TIER_METHOD = (MatchMethod.EXACT, MatchMethod.ALIAS, MatchMethod.NORMALIZED, MatchMethod.FUZZY)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Constraint:
    """One reading of a qualifier: a country, or a first-level subdivision."""

    country: str | None = None
    admin1: str | None = None


#: What the qualifiers of a reading allow: ``None`` allows everything.
Constraints = list[Constraint] | None
#: The callback through which a tier offers a name row: (row, tier, score).
_Offer = Callable[[int, int, float], None]


@dataclass(slots=True)
class Hit:
    """The best evidence found for one place: its position, tier, score and name row."""

    where: int
    tier: int
    score: float
    row: int


@dataclass(frozen=True, slots=True)
class Decision:
    """What the search decided for a query.

    Attributes:
        hits: The hits of the reading that decided, best first (``hits[0]`` is the answer).
        ambiguous: Whether another place is about as likely as the answer.
        rivals: Those other places' hits (non-empty exactly when ``ambiguous``).
    """

    hits: tuple[Hit, ...]
    ambiguous: bool
    rivals: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class _Scope:
    """A reading with its qualifiers and the caller's hints merged: what one search looks at."""

    names: tuple[str, ...]
    constraints: Constraints
    kind: str | None
    all_words: bool


def texts_of(name: str) -> list[str]:
    """The cleaned texts to read a name as: its mojibake repair first, if it has one."""
    text = clean(name)
    repaired = repair_mojibake(name)
    if repaired == name:
        return [text]
    return [clean(repaired), text]


def word_count(text: str) -> int:
    """How many words a text has."""
    return len(_WORD.findall(text))


def method_of(gazetteer: Gazetteer, hit: Hit) -> MatchMethod:
    """How a hit matched: the place's current name, another name, a folded key, or fuzzily."""
    if hit.tier <= 1:
        return MatchMethod.EXACT if gazetteer.is_display_name(hit.row) else MatchMethod.ALIAS
    return _TIER_METHOD[hit.tier]


class Search:
    """Searches one gazetteer (see the module's docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @once
    def _fuzzy(self) -> FuzzyIndex:
        return FuzzyIndex(self.gazetteer)

    @once
    def _qualifiers(self) -> dict[str, tuple[Constraint, ...]]:
        return {
            key: tuple(Constraint(country, admin1) for country, admin1 in pairs)
            for key, pairs in self.gazetteer.qualifiers.items()
        }

    def warm(self) -> None:
        """Build everything that is otherwise built on first use (before a fork shares it)."""
        _built = self._fuzzy, self._qualifiers

    # -- the decision --------------------------------------------------------------------------

    def decide(self, query: Query, floor: float, *, fuzzy: bool) -> Decision | None:
        """The answer to a query and its rivals, or ``None`` when nothing fits."""
        texts = texts_of(query.text)
        numeric = query.kind == PlaceKind.COUNTRY.value
        # Empty, numbers, punctuation: never a place name, except an ISO 3166-1 numeric code
        # ("804") when a country is asked for.
        if not (numeric and texts[-1].isdigit() and len(texts[-1]) == 3) and not any(
            ch.isalpha() for ch in texts[-1]
        ):
            return None
        scopes = self._scopes(texts, query)
        # A fuzzy neighbour that can neither be returned (below the floor) nor make the winner
        # ambiguous (a gap below the floor) is not searched for, when the text is read one way
        # with one name. With more readings a reading's weak neighbours still count (they stop
        # the search there, and the second name of "A [B]" with only weak ones disagrees).
        fuzzy_floor: float | None = floor - AMBIGUOUS_SCORE_GAP
        if len(scopes) != 1 or len(scopes[0].names) != 1:
            fuzzy_floor = None
        # A name found by its keys under any reading beats a fuzzy neighbour under an earlier
        # one: "Korea, Dem. People's Rep." is a name as written, "Armenia, Rep. of" is Armenia.
        for stages in _PASSES:
            if stages[0] >= 3 and not fuzzy:
                break
            found = self._first(scopes, stages, numeric, fuzzy_floor)
            if found is not None:
                decision = self._judge(*found[1:], floor)
                if stages[0] == 4 and decision is not None:
                    return None if self._has_near_rival(decision.hits) else decision
                # A fuzzy neighbour below the floor leaves the text to the noisy channel.
                if decision is not None or stages[0] != 3:
                    return decision
        return None

    def _has_near_rival(self, hits: tuple[Hit, ...]) -> bool:
        """Whether another place is a near miss about as good as the best one."""
        best = hits[0]
        return any(h.where != best.where and h.score >= best.score - NEAR_RIVAL_GAP for h in hits)

    def _judge(self, hits: list[Hit], rival: Hit | None, floor: float) -> Decision | None:
        best = hits[0]
        # min_score governs every tier but names matched as written (exact and alias).
        if best.tier >= 2 and best.score < floor:
            return None
        rivals = [h for h in hits[1:] if h.where != best.where and self.is_close(best, h)]
        if rival is not None:
            rivals.insert(0, rival)
        return Decision(tuple(hits), bool(rivals), tuple(rivals))

    def ranked(self, query: Query, *, fuzzy: bool) -> tuple[list[Hit], set[int]]:
        """Every hit of the reading that decides, and the places about as likely as the first.

        For ``candidates``: fuzzy neighbours are included, and no floor applies.
        """
        texts = texts_of(query.text)
        if not texts[-1]:
            return [], set()
        scopes = self._scopes(texts, query)
        numeric = query.kind == PlaceKind.COUNTRY.value
        # The first reading with a name or key match, as decide() takes it; failing that, each
        # in turn with its fuzzy neighbours (near misses).
        found = self._first(scopes, _PASSES[0], numeric, None)
        stages = (0, 2, 3, 4) if fuzzy else (0, 2)
        for scope in [found[0]] if found is not None else scopes:
            ranked: list[Hit] = []
            for part in scope.names:  # both names of "A [B]": places both lead to first
                more = self._rank(part, scope, stages, numeric, exhaustive=True)
                if ranked and more:
                    common = {h.where for h in more}
                    ranked.sort(key=lambda h: h.where not in common)  # stable: order kept
                have = {h.where for h in ranked}
                ranked += [h for h in more if h.where not in have]
            if ranked:
                best = ranked[0]
                close = {h.where for h in ranked[1:] if self.is_close(best, h)}
                return ranked, close | {best.where} if close else close
        return [], set()

    # -- readings and constraints ------------------------------------------------------------

    def _scopes(self, texts: list[str], query: Query) -> list[_Scope]:
        """The readings of the texts that the hints allow, with their constraints."""
        hint = self.hint_constraints(query.country, query.admin1)
        scopes: list[_Scope] = []
        for text in texts:
            for reading in parse(text, self.is_qualifier):
                scope = self._scope(reading, hint, query.kind)
                if scope is not None:
                    scopes.append(scope)
        return scopes

    def _scope(self, reading: Reading, hint: Constraints, kind: str | None) -> _Scope | None:
        merged = hint
        for qualifier in reading.qualifiers:
            merged = _intersect(merged, self.parse_qualifier(qualifier))
        if merged is not None and not merged:
            return None
        if kind is not None and reading.kind is not None and kind != reading.kind:
            return None  # "the Gambia" is read as a country, not as a city
        return _Scope(reading.names, merged, kind or reading.kind, reading.all_words)

    def is_qualifier(self, text: str) -> bool:
        """Whether a text names a country or a first-level subdivision."""
        return bool(self.parse_qualifier(text))

    def parse_qualifier(self, text: str) -> list[Constraint]:
        """What a qualifier may stand for (empty: nothing known)."""
        index = self._qualifiers
        found = index.get(exact_key(text))
        if found:
            return list(found)
        stripped = region_stem(text)
        if stripped and stripped != text:
            found = index.get(exact_key(stripped), ())
            regions = [c for c in found if c.admin1]
            if regions:
                return regions
            # "US state", "Russian region": some first-level subdivision of that country.
            return [Constraint(c.country, ANY_REGION) for c in found if c.country]
        return []

    def hint_constraints(self, country: str | None, admin1: str | None) -> Constraints:
        """The caller's hints as constraints (``None``: no constraint).

        Raises:
            InvalidHintError: a hint names no known country or first-level subdivision.
        """
        result: Constraints = None
        if country is not None:
            parsed = self.parse_qualifier(country)
            regions = self.gazetteer.region_by_code
            result = [c for c in parsed if c.admin1 is None] or [
                # A constituent country (England) is a country with an admin-1 code.
                c
                for c in parsed
                if c.admin1 in regions
                and self.gazetteer.places[regions[c.admin1]].kind is PlaceKind.COUNTRY
            ]
            if not result:
                # An unknown country is a mistake to report, not a filter that matches nothing.
                raise InvalidHintError(
                    hint="country", value=country, expected="a country code or name"
                )
        if admin1 is not None:
            found = [c for c in self.parse_qualifier(admin1) if c.admin1]
            if not found:
                raise InvalidHintError(
                    hint="admin1", value=admin1, expected="a first-level subdivision name or code"
                )
            if result is not None:
                allowed = {c.country for c in result}
                found = [c for c in found if c.country in allowed]
            result = found
        return result

    # -- tiers and ranking -------------------------------------------------------------------

    def _first(
        self,
        scopes: list[_Scope],
        stages: tuple[int, ...],
        numeric: bool,
        floor: float | None,
    ) -> tuple[_Scope, list[Hit], Hit | None] | None:
        """The first reading with hits at these stages, its hits, and its rival if any.

        The rival is the other name's place when the two names of "A [B]" disagree.
        """
        for scope in scopes:
            # One ranking per name: two for the bracket form "A [B]".
            per_name = [
                self._rank(part, scope, stages, numeric, floor=floor) for part in scope.names
            ]
            ranked = per_name[0]
            if len(per_name) > 1:
                other = per_name[1]
                if not ranked or not other:
                    ranked = ranked or other
                elif ranked[0].where != other[0].where:
                    common = {h.where for h in other}
                    shared = [h for h in ranked if h.where in common]
                    if shared:
                        return scope, [shared[0], *ranked], None
                    return scope, ranked, other[0]
            if ranked:
                return scope, ranked, None
        return None

    def _rank(
        self,
        name: str,
        scope: _Scope,
        stages: tuple[int, ...],
        numeric: bool,
        *,
        exhaustive: bool = False,
        floor: float | None = None,
    ) -> list[Hit]:
        """Hits for a name, best first; stops at the first tier with a survivor unless asked."""
        places = self.gazetteer.places
        ranked: list[Hit] = []
        seen: set[int] = set()
        for stage in stages:
            found = self._key_hits(name, stage, scope, numeric, exhaustive=exhaustive, floor=floor)
            hits = [
                h
                for h in found.values()
                if h.where not in seen and self._allowed(places[h.where], scope)
            ]
            hits.sort(
                key=lambda h: (
                    h.tier,
                    -h.score,
                    -places[h.where].population,
                    _KIND_RANK[places[h.where].kind],
                    places[h.where].id,
                )
            )
            ranked.extend(hits)
            seen.update(h.where for h in hits)
            if ranked and not exhaustive:
                break
        return ranked

    def _key_hits(
        self,
        name: str,
        tier: int,
        scope: _Scope,
        numeric: bool,
        *,
        exhaustive: bool,
        floor: float | None,
    ) -> dict[int, Hit]:
        """Hits of one tier: 0-1 exact/alias, 2 normalized, 3 fuzzy (at least ``floor``)."""
        gaz = self.gazetteer
        hits: dict[int, Hit] = {}
        folded = name.casefold()
        word: list[bool] = []  # whether the text is a common word: looked up once, if needed

        def offer(row: int, hit_tier: int, score: float) -> None:
            if word_is_no_evidence(gaz, row):
                if not word:
                    word.append(is_alternate_word(name))
                if word[0]:
                    return
            where = gaz.name_place[row]
            old = hits.get(where)
            new = (hit_tier, -score)
            if old is None or new < (old.tier, -old.score):
                hits[where] = Hit(where, hit_tier, score, row)
            elif new == (old.tier, -old.score) and gaz.name_text[row].casefold() == folded:
                old.row = row  # the name as written is what matched ("Kharkov", not "Khar'kov")

        if tier == 0:
            self._exact_rows(name, numeric, offer)
        elif tier == 2:
            self._folded_rows(name, scope.all_words, offer)
        elif tier == 4:
            near_miss_rows(gaz, self._fuzzy, name, offer)
        elif tier == 3:
            if is_word(name) or is_alternate_word(name):
                return hits
            words = word_count(name)
            strict = not exhaustive
            for row, score in self._fuzzy.search(name, limit=25, strict=strict, floor=floor):
                # A typo does not add or remove a word: "Oleksandr Syrskyi" (a person) is not
                # "Oleksandrivskyi" (a village).
                if strict and word_count(gaz.name_text[row]) != words:
                    continue
                offer(row, 3, score)
        return hits

    def _exact_rows(self, name: str, numeric: bool, offer: _Offer) -> None:
        gaz = self.gazetteer
        # Codes are matched as written: "UK" and "DNR" here, "uk" (a word) below. Numeric codes
        # ("804") only when a country is asked for.
        if numeric or not name.isdigit():
            for row in postings(gaz.codes, name):
                offer(row, 0, 100.0)
        # The place's current name and curated names rank first; GeoNames alternates next.
        for row in postings(gaz.exact, exact_key(name)):
            first = gaz.is_curated(row) or gaz.is_display_name(row)
            offer(row, 0 if first else 1, 100.0)

    def _folded_rows(self, name: str, all_words: bool, offer: _Offer) -> None:
        gaz = self.gazetteer
        _e, a_key, m_key, c_key = keys(name)
        # "Bloomberg" is a company before it is Blomberg with a doubled letter; "Поділ" is
        # still Podil (the same letters in another script).
        word = is_word(name)
        exact_only = len(a_key) < MIN_NORMALIZED_KEY
        if exact_only and (name.isascii() or len(a_key) < 3):
            return  # "June" would meet "Un'e": very short names match exactly or not
        # Short names meet too many others at the cross-language level ("None" and "Nuino"
        # share one): below SHORT_KEY letters only the ASCII and romanisation keys count.
        # Below MIN_NORMALIZED_KEY only a name equal to the text without its diacritics
        # ("Kÿiv", "Lvìv") is found.
        wanted = (a_key, m_key) if len(a_key) < SHORT_KEY else (a_key, m_key, c_key)
        words = word_count(name) if all_words else 0
        for key in dict.fromkeys(wanted):
            for row in postings(gaz.fold, key):
                if words and word_count(gaz.name_text[row]) < words:
                    continue
                similarity = Levenshtein.normalized_similarity(a_key, ascii_key(gaz.name_text[row]))
                if (exact_only or word) and similarity < 1.0:
                    continue
                if similarity >= FOLDED_MIN_SIMILARITY:
                    offer(row, 2, round(85.0 + 14.0 * similarity, 1))

    def _allowed(self, record: PlaceRecord, scope: _Scope) -> bool:
        if scope.kind is not None and record.kind.value != scope.kind:
            return False
        if scope.constraints is None:
            return True
        # A country hint names a country by its code: a territory's own ("HK") or its
        # sovereign's ("CN" admits Kowloon, whose country code is HK).
        own = record.code if record.kind is PlaceKind.COUNTRY else None
        sovereign = self.gazetteer.sovereign.get(record.country or "")
        for c in scope.constraints:
            if c.country is not None and c.country not in (record.country, own, sovereign):
                continue
            if c.admin1 is None:
                return True
            if c.admin1 == ANY_REGION:
                if record.admin1_code and record.kind is not PlaceKind.CITY:
                    return True
            elif record.admin1_code == c.admin1:
                return True
        return False

    def is_close(self, best: Hit, other: Hit) -> bool:
        """Whether another hit is about as likely as the best one."""
        if other.tier != best.tier or other.score < best.score - AMBIGUOUS_SCORE_GAP:
            return False
        a, b = self.gazetteer.places[best.where], self.gazetteer.places[other.where]
        # A territory and a place inside it (Hong Kong the region, Hong Kong the city) are not
        # rivals: either answers "which Hong Kong".
        for outer, inner in ((a, b), (b, a)):
            if outer.kind is PlaceKind.COUNTRY and outer.code and inner.country == outer.code:
                return False
        return b.population >= a.population * AMBIGUOUS_POPULATION_SHARE


# -- near misses (the noisy channel) -----------------------------------------------------


def word_is_no_evidence(gaz: Gazetteer, row: int) -> bool:
    """Whether an unreviewed alternate that is an ordinary word says too little of its place."""
    if gaz.is_curated(row) or gaz.is_display_name(row):
        return False
    record = gaz.places[gaz.name_place[row]]
    return record.kind is PlaceKind.CITY and record.population < WORD_ALTERNATE_POPULATION


def near_miss_rows(gaz: Gazetteer, fuzzy: FuzzyIndex, name: str, offer: _Offer) -> None:
    """Near misses weighed by the noisy channel (see ``toponyms._edits``).

    Candidates are the names whose keys equal a rewriting of the text's (another language's
    spelling practice, a scanner's confusion) and the fuzzy neighbours of its key; each
    costs its weighted edits, within the budget for the text's length. The score is the
    similarity those edits leave (100 x (1 - cost / length)) plus the place's prior.
    """
    # An ordinary word is meant as itself; capitals are an acronym ("HIMARS"), not a slip.
    if is_word(name) or is_alternate_word(name) or (name.isupper() and len(name) < SHORT_KEY):
        return
    a_key = ascii_key(name)
    allowed = budget(sum(ch.isalpha() for ch in a_key))
    if not allowed:
        return
    costs: dict[int, float] = {}
    for key, price in rewrites(a_key).items():
        if price:
            for row in postings(gaz.fold, match_of_ascii(key)):
                # The rewritten name must be one a writer knows too: the place's own or a
                # reviewed one ("Narnia" read with rn for m is no Na'amiya, an alternate).
                if gaz.is_curated(row) or gaz.is_display_name(row):
                    costs[row] = min(costs.get(row, price), price)
    m_key, words = match_key(name), word_count(name)
    latin = not _CYRILLIC.search(name)
    priced: dict[str, float] = {}
    for row, _score in fuzzy.search(name, limit=8, strict=False):
        # A slip is made in the name a writer knows: the place's own or a reviewed one, in
        # the script of the text.
        text = gaz.name_text[row]
        if not (gaz.is_curated(row) or gaz.is_display_name(row)):
            continue
        if word_count(text) != words or latin == bool(_CYRILLIC.search(text)):
            continue
        if text not in priced:
            priced[text] = _near_cost(a_key, m_key, text, allowed)
        costs[row] = min(costs.get(row, priced[text]), priced[text])
    for row, price in costs.items():
        if price <= allowed:
            length = max(len(a_key), len(ascii_key(gaz.name_text[row])))
            score = 100.0 * (1.0 - price / length) + prior(gaz, row)
            offer(row, 3, round(min(score, 99.0), 1))


def prior(gaz: Gazetteer, row: int) -> float:
    """Points for how likely a name row is to be meant by a near miss (``PRIOR_POINTS``)."""
    if not (gaz.is_curated(row) or gaz.is_display_name(row)):
        return ALTERNATE_POINTS
    record = gaz.places[gaz.name_place[row]]
    if record.kind is PlaceKind.COUNTRY:
        return PRIOR_POINTS["country"]
    if record.capital:
        return PRIOR_POINTS["capital"]
    if record.population >= 1_000_000:
        return PRIOR_POINTS["million"]
    return PRIOR_POINTS["other"]


def _near_cost(a_key: str, m_key: str, text: str, allowed: float) -> float:
    """The weighted edits from a name to a text's keys (the cheaper of its ASCII and L2 keys)."""
    other = match_key(text)
    # No edit costs less than half a substitution: more than twice the budget in plain edits
    # cannot fit it.
    if OSA.distance(m_key, other) > 2 * allowed:
        return allowed + 1.0
    found = cost(m_key, other, allowed)
    return found if found <= allowed / 2 else min(found, cost(a_key, ascii_key(text), allowed))


def is_alternate_word(text: str) -> bool:
    """Whether a Latin text is a word common enough that an unreviewed alternate says little.

    A word in another script is most often the place's name in that language ("Коломия").
    """
    return text.isascii() and zipf(exact_key(text)) >= WORD_ALTERNATE_ZIPF


def is_word(text: str) -> bool:
    """Whether a text is an ordinary word, never to be read as a near miss of a place."""
    return zipf(exact_key(text)) >= COMMON


def _intersect(a: Constraints, b: Constraints) -> Constraints:
    """Readings allowed by both (``None`` allows everything)."""
    if a is None:
        return b
    if b is None:
        return a
    out: list[Constraint] = []
    for x in a:
        for y in b:
            if x.country and y.country and x.country != y.country:
                continue
            if (
                x.admin1
                and y.admin1
                and ANY_REGION not in (x.admin1, y.admin1)
                and x.admin1 != y.admin1
            ):
                continue
            admin1 = x.admin1 if x.admin1 not in (None, ANY_REGION) else y.admin1 or x.admin1
            merged = Constraint(x.country or y.country, admin1)
            if merged not in out:
                out.append(merged)
    return out
