"""Benchmark `toponyms normalize` and `resolve_series` against baselines measured in the same run.

- wall time of `toponyms normalize` on the 1M-row file (bench/make_csv.py) against a plain
  Python `csv` module read-and-write of the same file (median of 3 runs each), with the default
  number of jobs and with `--jobs 1`; the saved gazetteer is made before any timed run;
- peak RSS of `toponyms normalize` on 100k rows and on 1M rows (streaming: the ratio should stay
  near 1), each in a fresh process;
- `resolve_series` rows per second on a 1M-row Series of repeated names (median of 3 calls, each
  resolving every distinct value afresh), against `pandas.factorize` of the same Series (the
  floor of any per-distinct-value method); and the Polars adapter's, if Polars is installed.

Writes bench/out/csv.json and prints a table.

    python bench/bench_csv.py                     # the above
    python bench/bench_csv.py --distinct 6000000  # only: peak RSS and time of normalize on a
                                                  # column of that many distinct values
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
BIG = OUT / "places.csv"
SMALL = OUT / "places_100k.csv"

_PLAIN = r"""
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as src, \
     open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    w = csv.writer(dst)
    for row in csv.reader(src):
        w.writerow(row)
"""

_RSS = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _median_s(job: Callable[[], object], runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        job()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def _time(cmd: list[str], runs: int = 3) -> float:
    return _median_s(lambda: subprocess.run(cmd, check=True), runs)


def _peak_kb(cmd: list[str]) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _RSS, *cmd], check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1])


def distinct(rows: int) -> int:
    """Peak RSS and wall time of normalize (--jobs 1, and default jobs) on distinct values."""
    here = Path(__file__).resolve().parent
    src = OUT / f"distinct_{rows}.csv"
    if not src.exists():
        subprocess.run(
            [sys.executable, str(here / "make_csv.py"), "--distinct", str(rows), str(src)],
            check=True,
        )
    base = [sys.executable, "-m", "toponyms.cli", "normalize", str(src), "--column", "city"]
    base += ["-o", str(OUT / "distinct_out.csv"), "--unresolved", str(OUT / "distinct_u.csv")]
    for jobs in (["--jobs", "1"], []):
        started = time.perf_counter()
        peak = _peak_kb([*base, "--quiet", *jobs])
        took = time.perf_counter() - started
        label = " ".join(jobs) or "default jobs"
        print(f"{rows:,} distinct values, {label}: peak RSS {peak / 1024:.0f} MB, {took:.1f} s")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--distinct"]:
        return distinct(int(sys.argv[2]))
    here = Path(__file__).resolve().parent
    if not BIG.exists():
        subprocess.run([sys.executable, str(here / "make_csv.py")], check=True)
    if not SMALL.exists():
        subprocess.run(
            [sys.executable, str(here / "make_csv.py"), "100000", str(SMALL)], check=True
        )
    target = OUT / "normalized.csv"
    normalize = [sys.executable, "-m", "toponyms.cli", "normalize", "--column", "city", "--quiet"]
    # Load the data once, so the saved gazetteer exists (see toponyms._store) and no timed
    # run pays for building it.
    subprocess.run([sys.executable, "-m", "toponyms.cli", "resolve", "Kyiv"], check=True)
    plain_s = _time([sys.executable, "-c", _PLAIN, str(BIG), str(OUT / "plain.csv")])
    ours_s = _time([*normalize, str(BIG), "-o", str(target)])
    one_job_s = _time([*normalize, "--jobs", "1", str(BIG), "-o", str(target)])
    rss_small = _peak_kb([*normalize, str(SMALL), "-o", str(OUT / "n100k.csv")])
    rss_big = _peak_kb([*normalize, str(BIG), "-o", str(target)])

    import pandas as pd

    from toponyms._tabular import default_jobs
    from toponyms.pandas import resolve_series

    series = pd.read_csv(BIG, usecols=["city"], dtype="string")["city"]
    resolve_series(pd.Series(["Kyiv"]))  # load the data outside the timed part
    factorize_s = _median_s(lambda: pd.factorize(series.astype("object")))
    # Nothing is remembered between two calls: each resolves every distinct value again.
    series_s = _median_s(lambda: resolve_series(series))
    resolved = float(resolve_series(series, fields=["name"])["city_name"].notna().mean())
    polars_s = None
    try:
        import polars as pl

        from toponyms.polars import resolve_series as resolve_polars
    except ImportError:
        pass
    else:
        column = pl.read_csv(BIG, columns=["city"])["city"]
        polars_s = _median_s(lambda: resolve_polars(column))

    report = {
        "rows": len(series),
        "jobs": default_jobs(),
        "normalize_s": ours_s,
        "baseline_csv_copy_s": plain_s,
        "ratio": ours_s / plain_s,
        "normalize_one_job_s": one_job_s,
        "ratio_one_job": one_job_s / plain_s,
        "peak_rss_kb_100k": rss_small,
        "peak_rss_kb_1m": rss_big,
        "rss_ratio": rss_big / rss_small,
        "resolve_series_rows_per_s": len(series) / series_s,
        "polars_resolve_series_rows_per_s": None if polars_s is None else len(series) / polars_s,
        "baseline_factorize_rows_per_s": len(series) / factorize_s,
        "resolved_share": resolved,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "csv.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"normalize 1M rows      {ours_s:6.2f} s  with --jobs {report['jobs']} (csv copy "
        f"{plain_s:.2f} s, ratio {report['ratio']:.2f}; target <= 2); "
        f"--jobs 1: {one_job_s:.2f} s, ratio {report['ratio_one_job']:.2f}"
    )
    print(
        f"peak RSS               {rss_big / 1024:6.1f} MB at 1M rows, {rss_small / 1024:.1f} MB at "
        f"100k (ratio {report['rss_ratio']:.2f}; target <= 1.5)"
    )
    print(
        f"resolve_series         {report['resolve_series_rows_per_s']:,.0f} rows/s "
        f"(pandas.factorize alone {report['baseline_factorize_rows_per_s']:,.0f} rows/s); "
        f"{resolved:.1%} of rows resolved"
    )
    if polars_s is not None:
        print(f"polars resolve_series  {len(series) / polars_s:,.0f} rows/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
