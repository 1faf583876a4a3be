"""Where a page's rerun time goes: cProfile over warm AppTest reruns, in the script thread.

    python -m tests.bench.profiler trade                 # the whole app on the Trade page
    python -m tests.bench.profiler trade --rows 1000000  # with the series scaled (tests/bench/synth.py)
    python -m tests.bench.profiler energy_water --reruns 10 --top 40 --out /tmp/ew.prof

Prints the functions of dashboard/, data/ and geo/ by cumulative time, then every function by
own time, each as ms per rerun. `--out` keeps the raw profile for snakeviz or pstats.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench import instrument
from tests.bench.common import APP, PAGES, REPO_ROOT, SELECTION_A, SELECTION_B, VIEWS, page_name


def _rows(stats: pstats.Stats, reruns: int, top: int, sort: str, only_repo: bool) -> list[str]:
    entries = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        in_repo = filename.startswith(str(REPO_ROOT)) and "/.venv/" not in filename
        if only_repo and not in_repo:
            continue
        where = os.path.relpath(filename, REPO_ROOT) if in_repo else filename.split("site-packages/")[-1]
        key = cumulative if sort == "cumulative" else own
        entries.append((key, cumulative, own, calls, f"{where}:{line} {function}"))
    entries.sort(reverse=True)
    lines = [f"{'cum ms/run':>11}{'own ms/run':>11}{'calls/run':>10}  function"]
    for _, cumulative, own, calls, name in entries[:top]:
        lines.append(f"{cumulative * 1000 / reruns:>11.1f}{own * 1000 / reruns:>11.1f}{calls / reruns:>10.0f}  {name}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", choices=[page_name(p) for p in PAGES])
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--rows", type=int, help="scale series.csv to this many rows first (page run alone)")
    parser.add_argument("--alone", action="store_true", help="run the page file alone (no app.py sidebar)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, help="write the raw profile here")
    args = parser.parse_args(argv)
    path = {page_name(p): p for p in PAGES}[args.page]
    workdir = Path(tempfile.mkdtemp(prefix="ortaq-profile-"))
    try:
        _profile(args, path, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _profile(args: argparse.Namespace, path: str, workdir: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.bench.rerun import _apply_runner_config

    _apply_runner_config()  # profile what the server runs (magic off, no post-run GC)
    if args.rows:
        from tests.bench.synth import scale_series

        scale_series(workdir / "data", args.rows)
        os.environ["ORTAQ_DATA_DIR"] = str(workdir / "data")
    alone = args.alone or bool(args.rows)

    profile = cProfile.Profile()
    enabled = {"on": False}
    instrument.install(profiler_factory=lambda: profile if enabled["on"] else None)
    if alone:
        app = AppTest.from_file(str(VIEWS / Path(PAGES[path]).name), default_timeout=3600)
        app.session_state["country_filter"] = list(SELECTION_A)
        app.run()

        def change(selection: list[str]) -> None:
            app.session_state["country_filter"] = list(selection)
            app.run()
    else:
        app = AppTest.from_file(str(APP), default_timeout=3600)
        app.run()
        app.switch_page(PAGES[path]).run()

        def change(selection: list[str]) -> None:
            app.multiselect(key="country_filter").set_value(selection).run()

    for selection in (SELECTION_B, SELECTION_A):  # warm-up: each selection once
        change(selection)
    enabled["on"] = True
    del instrument.RUNS[:]
    started = time.perf_counter()
    for i in range(args.reruns):
        change(SELECTION_B if i % 2 == 0 else SELECTION_A)
    wall = (time.perf_counter() - started) * 1000 / args.reruns
    enabled["on"] = False
    script = sum(r["ms"] for r in instrument.RUNS) / max(len(instrument.RUNS), 1)
    if args.out:
        profile.dump_stats(args.out)
    stats = pstats.Stats(profile, stream=io.StringIO())
    print(
        f"{args.page}: {args.reruns} reruns, {script:.0f} ms script per rerun under cProfile "
        f"({wall:.0f} ms AppTest wall); exceptions: {len(app.exception)}"
    )
    print("\nRepository functions by cumulative time:")
    print("\n".join(_rows(stats, args.reruns, args.top, "cumulative", only_repo=True)))
    print("\nAll functions by own time:")
    print("\n".join(_rows(stats, args.reruns, args.top, "own", only_repo=False)))


if __name__ == "__main__":
    main()
