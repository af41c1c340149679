"""Resolution in context: the places a text names, decided together.

Each candidate place of a mention scores its prior (log population, a region counting its
cities, less for a weaker name) plus what the rest of the text says: the share of the text's
country evidence that its country has (countries, regions, demonyms and settled places named),
whether its first-level region is named, and how near it lies to the other mentions' places.
Three rounds of this let the clear mentions settle the unclear ones. A mention never counts as
evidence for itself, and every mention of one name in a text means one place.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer
    from toponyms._text import Span

#: Score lost by a name that is only a GeoNames alternate (1) or an inflected form (2).
TIER_COST = (0.0, 1.5, 0.5, 3.0)
#: Prior bonus of a country over a city of the same size; a region's cities, which GeoNames
#: lists with their parts and suburbs, count more people than it has, hence its malus.
KIND_BONUS = {
    PlaceKind.COUNTRY: 1.0,
    PlaceKind.REGION: -0.5,
    PlaceKind.AREA: 0.0,
    PlaceKind.CITY: 0.0,
}
#: Weight of the country share, the named region and the nearness of other mentions.
COUNTRY_WEIGHT = 2.5
#: Evidence every country has (so that an unnamed country is unlikely, not impossible).
COUNTRY_SMOOTHING = 0.2
REGION_WEIGHT = 2.0
NEAR_WEIGHT = 2.0
#: Distance (km) at which nearness has fallen to 1/e.
NEAR_KM = 100.0
#: A caller's country hint counts as this many mentions of the country.
HINT_WEIGHT = 10.0
#: Two readings this close in score leave the text undecided (ambiguous) ...
AMBIGUOUS_GAP = 0.5
#: ... unless they lie this close together (km): either answers "where".
SAME_PLACE_KM = 50.0
ROUNDS = 3
#: Candidates less likely than this add nothing to the evidence.
MIN_PROB = 0.02
#: Evidence above this backs a place (see ``_support``).
SUPPORT = 0.25
#: Prior bonus of a national capital ("Washington" the city before the state).
CAPITAL_BONUS = 1.0
#: Lowest prior of a first-level region (that of a city of a million people).
REGION_FLOOR = 6.0
#: Side of the grid cells of the nearness search, in radians (about 83 km of latitude).
_CELL = math.radians(0.75)
#: Cells searched on each side of a point's own (2 cells: 1.5 to 2.25 degrees, beyond which
#: nearness has fallen below a fifth).
_REACH = range(-2, 3)
_EARTH_KM = 6371.0


class Geography:
    """Per-place prior weights and points of a gazetteer.

    Regions and countries get the population-weighted centre of their cities as their point.
    """

    def __init__(self, gaz: Gazetteer) -> None:
        places = gaz.places
        total: dict[str, float] = defaultdict(float)
        lat_sum: dict[str, float] = defaultdict(float)
        lon_sum: dict[str, float] = defaultdict(float)
        for record in places:
            if record.kind is not PlaceKind.CITY or record.lat is None or record.lon is None:
                continue
            weight = float(record.population) + 1.0
            for group in (record.admin1_code, record.country):
                if group:
                    total[group] += weight
                    lat_sum[group] += weight * record.lat
                    lon_sum[group] += weight * record.lon
        self.prior: list[float] = []
        self.point: list[tuple[float, float] | None] = []
        for record in places:
            group = None
            if record.kind is PlaceKind.REGION:
                group = record.admin1_code
            elif record.kind is PlaceKind.COUNTRY:
                group = record.code or record.country
            population = float(record.population)
            point: tuple[float, float] | None = None
            if record.lat is not None and record.lon is not None:
                point = (math.radians(record.lat), math.radians(record.lon))
            if group and total.get(group):
                population = max(population, total[group])
                if point is None:
                    point = (
                        math.radians(lat_sum[group] / total[group]),
                        math.radians(lon_sum[group] / total[group]),
                    )
            bonus = KIND_BONUS[record.kind] + (CAPITAL_BONUS if record.capital else 0.0)
            prior = math.log10(population + 10.0) + bonus
            if record.kind is PlaceKind.REGION:
                # a first-level region is named in the news as often as a large city
                prior = max(prior, REGION_FLOOR)
            self.prior.append(prior)
            self.point.append(point)


_GEOGRAPHY: weakref.WeakKeyDictionary[Gazetteer, Geography] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def geography(gaz: Gazetteer) -> Geography:
    """The ``Geography`` of a gazetteer (built on first use, then cached)."""
    found = _GEOGRAPHY.get(gaz)
    if found is None:
        with _LOCK:
            found = _GEOGRAPHY.get(gaz)
            if found is None:
                found = Geography(gaz)
                _GEOGRAPHY[gaz] = found
    return found


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two points given in radians.

    Examples:
        >>> kyiv = (math.radians(50.45), math.radians(30.52))
        >>> lviv = (math.radians(49.84), math.radians(24.03))
        >>> round(distance_km(kyiv, lviv))
        467
    """
    h = (
        math.sin((b[0] - a[0]) / 2) ** 2
        + math.cos(a[0]) * math.cos(b[0]) * math.sin((b[1] - a[1]) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class Decision:
    """The place decided for a group of mentions of one name."""

    where: int
    tier: int
    row: int
    ambiguous: bool
    #: Whether the rest of the text backs this place (see ``_support``).
    support: bool = True


@dataclass(slots=True)
class _Group:
    """The mentions of one name (with the same qualifiers): one decision."""

    spans: list[int]
    places: dict[int, tuple[int, int]]
    #: candidate places, their scores and probabilities (softmax of the scores), best first
    order: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)


def _cell(point: tuple[float, float]) -> tuple[int, int]:
    return (math.floor(point[0] / _CELL), math.floor(point[1] / _CELL))


def _centre(cell: tuple[int, int]) -> tuple[float, float]:
    return ((cell[0] + 0.5) * _CELL, (cell[1] + 0.5) * _CELL)


class Evidence:
    """What a text says about countries, regions and points, by contributor.

    Each mention group contributes its candidates in proportion to their probability, so a
    mention that is still open ("Enfield": England or Connecticut?) backs both readings a
    little rather than one wrongly.
    """

    def __init__(self) -> None:
        self.country: dict[str, float] = defaultdict(float)
        self.region: dict[str, float] = defaultdict(float)
        #: grid cell -> contributor -> its largest weight in the cell
        self.grid: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
        #: grid cell -> [weight, weight x latitude, weight x longitude] of its points
        self._sums: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        #: grid cell -> (total weight, weighted centre), made by ``seal``
        self.cells: dict[tuple[int, int], tuple[float, tuple[float, float]]] = {}
        self.own: dict[int, list[tuple[str, str, float]]] = defaultdict(list)

    def add(self, who: int, what: str, key: str | None, weight: float) -> None:
        if not key:
            return
        table = self.country if what == "country" else self.region
        table[key] += weight
        self.own[who].append((what, key, weight))

    def add_point(self, who: int, point: tuple[float, float], weight: float) -> None:
        cell = _cell(point)
        by_who = self.grid[cell]
        if weight > by_who.get(who, 0.0):
            by_who[who] = weight
        sums = self._sums[cell]
        sums[0] += weight
        sums[1] += weight * point[0]
        sums[2] += weight * point[1]

    def seal(self) -> None:
        """Sum each cell's contributors once all points are in (see ``nearness``)."""
        for cell, by_who in self.grid.items():
            total, lat, lon = self._sums[cell]
            centre = (lat / total, lon / total) if total > 0 else _centre(cell)
            self.cells[cell] = (sum(by_who.values()), centre)

    def without(self, who: int) -> tuple[dict[str, float], dict[str, float]]:
        """The country and region tables less one contributor's part."""
        country, region = dict(self.country), dict(self.region)
        for what, key, weight in self.own.get(who, ()):
            table = country if what == "country" else region
            table[key] -= weight
        return country, region

    def nearness(self, point: tuple[float, float], who: int) -> float:
        """How much the other contributors' places lie near a point (0 for none).

        Each cell of the grid counts as its contributors' summed weight at its weighted centre,
        less the asking contributor's own: a constant cost per point however dense the text
        (a bulletin naming thousands of villages).
        """
        total = 0.0
        row, col = _cell(point)
        cells, grid = self.cells, self.grid
        lat, lon = point
        # Within a few hundred km an equirectangular distance is as good as a great circle.
        scale = math.cos(lat)
        factor = _EARTH_KM / NEAR_KM
        exp, hypot = math.exp, math.hypot
        for dr in _REACH:
            for dc in _REACH:
                cell = (row + dr, col + dc)
                found = cells.get(cell)
                if found is None:
                    continue
                mass = found[0] - grid[cell].get(who, 0.0)
                if mass > 0.0:
                    centre = found[1]
                    d = hypot(centre[0] - lat, (centre[1] - lon) * scale)
                    total += mass * exp(-d * factor)
        return total


def country_of(gaz: Gazetteer, where: int) -> str | None:
    """The country code a place counts for (a country's own code; a territory's sovereign)."""
    record = gaz.places[where]
    if record.kind is PlaceKind.COUNTRY:
        return record.code or record.country
    return record.country


def _evidence(
    gaz: Gazetteer, groups: list[_Group], spans: list[Span], geo: Geography, country: str | None
) -> Evidence:
    ev = Evidence()
    if country:
        ev.add(-1, "country", country, HINT_WEIGHT)
    for span in spans:
        if span.demonym:
            ev.add(-1, "country", span.demonym, 0.5)
    for number, group in enumerate(groups):
        mentions = 1.0 + 0.5 * (min(len(group.spans), 3) - 1)
        for where, prob in zip(group.order, group.probs, strict=True):
            if prob < MIN_PROB:
                continue
            record = gaz.places[where]
            weight = mentions * prob * (0.5 if record.kind is PlaceKind.CITY else 1.0)
            ev.add(number, "country", country_of(gaz, where), weight)
            if record.kind is not PlaceKind.COUNTRY:
                ev.add(number, "region", record.admin1_code, weight)
            point = geo.point[where]
            if point is not None and record.kind is PlaceKind.CITY:
                ev.add_point(number, point, prob)
    ev.seal()
    return ev


def _score(
    gaz: Gazetteer,
    geo: Geography,
    where: int,
    tier: int,
    tables: tuple[dict[str, float], dict[str, float], float],
    near: float,
) -> float:
    country, region, total = tables
    record = gaz.places[where]
    score = geo.prior[where] - TIER_COST[tier]
    code = country_of(gaz, where)
    if total > 0 and code:
        # The log of the country's share of the text's evidence (smoothed): a country the text
        # names thrice outweighs a large namesake elsewhere ("London" in an Ontario story).
        share = (max(0.0, country.get(code, 0.0)) + COUNTRY_SMOOTHING) / (total + COUNTRY_SMOOTHING)
        score += COUNTRY_WEIGHT * math.log10(share)
    if record.kind is not PlaceKind.COUNTRY and record.admin1_code:
        score += REGION_WEIGHT * min(1.0, max(0.0, region.get(record.admin1_code, 0.0)))
    return score + NEAR_WEIGHT * (1.0 - math.exp(-near))


def _filtered(gaz: Gazetteer, span: Span) -> dict[int, tuple[int, int]]:
    """A span's places, narrowed by its qualifiers and settlement word where any survive."""
    places = span.places
    if span.within:
        inside = {
            w: v
            for w, v in places.items()
            if any(
                (c is None or c == gaz.places[w].country)
                and (a is None or a == gaz.places[w].admin1_code)
                for c, a in span.within
            )
        }
        places = inside or places
    if span.settlement:
        cities = {w: v for w, v in places.items() if gaz.places[w].kind is PlaceKind.CITY}
        places = cities or places
    # A region named after a city inside it ("Aleppo", "Ankara"): the name is the city's.
    cities_in = {
        gaz.places[w].admin1_code
        for w, (tier, _r) in places.items()
        if gaz.places[w].kind is PlaceKind.CITY and tier == 0
    }
    if cities_in:
        places = {
            w: v
            for w, v in places.items()
            if not (
                gaz.places[w].kind is PlaceKind.REGION and gaz.places[w].admin1_code in cities_in
            )
        } or places
    return places


def group_spans(gaz: Gazetteer, spans: list[Span]) -> list[_Group]:
    """The mentions with places, grouped by name and qualifiers."""
    by_key: dict[tuple[str, tuple[tuple[str | None, str | None], ...], bool], _Group] = {}
    for number, span in enumerate(spans):
        if not span.places:
            continue
        key = (span.key, tuple(span.within), span.settlement)
        group = by_key.get(key)
        if group is None:
            by_key[key] = _Group([number], _filtered(gaz, span))
        else:
            group.spans.append(number)
    return list(by_key.values())


def _rank(group: _Group, scored: list[tuple[float, int]]) -> None:
    scored.sort(key=lambda t: (-t[0], t[1]))
    group.order = [w for _s, w in scored]
    group.scores = [s for s, _w in scored]
    top = group.scores[0]
    weights = [math.exp(s - top) for s in group.scores]
    total = sum(weights)
    group.probs = [w / total for w in weights]


def decide(
    gaz: Gazetteer, spans: list[Span], *, country: str | None = None
) -> tuple[list[Decision | None], Evidence]:
    """The place of each span (``None`` for spans without places).

    Args:
        gaz: The gazetteer the spans' places come from.
        spans: The candidate mentions of one text.
        country: The caller's country of the text (a strong prior, not a filter).

    Returns:
        One decision per span, in order; and the evidence of the text as decided.
    """
    geo = geography(gaz)
    groups = group_spans(gaz, spans)
    for group in groups:
        _rank(group, [(geo.prior[w] - TIER_COST[t], w) for w, (t, _r) in group.places.items()])
    for _round in range(ROUNDS):
        ev = _evidence(gaz, groups, spans, geo, country)
        for number, group in enumerate(groups):
            country_t, region_t = ev.without(number)
            total = sum(v for v in country_t.values() if v > 0)
            scored = []
            for where, (tier, _row) in group.places.items():
                point = geo.point[where]
                city = gaz.places[where].kind is not PlaceKind.COUNTRY
                near = ev.nearness(point, number) if point is not None and city else 0.0
                value = _score(gaz, geo, where, tier, (country_t, region_t, total), near)
                scored.append((value, where))
            _rank(group, scored)
    ev = _evidence(gaz, groups, spans, geo, country)
    out: list[Decision | None] = [None] * len(spans)
    for number, group in enumerate(groups):
        best, best_score = group.order[0], group.scores[0]
        ambiguous = False
        for score, other in zip(group.scores[1:], group.order[1:], strict=True):
            if score < best_score - AMBIGUOUS_GAP:
                break
            a, b = geo.point[best], geo.point[other]
            if a is None or b is None or distance_km(a, b) > SAME_PLACE_KM:
                ambiguous = True
                break
        tier, row = group.places[best]
        support = _support(gaz, geo, best, ev, number)
        for span in group.spans:
            out[span] = Decision(best, tier, row, ambiguous, support)
    return out, ev


def _support(gaz: Gazetteer, geo: Geography, where: int, ev: Evidence, number: int) -> bool:
    """Whether the rest of the text backs a place.

    It does when the place's country or region is named, or another mention's place is near.
    """
    country_t, region_t = ev.without(number)
    code = country_of(gaz, where)
    if code and country_t.get(code, 0.0) > SUPPORT:
        return True
    admin1 = gaz.places[where].admin1_code
    if admin1 and region_t.get(admin1, 0.0) > SUPPORT:
        return True
    point = geo.point[where]
    return point is not None and ev.nearness(point, number) > SUPPORT


def score_in(gaz: Gazetteer, geo: Geography, where: int, tier: int, ev: Evidence) -> float:
    """The score of a place for a name that is not one of the text's mentions."""
    total = sum(v for v in ev.country.values() if v > 0)
    point = geo.point[where]
    city = gaz.places[where].kind is not PlaceKind.COUNTRY
    near = ev.nearness(point, -2) if point is not None and city else 0.0
    return _score(gaz, geo, where, tier, (ev.country, ev.region, total), near)
