"""Queries of the Trade page: intra-regional trade, growth still needed, Kazakhstan's bilateral trade.

Pure pandas and arithmetic (no Streamlit). Values from different sources or reporters are
kept apart and never averaged; part-year values are returned separately from full years.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.memo import memoized

INTRA_METRIC = "intra-ca-trade"
TARGET_METRIC = "intra-ca-trade-target"
BILATERAL_METRIC = "bilateral-trade"
COUNTRY_CA_METRIC = "country-ca-trade"
# The only reporter whose bilateral trade the series holds: every pair is Kazakhstan–partner.
HOME = "KAZ"
# Targets drawn on the trend, in the order they were set, and quoted actual values marked on it.
TARGET_FIGURE_IDS = ("c5-trade-target-15bn", "c5-trade-target-20bn")
QUOTED_FIGURE_IDS = ("c5-trade-11bn", "c5-trade-11-5bn-2024")
DEFAULT_TARGET_ID = "c5-trade-target-15bn"


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from `start` to `end` over `years` years (0.1 = 10 % a year)."""
    if years <= 0:
        raise ValueError("years must be positive")
    if start <= 0 or end < 0:
        raise ValueError("values must be positive")
    return (end / start) ** (1 / years) - 1


def required_growth(base_value: float, base_year: int, target_value: float, target_year: int) -> float | None:
    """Annual growth needed to go from the base value to the target by the target year.

    None when the target year is not after the base year (no span to grow over). A negative
    rate means the target is already met.
    """
    if target_year <= base_year:
        return None
    return cagr(base_value, target_value, target_year - base_year)


def year_reached(base_value: float, base_year: int, target_value: float, rate: float) -> float | None:
    """The (fractional) year in which `base_value` growing at `rate` a year reaches the target.

    None when the rate never gets there (zero or negative growth below the target).
    """
    if base_value >= target_value:
        return float(base_year)
    if rate <= 0:
        return None
    return base_year + math.log(target_value / base_value) / math.log(1 + rate)


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """A short label per source: `publisher, date` (several sources share a publisher)."""
    labels = {}
    for row in sources.itertuples(index=False):
        date = "" if pd.isna(row.date) else f", {row.date}"
        labels[str(row.id)] = f"{row.publisher}{date}"
    return labels


