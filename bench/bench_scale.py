"""Benchmark the Dask and Spark adapters against single-process pandas, measured in the same run.

For each size (default 300k, 1M and 10M rows) a Parquet dataset of event rows is written once
(bench/out/scale-ROWS/, files of at most 500k rows, at least 4) with a ``city`` column drawn from
real names of the embedded data in mixed spellings (bench/make_csv.py's values and Zipf weights).
Each engine then runs the same job: read the dataset, resolve ``city``, write the rows with the
result columns as Parquet:

- ``pandas``: one process, ``toponyms.pandas.resolve_series``;
- ``dask``: ``LocalCluster`` with 2 worker processes of 1 thread, ``toponyms.dask.resolve_series``;
- ``spark``: ``local[2]``, ``toponyms.spark.resolve_column`` (Arrow batches of 10,000 rows).

Each engine runs in a process of its own, started once per size, and the runs interleave: each
round runs every engine once, so that a change in the load of the (shared) machine falls on all
of them alike. Reported per engine: the first run (data loads included); the median of 3 runs
with the data loaded and nothing remembered from the run before (the workers' memory of
resolved values is cleared), as the pandas adapter remembers nothing between calls; the median
of 3 more runs that keep what the workers remember (a cluster that has seen the column before);
rows/s and the ratio to pandas; the CPU seconds a cold run costs the engine's whole process
tree (client, scheduler, workers, JVM), which the load of other processes does not inflate as
it does wall time; peak RSS of each worker process (VmHWM); and how many times each
worker process loaded the gazetteer (``Resolver.loaded``, by process id: Dask's workers are
asked before the first run and after the last; Spark's Python workers are watched from outside,
and each one that ran a batch loaded the data on its first).

    python bench/bench_scale.py [ROWS ...] [--engines pandas,dask,spark]

Writes bench/out/scale.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SIZES = (300_000, 1_000_000, 10_000_000)
FILE_ROWS = 500_000
RUNS = 3


def dataset(rows: int) -> Path:
    """The Parquet dataset of this many rows (written once, same rows every time)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = OUT / f"scale-{rows}"
    files = max(4, math.ceil(rows / FILE_ROWS))
    if len(list(folder.glob("*.parquet"))) == files:
        return folder
    sys.path.insert(0, str(HERE))
    from make_csv import distinct_values

    rng = random.Random(20261124)
    values = distinct_values(rng)
    weights = [1.0 / (k + 10) for k in range(len(values))]  # Zipf-like, as make_csv
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        start, stop = rows * i // files, rows * (i + 1) // files
        table = pa.table(
            {
                "event": pa.array(range(start, stop), pa.int64()),
                "city": pa.array(rng.choices(values, weights=weights, k=stop - start)),
            }
        )
        pq.write_table(table, folder / f"part-{i:03d}.parquet")
    return folder


def peak_kb(pid: int | str = "self") -> int:
    """Peak resident memory of a process (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def forget() -> tuple[int, bool]:
    """Clear this worker's memory of resolved values (the next run resolves them afresh)."""
    from toponyms import _partitions

    _partitions._MEMORIES.clear()
    return os.getpid(), True


def loaded() -> tuple[int, bool, int]:
    """(process id, whether its default resolver's data is loaded, its peak RSS in kB)."""
    from toponyms import default_resolver

    return os.getpid(), default_resolver().loaded, peak_kb()


class Engine:
    """One engine's job, run when the bench says (so that the engines' runs interleave)."""

    partitions = 1

    def job(self) -> None:
        raise NotImplementedError

    def forget(self) -> None:
        """Clear what the workers remember of resolved values."""

    def report(self) -> dict[str, Any]:
        """Start-up time, partitions, and [loads, peak RSS kB] by worker process id."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop the cluster."""


class Pandas(Engine):
    def __init__(self, src: Path, dst: Path) -> None:
        from toponyms.pandas import resolve_series

        self.src, self.dst, self.resolve = src, dst / "part-0.parquet", resolve_series
        dst.mkdir(parents=True, exist_ok=True)
        resolve_series(pd.Series(["Kyiv"]))  # load the data outside the timed part

    def job(self) -> None:
        df = pd.read_parquet(self.src)
        pd.concat([df, self.resolve(df["city"])], axis=1).to_parquet(self.dst)

    def report(self) -> dict[str, Any]:
        return {"workers": {os.getpid(): [1, peak_kb()]}}


