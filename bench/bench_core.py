"""Benchmark the core: import, first resolve, memory, and resolutions per second.

Run ``python bench/bench_core.py`` from the repository (after ``pip install -e .``). Every figure
comes with a baseline measured in the same run, because the machine is shared and noisy:

- start-up (median of 5 fresh processes): ``import toponyms`` against ``import pydantic`` (the
  heaviest dependency, which toponyms cannot undercut); the first ``resolve`` (loading the
  embedded data); resident memory after loading;
- known names per second, repeated (cache hits) and distinct (each name resolved once), against
  a bare ``dict`` lookup of the casefolded name over the same names (the floor of any resolver);
- fuzzy resolutions per second of unseen misspelt names against the whole gazetteer, against a
  brute-force ``rapidfuzz.process.extractOne`` over every match key (no blocking), with the
  recall of both on the same queries.

Writes a JSON record to bench/out/core.json and prints a table.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

_STARTUP = r"""
import json, time, resource
t0 = time.perf_counter()
import {module}
t1 = time.perf_counter()
extra = {{}}
if "{module}" == "toponyms":
    toponyms.resolve("Kiev")
    t2 = time.perf_counter()
    extra["first_resolve_s"] = t2 - t1
    with open("/proc/self/status") as fh:
        rss = [l for l in fh if l.startswith("VmRSS")][0].split()[1]
    extra["rss_mb"] = int(rss) / 1024