def _labelled(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    # Whole columns at once: the series may hold a million rows.
    labels = pd.Series(source_labels(sources), dtype=object)
    publishers = sources.drop_duplicates("id").set_index("id")["publisher"]
    source_ids = rows["source_id"].astype(str)
    return rows.assign(
        publisher=source_ids.map(publishers).fillna(source_ids).astype(str),
        label=source_ids.map(labels).fillna(source_ids).astype(str),
    )


@memoized
def metric_rows(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The series rows of one metric, split off once per data version (every query starts here)."""
    return series[series["metric"] == metric]


def metric_points(series: pd.DataFrame, metric: str, sources: pd.DataFrame) -> pd.DataFrame:
    """Full-year values of a metric, one row per (country, partner, year, source), with source labels."""
    rows = metric_rows(series, metric)
    rows = rows[rows["period_type"] == "year"]
    return _labelled(rows, sources).sort_values(["country", "source_id", "year"]).reset_index(drop=True)


def non_annual_points(series: pd.DataFrame, metric: str, sources: pd.DataFrame) -> pd.DataFrame:
    """Part-year values and readings at a date: shown apart, never joined to full years."""
    rows = metric_rows(series, metric)
    rows = rows[rows["period_type"] != "year"]
    return _labelled(rows, sources).sort_values(["country", "year", "source_id"]).reset_index(drop=True)


def figures_by_id(figures: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """The figures with these ids that exist and have a value, in the order given."""
    rows = figures[figures["id"].isin(ids) & figures["value"].notna()].set_index("id", drop=False)
    return rows.loc[[fid for fid in ids if fid in rows.index]].reset_index(drop=True)


def target_choices(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct trade target value (the first figure stating it), smallest first."""
    rows = figures[(figures["metric"] == TARGET_METRIC) & figures["value"].notna()]
    rows = rows.drop_duplicates(subset="value", keep="first")
    return rows.sort_values("value").reset_index(drop=True)


def base_options(series: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's latest full-year regional total: the values a growth path can start from.

    Newest year first, so the first row is the latest full-year value in the data.
    """
    points = metric_points(series, INTRA_METRIC, sources)
    points = points[points["country"] == "C5"]
    latest = points.sort_values("year").groupby("source_id", sort=False).tail(1)
    return latest.sort_values(["year", "source_id"], ascending=[False, True]).reset_index(drop=True)


def pace_options(series: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Growth achieved per source: first and last full-year value of the SAME source and their CAGR."""
    points = metric_points(series, INTRA_METRIC, sources)
    points = points[points["country"] == "C5"]
    rows = []
    for source_id, group in points.groupby("source_id", sort=True):
        group = group.sort_values("year")
        first, last = group.iloc[0], group.iloc[-1]
        if int(last["year"]) <= int(first["year"]) or float(first["value"]) <= 0:
            continue
        rows.append(
            {
                "source_id": source_id,
                "label": last["label"],
                "start_year": int(first["year"]),
                "start_value": float(first["value"]),
                "end_year": int(last["year"]),
                "end_value": float(last["value"]),
                "rate": cagr(float(first["value"]), float(last["value"]), int(last["year"]) - int(first["year"])),
                "verified": bool(group["verified"].all()),
            }
        )
    columns = ["source_id", "label", "start_year", "start_value", "end_year", "end_value", "rate", "verified"]
    return pd.DataFrame(rows, columns=columns)


def growth_path(base_value: float, base_year: int, rate: float, end_year: int) -> pd.DataFrame:
    """Year-by-year values of `base_value` compounding at `rate` up to `end_year` (a what-if)."""
    years = list(range(base_year, end_year + 1))
    return pd.DataFrame({"year": years, "value": [base_value * (1 + rate) ** (y - base_year) for y in years]})


def bilateral_partners(series: pd.DataFrame, selected: list[str]) -> list[str]:
    """Kazakhstan's partners to show: the selected ones, or all of them when none is selected.

    The series holds Kazakhstan–partner pairs only. Selecting a partner shows its pair with
    Kazakhstan; selecting Kazakhstan alone (or no partner that has data) shows every partner.
    """
    rows = metric_rows(series, BILATERAL_METRIC)
    rows = rows[rows["country"] == HOME]
    partners = sorted(set(rows["partner"].dropna().astype(str).unique()))
    chosen = [partner for partner in partners if partner in selected]
    return chosen or partners


def reporter_side(reporter: object, partner: str) -> str:
    """`home` (Kazakhstan's statistics), `partner` (the partner's) or `unstated`."""
    if reporter is None or pd.isna(reporter) or not str(reporter):
        return "unstated"
    if str(reporter) == HOME:
        return "home"
    if str(reporter) == partner:
        return "partner"
    return "unstated"


def bilateral_points(series: pd.DataFrame, sources: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    """Every Kazakhstan–partner value (full and part years) for the partners, with the reporter side."""
    rows = metric_rows(series, BILATERAL_METRIC)
    rows = rows[(rows["country"] == HOME) & rows["partner"].isin(partners)]
    rows = _labelled(rows, sources)
    # reporter_side, for whole columns: Kazakhstan's statistics, the partner's, or unstated.
    reporter = rows["reporter"].astype(object).where(rows["reporter"].notna(), "").astype(str)
    partner = rows["partner"].astype(object).where(rows["partner"].notna(), "").astype(str)
    side = np.select(
        [reporter == "", reporter == HOME, reporter == partner], ["unstated", "home", "partner"], default="unstated"
    )
    rows = rows.assign(side=side)
    return rows.sort_values(["partner", "year", "period_type", "side", "source_id"]).reset_index(drop=True)


def _described(rows: pd.DataFrame) -> str:
    # Each distinct (value, source) once: repeated rows would say the same thing again.
    described = (f"{row.value:g} ({row.label})" for row in rows.itertuples(index=False))
    return "; ".join(dict.fromkeys(described))


def bilateral_disagreements(points: pd.DataFrame) -> pd.DataFrame:
    """Full years for which a pair has different values: Kazakhstan's and the partner's side by side."""
    full = points[points["period_type"] == "year"]
    rows = []
    for (partner, year), group in full.groupby(["partner", "year"], sort=True):
        if group["value"].nunique() < 2:
            continue
        home, other_side, unstated = (group[group["side"] == side] for side in ("home", "partner", "unstated"))
        rows.append(
            {
                "year": int(year),
                "partner": partner,
                "kaz_reported": _described(home),
                "partner_reported": _described(other_side),
                "reporter_not_stated": _described(unstated),
                "difference": round(float(group["value"].max() - group["value"].min()), 4),
            }
        )
    columns = ["year", "partner", "kaz_reported", "partner_reported", "reporter_not_stated", "difference"]
    return pd.DataFrame(rows, columns=columns)


def partner_trade_metric(points: pd.DataFrame) -> pd.DataFrame:
    """The map's metric: per partner, its latest full-year trade with Kazakhstan.

    Within the latest year Kazakhstan's own statistics win, then the partner's, then an
    unstated reporter; `sources` names the year's source and reporter for the hover.
    """
    full = points[points["period_type"] == "year"]
    order = {"home": 0, "partner": 1, "unstated": 2}
    rows = []
    for partner, group in full.groupby("partner", sort=True):
        group = group.assign(rank=group["side"].map(order))
        best = group.sort_values(["year", "rank", "source_id"], ascending=[False, True, True]).iloc[0]
        reporter = "" if pd.isna(best["reporter"]) else str(best["reporter"])
        rows.append(
            {
                "iso3": partner,
                "value": float(best["value"]),
                "year": int(best["year"]),
                "reporter": reporter,
                "source_id": best["source_id"],
                "label": best["label"],
                "verified": bool(best["verified"]),
            }
        )
    return pd.DataFrame(rows, columns=["iso3", "value", "year", "reporter", "source_id", "label", "verified"])


def country_ca_points(series: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Every value (full and part years) of the selected countries' trade with the rest of Central Asia."""
    rows = metric_rows(series, COUNTRY_CA_METRIC)
    rows = rows[rows["country"].isin(selected)]
    return _labelled(rows, sources).sort_values(["country", "year", "source_id"]).reset_index(drop=True)

