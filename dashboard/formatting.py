"""Locale-aware number, money and date formatting (babel); pure functions, no Streamlit."""

from __future__ import annotations

import math

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from dashboard.i18n import current_language

# babel locale per interface language; Kazakh is written in Cyrillic.
BABEL_LOCALES = {"en": "en_GB", "ru": "ru_RU", "kk": "kk_KZ"}


def _locale() -> str:
    return BABEL_LOCALES.get(current_language(), "en_GB")


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return str(value) == "<NA>"


def number(value: float | int | None, digits: int = 2) -> str:
    """A plain number with the locale's separators (`20,592,571`, `4.2`)."""
    if is_missing(value):
        return "—"
    return format_decimal(value, format=f"#,##0.{'#' * digits}" if digits else "#,##0", locale=_locale())


def compact(value: float | int | None) -> str:
    """A short number for tiles and hover text (`20.6M`, `261B`)."""
    if is_missing(value):
        return "—"
    return format_compact_decimal(value, format_type="short", fraction_digits=1, locale=_locale())


def with_unit(value: float | int | None, unit: str | None) -> str:
    """A value with its unit as the data states it (`11 USD bn`, `5 times`)."""
    if is_missing(value):
        return "—"
    text = number(value)
    return f"{text} {unit}" if unit else text


def iso_date(text: str | None) -> str:
    """A data-table date (`2024-08-09`, `2025-10`, `2026`) in the reader's locale."""
    if not text or is_missing(text):
        return "—"
    parts = str(text).split("-")
    try:
        if len(parts) == 3:
            import datetime as dt

            return format_date(dt.date(*map(int, parts)), format="long", locale=_locale())
    except ValueError:
        return str(text)
    return str(text)
