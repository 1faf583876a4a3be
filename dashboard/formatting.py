"""Locale-aware number, money and date formatting (babel); pure functions, no Streamlit."""

from __future__ import annotations

import math

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from dashboard.i18n import N_, current_language, t

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


# Every unit the tables use, marked for the catalogs; the data keeps the English symbol.
UNITS = {
    unit: unit
    for unit in (
        N_("%"), N_("GW"), N_("MW"), N_("TEU"), N_("USD bn"), N_("USD m"), N_("KZT bn"), N_("bcm/yr"),
        N_("bn kWh/yr"), N_("bn m3"), N_("cm"), N_("cm/yr"), N_("count"), N_("km"), N_("km/day"), N_("m"),
        N_("m BS"), N_("m t"), N_("million t"), N_("million t/yr"), N_("pairs/day"), N_("students"),
        N_("thousand km2"), N_("times"), N_("years"), N_("people"), N_("USD"),
    )
}


def unit_label(unit: str | None) -> str:
    """A unit in the reader's language (`USD bn` -> `млрд долл. США`); unknown units as given."""
    if unit is None or is_missing(unit):
        return ""
    return t(str(unit)) if str(unit) in UNITS else str(unit)


def money_bn(value: float | int | None) -> str:
    """Billions of US dollars as the locale writes them: `USD 11 bn`, `11 млрд долл. США`."""
    if is_missing(value):
        return "—"
    return t("USD {value} bn", value=number(value))


def with_unit(value: float | int | None, unit: str | None) -> str:
    """A value with its unit in the reader's language (`USD 11 bn`, `5 times`, `1 860 MW`)."""
    if is_missing(value):
        return "—"
    if unit == "USD bn":
        return money_bn(value)
    text = number(value)
    return f"{text} {unit_label(unit)}" if unit else text


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