class Dask(Engine):
    def __init__(self, src: Path, dst: Path) -> None:
        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        self.cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
        self.client = Client(self.cluster)
        self.start_s = time.perf_counter() - t0
        self.src, self.dst = src, dst
        self.before = self.client.run(loaded)

    def job(self) -> None:
        import dask.dataframe as dd

        from toponyms.dask import resolve_series

        ddf = dd.read_parquet(self.src)
        resolved = resolve_series(ddf["city"])
        self.partitions = resolved.npartitions
        ddf.assign(**{c: resolved[c] for c in resolved.columns}).to_parquet(self.dst)

    def forget(self) -> None:
        self.client.run(forget)

    def report(self) -> dict[str, Any]:
        # The same processes before and after (none restarted), their data not loaded before
        # the first run and loaded after all runs: one load each.
        workers = {}
        for address, (pid, is_loaded, kb) in self.client.run(loaded).items():
            old_pid, was_loaded, _ = self.before[address]
            assert pid == old_pid, f"worker {address} was restarted"
            workers[pid] = [int(is_loaded) - int(was_loaded), kb]
        return {"cluster_start_s": self.start_s, "partitions": self.partitions, "workers": workers}

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


class _PythonWorkers:
    """The Python worker processes Spark forks, watched from outside: ids and peak RSS."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.seen: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def sample(self) -> None:
        import psutil

        for proc in self._me.children(recursive=True):
            try:
                daemon = "pyspark.daemon" in " ".join(proc.cmdline())
                parent = proc.parent()
                forked = parent is not None and "pyspark.daemon" in " ".join(parent.cmdline())
                if daemon and forked:  # a worker: forked by the daemon, same command line
                    self.seen[proc.pid] = max(self.seen.get(proc.pid, 0), peak_kb(proc.pid))
            except (psutil.Error, OSError):
                continue

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


class Spark(Engine):
    def __init__(self, src: Path, dst: Path) -> None:
        from pyspark.sql import SparkSession

        t0 = time.perf_counter()
        self.spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.pyspark.python", sys.executable)
            .config("spark.driver.memory", "4g")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.start_s = time.perf_counter() - t0
        self.src, self.dst = src, dst
        self.watcher = _PythonWorkers()

    def job(self) -> None:
        from toponyms.spark import resolve_column

        df = self.spark.read.parquet(str(self.src))
        self.partitions = df.rdd.getNumPartitions()
        resolve_column(df, "city").write.mode("overwrite").parquet(str(self.dst))

    def forget(self) -> None:
        probe_all(self.spark, forget)

    def report(self) -> dict[str, Any]:
        states = {pid: is_loaded for pid, is_loaded, _ in probe_all(self.spark, loaded)}
        self.watcher.sample()
        # Every worker process that ran a batch loaded the data once, on its first batch.
        workers = {pid: [int(states.get(pid, True)), kb] for pid, kb in self.watcher.seen.items()}
        return {"session_start_s": self.start_s, "partitions": self.partitions, "workers": workers}

    def close(self) -> None:
        self.watcher.stop()
        self.spark.stop()


def probe_all(spark: Any, job: Callable[[], Any]) -> list[Any]:
    """``job`` in 32 one-row tasks of a pandas UDF, so in the Python workers that run the
    adapter's UDF (an RDD job would start workers of its own); one answer per process id."""
    from pyspark.sql.functions import pandas_udf

    def ask(ids: pd.Series) -> pd.Series:
        return pd.Series([json.dumps(job())] * len(ids))

    asking = pandas_udf(ask, returnType="string")  # type: ignore[call-overload]
    rows = spark.range(0, 32, 1, 32).select(asking("id").alias("answer")).collect()
    found = [json.loads(row.answer) for row in rows]
    return list({answer[0]: answer for answer in found}.values())


