"""URL parsing of the country filter."""

from __future__ import annotations

from dashboard.state import parse_countries

VALID = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_known_codes_are_kept_in_order_and_case_insensitively():
    """`kaz,UZB` gives KAZ then UZB."""
    assert parse_countries("kaz,UZB", VALID) == (["KAZ", "UZB"], [])


def test_unknown_codes_are_reported_not_kept():
    """Unknown and malformed items are returned as rejected; duplicates collapse."""
    known, rejected = parse_countries("KAZ,XXX,KAZ,<script>", VALID)
    assert known == ["KAZ"]
    assert rejected == ["XXX", "<script>"]


def test_missing_parameter_gives_nothing():
    """No parameter: no codes, nothing rejected."""
    assert parse_countries(None, VALID) == ([], [])
