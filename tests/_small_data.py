"""A small data folder cut from the embedded one: every table, the places of a few countries.

Tests of loading and saving build this (a second or less) instead of the whole gazetteer. It keeps
every country and region, every place a curated table names, and the towns of Ukraine and
Moldova, so the curated tables stay valid and real names resolve.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from toponyms._data import data_dir

COUNTRIES = frozenset({"UA", "MD"})
_CURATED = ("aliases.tsv", "countries.tsv", "extra_places.tsv")


def make_small_data(dest: Path) -> Path:
    """Write the small data folder into ``dest`` (created) and return it."""
    source = data_dir()
    dest.mkdir(parents=True, exist_ok=True)
    named: set[str] = set()
    for table in _CURATED:
        lines = (source / table).read_text(encoding="utf-8").splitlines()[1:]
        named.update(line.split("\t", 1)[0] for line in lines)
    kept: set[str] = set()
    with (source / "places.tsv").open(encoding="utf-8") as src:
        out = [src.readline()]
        for line in src:
            fields = line.split("\t")
            if fields[2] != "city" or fields[4] in COUNTRIES or fields[0] in named:
                out.append(line)
                kept.add(fields[0])
    (dest / "places.tsv").write_text("".join(out), encoding="utf-8")
    with (source / "names.tsv").open(encoding="utf-8") as src:
        out = [src.readline()]
        out += [line for line in src if line.split("\t", 1)[0] in kept]
    (dest / "names.tsv").write_text("".join(out), encoding="utf-8")
    for other in source.iterdir():
        if other.name not in ("places.tsv", "names.tsv") and other.is_file():
            shutil.copy2(other, dest / other.name)
    return dest
