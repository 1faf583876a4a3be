"""Every data/NAME.csv has a NAME.yaml with title, description, units, licence and its columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.metadata import REQUIRED_KEYS, check_metadata, csv_header

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("csv_file", sorted(REPO_DATA.glob("*.csv")), ids=lambda p: p.name)
def test_real_csv_has_complete_metadata(csv_file: Path) -> None:
    """The YAML beside this CSV exists, has the required keys and describes exactly its header."""
    assert csv_file.with_suffix(".yaml").exists(), f"{csv_file.name} has no {csv_file.stem}.yaml beside it"
    problems = check_metadata(csv_file.stem, REPO_DATA)
    assert not problems, "\n".join(map(str, problems))
    assert csv_header(csv_file), f"{csv_file.name} has no header row"


def test_fixture_metadata_is_complete(data_dir: Path) -> None:
    """The valid fixtures pass, so the failures below are caused by the edits alone."""
    for path in data_dir.glob("*.csv"):
        assert check_metadata(path.stem, data_dir) == []


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_missing_required_key(data_dir: Path, key: str) -> None:
    """Dropping any of title/description/units/licence is reported by name."""
    path = data_dir / "metrics.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key}:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [p.message for p in check_metadata("metrics", data_dir)] == [f"key {key!r} is missing"]


def test_columns_must_match_the_header(data_dir: Path) -> None:
    """A header column left undescribed and a described column the CSV lacks are both named."""
    path = data_dir / "metrics.yaml"
    text = path.read_text(encoding="utf-8").replace("  unit: Fixture column unit.\n", "  colour: Red.\n")
    path.write_text(text, encoding="utf-8")
    found = check_metadata("metrics", data_dir)
    assert [(p.column, p.message) for p in found] == [
        ("colour", "described but not a column of metrics.csv"),
        ("unit", "is in the CSV header but not described"),
    ]
    assert found[0].row == 10  # the line of `colour:` in the YAML


def test_empty_description_and_repeated_key(data_dir: Path) -> None:
    """A blank title and a column described twice are reported with their YAML lines."""
    path = data_dir / "metrics.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Fixture metrics", "title: ''")
    path.write_text(text + "  unit: Again.\n", encoding="utf-8")
    found = check_metadata("metrics", data_dir)
    assert [(p.row, p.message) for p in found] == [
        (1, "key 'title' must be non-empty text"),
        (12, "key 'unit' appears more than once"),
    ]


def test_invalid_yaml_and_missing_file(data_dir: Path) -> None:
    """Unparseable YAML names its line; a missing YAML is one problem naming the file."""
    (data_dir / "metrics.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (problem,) = check_metadata("metrics", data_dir)
    assert problem.message.startswith("not valid YAML")
    (data_dir / "metrics.yaml").unlink()
    (problem,) = check_metadata("metrics", data_dir)
    assert problem.file == str(data_dir / "metrics.yaml")
    assert problem.message.startswith("metadata file missing")