ENGINES: dict[str, type[Engine]] = {"pandas": Pandas, "dask": Dask, "spark": Spark}


def engine_main(name: str, rows: int) -> int:
    """Serve one engine: read commands (first, cold, warm, report, quit), answer in JSON."""
    engine = ENGINES[name](dataset(rows), OUT / f"scale-result-{name}")
    for command in sys.stdin:
        command = command.strip()
        if command == "quit":
            break
        if command == "report":
            answer: Any = {**engine.report(), "client_peak_kb": peak_kb()}
        else:
            if command == "cold":
                engine.forget()
            c0, t0 = cpu_s(), time.perf_counter()
            engine.job()
            answer = [time.perf_counter() - t0, cpu_s() - c0]
        print(json.dumps(answer), flush=True)
    engine.close()
    return 0


def cpu_s() -> float:
    """CPU seconds used so far by this process and every process under it (workers, JVM)."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return total


def _ask(process: subprocess.Popen[str], command: str) -> Any:
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(command + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        msg = f"the engine process stopped at {command!r}"
        raise RuntimeError(msg)
    return json.loads(line)


def compare(rows: int, engines: list[str]) -> dict[str, dict[str, Any]]:
    """Every engine's runs on one dataset, interleaved: each round runs each engine once, so
    that a change in the load of the machine falls on all of them alike."""
    dataset(rows)
    procs = {
        name: subprocess.Popen(
            [sys.executable, __file__, "--engine", name, str(rows)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for name in engines
    }
    results: dict[str, dict[str, Any]] = {n: {"runs_s": [], "warm_runs_s": []} for n in engines}
    try:
        for name, proc in procs.items():
            results[name]["first_s"] = _ask(proc, "first")[0]
        for key, command in (("runs_s", "cold"), ("warm_runs_s", "warm")):
            for _ in range(RUNS):
                for name, proc in procs.items():
                    wall, cpu = _ask(proc, command)
                    results[name][key].append(wall)
                    results[name].setdefault(f"{command}_cpu_s", []).append(cpu)
        for name, proc in procs.items():
            results[name].update(_ask(proc, "report"))
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                assert proc.stdin is not None
                proc.stdin.write("quit\n")
                proc.stdin.close()
                proc.wait()
    for result in results.values():
        result["median_s"] = statistics.median(result["runs_s"])
        result["warm_median_s"] = statistics.median(result["warm_runs_s"])
        result["rows_per_s"] = rows / result["median_s"]
        result["cpu_median_s"] = statistics.median(result["cold_cpu_s"])
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--engines", default="pandas,dask,spark")
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # serve one engine (internal)
    args = parser.parse_args(argv[1:])
    if args.engine:
        return engine_main(args.engine, args.rows[0])
    # The saved gazetteer exists before any timed process (see toponyms._snapshot).
    subprocess.run([sys.executable, "-m", "toponyms.cli", "resolve", "Kyiv"], check=True)
    engines = args.engines.split(",")
    report: dict[str, dict[str, Any]] = {}
    for rows in args.rows:
        results = compare(rows, engines)
        for name in engines:
            report[f"{name}-{rows}"] = results[name]
            _print(name, rows, results[name], results.get("pandas"))
    OUT.mkdir(exist_ok=True)
    (OUT / "scale.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _print(engine: str, rows: int, result: dict[str, Any], base: dict[str, Any] | None) -> None:
    ratio = "" if base is None else f" x{result['rows_per_s'] / base['rows_per_s']:.2f} pandas"
    loads = sorted(n for n, _ in result["workers"].values())
    peaks = sorted(round(kb / 1024) for _, kb in result["workers"].values())
    print(
        f"{engine:6} {rows:>10,} rows  median {result['median_s']:6.2f} s "
        f"({result['rows_per_s']:>9,.0f} rows/s){ratio}, "
        f"remembering {result['warm_median_s']:.2f} s, first run {result['first_s']:.2f} s  "
        f"partitions {result.get('partitions', 1)}  loads per worker {loads}  "
        f"peak RSS per worker {peaks} MB  CPU {result['cpu_median_s']:.2f} s per run"
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
