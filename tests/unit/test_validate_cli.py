"""`python -m data.validate`: one line per problem and exit 1, or a one-line summary and exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def validate(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # so `-m data.validate` resolves from any cwd
    return subprocess.run(
        [sys.executable, "-m", "data.validate", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=120,
    )


def test_valid_data_exits_zero_with_a_one_line_summary(data_dir: Path) -> None:
    """On the valid fixtures the CLI prints one summary line (tables, rows) and exits 0."""
    run = validate("--data-dir", str(data_dir))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [
        "ok: 10 tables, 20 rows (sources 2, metrics 2, countries 2, groups 3, places 3, routes 1, projects 1, "
        "figures 2, series 2, initiatives 2)"
    ]


def test_problems_exit_one_with_one_line_each(data_dir: Path) -> None:
    """A bad cell, an unknown reference and a metadata gap give exactly three lines and exit 1."""
    figures = data_dir / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("C5,11,", "C5,abc,"), encoding="utf-8")
    routes = data_dir / "routes.csv"
    routes.write_text(routes.read_text(encoding="utf-8").replace("dostyk;moyinty", "dostyk;nowhere"),
                      encoding="utf-8")
    meta = data_dir / "metrics.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("licence: CC0 (test data)\n", ""), encoding="utf-8")
    run = validate("--data-dir", str(data_dir))
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{data_dir / 'metrics.yaml'}: key 'licence' is missing",
        f"{figures}:2: column 'value': 'abc' is not a number",
        f"{routes}:2: column 'stops': 'nowhere' is not an id in places.csv",
    ]
    assert run.stderr.strip() == "3 problems"


def test_stray_csv_is_reported(data_dir: Path) -> None:
    """A CSV that is not a contract table (and so would be ignored) is a problem."""
    (data_dir / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    run = validate("--data-dir", str(data_dir))
    assert run.returncode == 1
    assert f"{data_dir / 'notes.csv'}: not a table of the contract (data/README.md)" in run.stdout.splitlines()


def test_paths_inside_the_working_directory_are_shown_relative(data_dir: Path) -> None:
    """Files under the working directory print as `data/NAME.csv:LINE:`, short and editor-clickable."""
    metrics = data_dir / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("cargo,Cargo,", "cargo,,"), encoding="utf-8")
    run = validate("--data-dir", "data", cwd=data_dir.parent)
    assert run.stdout.splitlines() == ["data/metrics.csv:3: column 'name_en': a value is required"]


def test_real_data_is_valid() -> None:
    """The repository's own data/ passes every check (tables, metadata, references)."""
    run = validate()
    assert run.returncode == 0, run.stdout + run.stderr
