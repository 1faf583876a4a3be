"""One thing wrong with a data file, located so a curator can open the file at that line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: ``file`` as shown to the user, ``row`` its line (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        # `file:line: message` is the compiler convention: editors and terminals jump to it.
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = self.message if self.column is None else f"column {self.column!r}: {self.message}"
        # One problem per output line, whatever the cell held.
        return f"{where}: {what}".replace("\r", "\\r").replace("\n", "\\n")


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when inside it (``data/x.csv``), else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError):
        return str(path)


def show(value: object, limit: int = 60) -> str:
    """A cell value quoted for a message, cut short so one problem stays one readable line."""
    text = repr(str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"
