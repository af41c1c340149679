"""Place names in running text, measured on TR-News (see ../shared/bench-data/trnews/README.md).

Reports, on the 118 articles and their 1,319 gold mentions:
- geotagging: precision, recall and F1 of ``find()``'s spans against the gold spans (exact
  span match), with and without demonyms reported;
- resolution given gold mentions (every gold span resolved): accuracy@161 km, mean and median
  error, AUC, for ``resolve(span)`` alone and ``resolve(span, context=article)``;
- end to end: accuracy@161 over the gold mentions that ``find()`` found with the exact span;
- throughput of ``find()`` in MB of text per CPU second (cold analysis cache, one core).

Resolution is scored on the 1,275 gold mentions with a point (geotagging on all 1,319); one
left unanswered counts as wrong (error 20,039 km). A
predicted GeoNames id equal to the gold id is an error of 0 km; regions and countries, which
have no point in the embedded data, are placed at the population-weighted centre of their
cities. The corpus is research data: it is read from ../shared/, never copied into the project.

Run: python bench/bench_text.py [--data DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from toponyms._context import distance_km, geography
from toponyms._find import _cached_analyse, find_with, resolve_in_context
from toponyms._resolver import default_resolver

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "bench-data" / "trnews"
WORST_KM = 20_039.0


def load(data: Path) -> list[dict[str, Any]]:
    path = data / "trnews_docs.jsonl"
    if not path.exists():
        sys.exit(f"no corpus at {path} (see the module docstring)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def error_km(match: Any, gold: dict[str, Any]) -> float:
    """Distance between a predicted match and a gold toponym (WORST_KM when unanswerable)."""
    if gold.get("lat") is None or match is None:
        return WORST_KM
    place = match.place
    if place.geonames_id is not None and str(place.geonames_id) == str(gold.get("geonameid")):
        return 0.0
    resolver = default_resolver()
    gaz = resolver.gazetteer
    point = geography(gaz).point[gaz.by_id[place.id]]
    if point is None:
        return WORST_KM
    gold_point = (math.radians(float(gold["lat"])), math.radians(float(gold["lon"])))
    return distance_km(point, gold_point)


def summary(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0}
    auc = statistics.fmean(math.log1p(e) / math.log1p(WORST_KM) for e in errors)
    return {
        "n": len(errors),
        "acc@161": round(sum(e <= 161 for e in errors) / len(errors), 3),
        "mean_km": round(statistics.fmean(errors)),
        "median_km": round(statistics.median(errors)),
        "auc": round(auc, 3),
    }


def geotagging(docs: list[dict[str, Any]], *, demonyms: bool) -> dict[str, Any]:
    resolver = default_resolver()
    tp = fp = fn = 0
    errors: list[float] = []
    answered: list[float] = []
    for doc in docs:
        found = {(m.start, m.end): m for m in find_with(resolver, doc["text"], demonyms=demonyms)}
        gold = {(t["start"], t["end"]): t for t in doc["toponyms"]}
        tp += len(found.keys() & gold.keys())
        fp += len(found.keys() - gold.keys())
        fn += len(gold.keys() - found.keys())
        scored = [k for k in found.keys() & gold.keys() if gold[k].get("lat") is not None]
        errors += [error_km(found[k].match, gold[k]) for k in scored]
        answered += [error_km(found[k].match, gold[k]) for k in scored if found[k].match]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "end_to_end": summary(errors),
        # the same, over the found mentions with an answer (not "a place the gazetteer lacks")
        "end_to_end_answered": summary(answered),
    }


def given_gold(docs: list[dict[str, Any]], *, context: bool, demonyms: bool) -> dict[str, Any]:
    resolver = default_resolver()
    errors: list[float] = []
    for doc in docs:
        adjectives = {}
        if demonyms:
            adjectives = {
                (m.start, m.end): m.match
                for m in find_with(resolver, doc["text"], demonyms=True)
                if m.demonym
            }
        for gold in doc["toponyms"]:
            if gold.get("lat") is None:
                continue  # resolution is scored on the gold mentions with a point
            span = (gold["start"], gold["end"])
            if span in adjectives:
                match = adjectives[span]
            elif context:
                match = resolve_in_context(resolver, gold["mention"], doc["text"])
            else:
                match = resolver.resolve(gold["mention"])
            errors.append(error_km(match, gold))
    return summary(errors)


def ceiling(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of gold mentions (with a point) that some candidate of their name reaches: what
    the embedded gazetteer allows at most, demonyms and abbreviations aside."""
    resolver = default_resolver()
    reached = total = 0
    for doc in docs:
        for gold in doc["toponyms"]:
            if gold.get("lat") is None:
                continue
            total += 1
            found = resolver.candidates(gold["mention"], limit=100)
            reached += any(error_km(m, gold) <= 161 for m in found)
    return {"n": total, "reachable@161": round(reached / total, 3)}


def throughput(docs: list[dict[str, Any]], repeat: int = 5) -> dict[str, float]:
    """MB of text per CPU second of ``find`` (process time: the machine is shared, and wall
    time there measures the neighbours), best of ``repeat`` cold runs."""
    resolver = default_resolver()
    size = sum(len(doc["text"].encode("utf-8")) for doc in docs)
    times = []
    for _ in range(repeat):
        _cached_analyse.cache_clear()
        t0 = time.process_time()
        for doc in docs:
            find_with(resolver, doc["text"])
        times.append(time.process_time() - t0)
    best = min(times)
    return {
        "megabytes": round(size / 1e6, 3),
        "seconds": round(best, 3),
        "mb_per_s": round(size / 1e6 / best, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    docs = load(args.data)
    resolver = default_resolver()
    find_with(resolver, "Warm-up in Kyiv.")  # loads the data and builds the indexes
    report = {
        "corpus": {"articles": len(docs), "gold": sum(len(d["toponyms"]) for d in docs)},
        "throughput": throughput(docs),
        "geotagging": geotagging(docs, demonyms=False),
        "geotagging_with_demonyms": geotagging(docs, demonyms=True),
        "gold_resolve_alone": given_gold(docs, context=False, demonyms=False),
        "gold_resolve_context": given_gold(docs, context=True, demonyms=False),
        "gold_resolve_context_demonyms": given_gold(docs, context=True, demonyms=True),
        "gold_candidates_ceiling": ceiling(docs),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, value in report.items():
        print(f"{name:32} {value}")


if __name__ == "__main__":
    main()
