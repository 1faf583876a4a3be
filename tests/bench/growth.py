"""Growth: the series table scaled to 10^4, 10^5, 10^6 rows (tests/bench/synth.py).

Per size, in a fresh worker process: load and validation time (data.loader.load_all on the
scaled copy), then the Trade page alone under AppTest with ORTAQ_DATA_DIR pointing at the copy:
one warm-up run (it loads the tables into the process cache), then reruns alternating the two
selections. The script time comes from tests/bench/instrument.py; AppTest's wall time beside it.

Worker: python -m tests.bench.growth --rows 100000 --dir /tmp/x [--reruns 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
from pathlib import Path

from tests.bench.common import PAGES, REPO_ROOT, SELECTION_A, SELECTION_B, VIEWS, median, rounded, run_worker

PAGE = "trade"


def measure(sizes: list[int], workdir: Path, reruns: int, timeout_s: float, log=print) -> dict:
    """One worker per size; a size that fails or times out is reported as such."""
    result = {}
    real = _real_rows()
    for rows in sorted({real, *sizes}):
        started = time.perf_counter()
        # At 10^6 rows a rerun takes seconds: three are enough for a median.
        count = reruns if rows < 10**6 else min(reruns, 3)
        data = run_worker(
            "tests.bench.growth",
            ["--rows", str(rows), "--dir", str(workdir / f"data-{rows}"), "--reruns", str(count)],
            timeout=timeout_s,
        )
        data["wall_s"] = round(time.perf_counter() - started, 1)
        result[str(rows)] = data
        if "error" in data:
            log(f"  {rows:>9,} rows: ERROR {data['error'][:200]}")
        else:
            log(
                f"  {rows:>9,} rows: load {data['load_s']:.2f} s, trade rerun p50 {data['rerun_ms']['p50']:.0f} ms "
                f"(max {data['rerun_ms']['max']:.0f}), first run {data['first_run_s']:.1f} s, "
                f"peak RSS {data['peak_rss_mb']:.0f} MB"
            )
        _cleanup(workdir / f"data-{rows}")
    return result


def _real_rows() -> int:
    with (REPO_ROOT / "data" / "series.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _cleanup(folder: Path) -> None:
    for path in folder.glob("*"):
        path.unlink()
    if folder.exists():
        folder.rmdir()


def worker(rows: int, folder: Path, reruns: int) -> dict:
    from data.loader import load_all
    from tests.bench import instrument
    from tests.bench.synth import scale_series

    started = time.perf_counter()
    real = scale_series(folder, rows)
    generated_s = time.perf_counter() - started

    os.environ["ORTAQ_DATA_DIR"] = str(folder)
    instrument.install()
    # load_all through the dashboard's own cache (data_access.tables() is load_all plus a file
    # fingerprint), so the page's first run finds the tables loaded instead of loading them again.
    started = time.perf_counter()
    try:
        from dashboard import data_access

        loaded = data_access.tables()
    except ImportError:
        loaded = load_all(folder)
    load_s = time.perf_counter() - started
    if not loaded.ok:
        return {"error": "the scaled tables do not validate: " + "; ".join(map(str, loaded.problems[:5]))}
    del loaded

    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(VIEWS / PAGES[PAGE].split("/")[-1]), default_timeout=3600)
    app.session_state["country_filter"] = list(SELECTION_A)
    started = time.perf_counter()
    app.run()
    first_run_s = time.perf_counter() - started
    if app.exception:
        return {"error": f"the trade page raised: {app.exception[0].value}"[:500]}

    script, wall, cpu = [], [], []
    for i in range(reruns):
        app.session_state["country_filter"] = list(SELECTION_B if i % 2 == 0 else SELECTION_A)
        del instrument.RUNS[:]
        started = time.perf_counter()
        app.run()
        wall.append((time.perf_counter() - started) * 1000)
        script.append(sum(r["ms"] for r in instrument.RUNS))
        cpu.append(sum(r["cpu_ms"] for r in instrument.RUNS))
    return {
        "rows": rows,
        "real_rows": real,
        "csv_mb": round((folder / "series.csv").stat().st_size / 1024 / 1024, 1),
        "generate_s": round(generated_s, 2),
        "load_s": round(load_s, 2),
        "first_run_s": round(first_run_s, 2),
        "rerun_ms": {
            "p50": rounded(median(script)),
            "max": rounded(max(script)),
            "all": [round(s) for s in script],
        },
        "rerun_cpu_ms_p50": rounded(median(cpu)),
        "rerun_wall_ms_p50": rounded(median(wall)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "exceptions": len(app.exception),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(worker(args.rows, args.dir, args.reruns)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