print(json.dumps({{"import_s": t1 - t0, **extra}}))
"""


def _startup(module: str, runs: int = 5) -> dict[str, float]:
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _STARTUP.format(module=module)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        samples.append(json.loads(out))
    return {k: statistics.median(s[k] for s in samples) for k in samples[0]}


def _rate(func, items: list[str]) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    for item in items:
        func(item)
    return len(items) / (time.perf_counter() - t0)


def _typo(rng: random.Random, text: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(1, max(2, len(text) - 1))
    op = rng.choice(("sub", "del", "ins", "swap"))
    if op == "sub":
        return text[:i] + rng.choice(letters) + text[i + 1 :]
    if op == "del":
        return text[:i] + text[i + 1 :]
    if op == "ins":
        return text[:i] + rng.choice(letters) + text[i:]
    if i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(letters) + text[i + 1 :]


def main() -> int:
    from rapidfuzz import fuzz, process

    import toponyms
    from toponyms._normalize import exact_key, match_key

    report: dict[str, object] = {}
    base = _startup("pydantic")
    top = _startup("toponyms")
    report["startup"] = {"toponyms": top, "baseline_import_pydantic": base}

    resolver = toponyms.Resolver()
    gaz = resolver.gazetteer
    rng = random.Random(20261124)

    # Known names: display names of places, with GeoNames alternates mixed in.
    rows = rng.sample(range(len(gaz.name_text)), 20_000)
    distinct = [gaz.name_text[r] for r in rows]
    plain = {exact_key(t): r for r, t in enumerate(gaz.name_text)}

    def baseline(text: str) -> object:
        return plain.get(text.casefold())

    # One-time costs, measured apart: the folded-key index (first query the exact index cannot
    # answer), the fuzzy blocks (first fuzzy query) and the qualifier index (first hint).
    t0 = time.perf_counter()
    _ = gaz.fold
    t1 = time.perf_counter()
    resolver._fuzzy()
    t2 = time.perf_counter()
    _ = resolver._search._qualifiers
    t3 = time.perf_counter()
    report["first_use_s"] = {"fold_index": t1 - t0, "fuzzy_blocks": t2 - t1, "qualifiers": t3 - t2}

    resolver.clear_cache()
    rates = {
        "distinct_per_s": _rate(resolver.resolve, distinct),
        "baseline_dict_distinct_per_s": _rate(baseline, distinct),
    }
    repeated = distinct[:1_000] * 100
    for name in distinct[:1_000]:
        resolver.resolve(name)
    rates["repeated_per_s"] = _rate(resolver.resolve, repeated)
    rates["baseline_dict_repeated_per_s"] = _rate(baseline, repeated)
    report["known_names"] = rates

    # Fuzzy: one-edit typos of names of places with >= 15k people, unseen by the index.
    pool = [
        r
        for r in range(len(gaz.name_text))
        if gaz.places[gaz.name_place[r]].population >= 15_000
        and gaz.name_text[r].isascii()
        and len(gaz.name_text[r]) >= 6
    ]
    queries: list[tuple[str, int]] = []
    while len(queries) < 2_000:
        r = rng.choice(pool)
        typo = _typo(rng, gaz.name_text[r])
        if exact_key(typo) in gaz.exact:
            continue
        queries.append((typo, gaz.name_place[r]))

    resolver.clear_cache()
    t0 = time.perf_counter()
    ours = [resolver.resolve(q) for q, _ in queries]
    ours_s = time.perf_counter() - t0
    place_id = [gaz.places[w].id for _q, w in queries]
    right = sum(1 for m, pid in zip(ours, place_id, strict=True) if m and m.place.id == pid)
    wrong = sum(1 for m, pid in zip(ours, place_id, strict=True) if m and m.place.id != pid)
    t0 = time.perf_counter()
    tops = [resolver.candidates(q, limit=1) for q, _ in queries]
    tops_s = time.perf_counter() - t0
    top_right = [bool(c) and c[0].place.id == pid for c, pid in zip(tops, place_id, strict=True)]

    keys = list(gaz.fold)
    brute_n = len(queries)  # the baseline runs every query: a like-for-like recall
    t0 = time.perf_counter()
    brute_right = []
    for q, w in queries[:brute_n]:
        found = process.extractOne(match_key(q), keys, scorer=fuzz.ratio, processor=None)
        if found is None:
            brute_right.append(False)
            continue
        posting = gaz.fold[found[0]]
        rows_ = [posting] if isinstance(posting, int) else posting
        best = max(rows_, key=lambda x: gaz.places[gaz.name_place[x]].population)
        brute_right.append(gaz.name_place[best] == w)
    brute_s = time.perf_counter() - t0
    report["fuzzy"] = {
        "queries": len(queries),
        "resolve_per_s": len(queries) / ours_s,
        "resolve_right": right / len(queries),
        "resolve_wrong": wrong / len(queries),
        "top1_per_s": len(queries) / tops_s,
        "top1_recall": sum(top_right) / len(queries),
        "top1_recall_first_300": sum(top_right[:brute_n]) / brute_n,
        "baseline_bruteforce_per_s": brute_n / brute_s,
        "baseline_bruteforce_recall_300": sum(brute_right) / brute_n,
        "choices_in_bruteforce": len(keys),
    }

    OUT.mkdir(exist_ok=True)
    (OUT / "core.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    k, f, once = report["known_names"], report["fuzzy"], report["first_use_s"]
    print(
        f"import toponyms        {top['import_s'] * 1000:8.1f} ms  (import pydantic "
        f"{base['import_s'] * 1000:.1f} ms, ratio {top['import_s'] / base['import_s']:.2f})"
    )
    print(f"first resolve (load)   {top['first_resolve_s'] * 1000:8.1f} ms")
    print(f"RSS after load         {top['rss_mb']:8.1f} MB")
    print(
        f"first use: folded index {once['fold_index'] * 1000:.0f} ms, fuzzy blocks "
        f"{once['fuzzy_blocks'] * 1000:.0f} ms, qualifiers {once['qualifiers'] * 1000:.0f} ms"
    )
    print(
        f"distinct names         {k['distinct_per_s']:10,.0f}/s  (dict baseline "
        f"{k['baseline_dict_distinct_per_s']:,.0f}/s)"
    )
    print(
        f"repeated names         {k['repeated_per_s']:10,.0f}/s  (dict baseline "
        f"{k['baseline_dict_repeated_per_s']:,.0f}/s)"
    )
    print(
        f"fuzzy top-1 (typos)    {f['top1_per_s']:10,.0f}/s  recall {f['top1_recall']:.1%} "
        f"(on the baseline's queries: {f['top1_recall_first_300']:.1%}); brute-force extractOne "
        f"{f['baseline_bruteforce_per_s']:,.1f}/s recall {f['baseline_bruteforce_recall_300']:.1%}"
        f" over {f['choices_in_bruteforce']:,} keys; speed-up "
        f"{f['top1_per_s'] / f['baseline_bruteforce_per_s']:.0f}x"
    )
    print(
        f"resolve() on typos     {f['resolve_per_s']:10,.0f}/s  right {f['resolve_right']:.1%}, "
        f"wrong {f['resolve_wrong']:.1%}, None for the rest (min_score {resolver.min_score})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
