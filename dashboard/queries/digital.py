"""Queries of the Digital and AI page: the AI training counts, Alem.AI, the proposed digital centres.

Pure pandas (no Streamlit): DataFrames in, DataFrames out.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import N_
from dashboard.queries import figures_for_countries
from dashboard.queries.energy_water import Theme, period_date, theme_figures, with_sources
from data.loader import split_list

AI_TRAINING_METRIC = "students-trained-ai"
SPEECH_AI_FIGURE_ID = "ai-students-400k"
REPORTAZ_AI_FIGURE_ID = "ai-students-400-reportaz"

# The Alem.AI centre: the speech's claim, TASS's technical opening and the planned full start.
ALEM_AI_FIGURE_IDS = (
    "alem-ai-technical-opening-2025-10-02",
    "alem-ai-centre-opened",
    "alem-ai-full-operation-plan-2025",
)

# The digital centres and forums proposed at Gabala, each with what other sources report.
DIGITAL_CENTRES = (
    Theme("monitoring-centre", N_("Digital Monitoring Centre"), ("ots-digital-monitoring-centre-proposal",)),
    Theme(
        "innovation-centre",
        N_("OTS Digital Innovation Centre, on the basis of Alem.AI"),
        ("ots-digital-innovation-centre-proposal", "ots-digital-innovation-centre-astanatimes"),
    ),
    Theme(
        "ai-university",
        N_("AI research university, with grants for Turkic youth"),
        ("ai-research-university-plan", "ai-university-grants-turkic-youth"),
    ),
    Theme(
        "informal-summit",
        N_("Informal OTS summit on “Artificial Intelligence and Digital Development”, and a conference before it"),
        ("ots-informal-summit-ai-2026", "ots-ai-conference-before-informal-summit"),
    ),
    Theme(
        "cybersecurity-council",
        N_("OTS Cybersecurity Council"),
        (
            "ots-cybersecurity-council-proposal",
            "ots-cybersecurity-council-cica",
            "almaty-cybersecurity-conference-2025-09",
        ),
    ),
)


def page_figure_ids() -> list[str]:
    """Every figure id the page can show outside the AI training chart."""
    ids = list(ALEM_AI_FIGURE_IDS)
    for theme in DIGITAL_CENTRES:
        ids.extend(theme.figure_ids)
    return ids


def short_source(source_name: str, source_kind: object) -> str:
    """A bar label: the speaker of a speech (without the event), else the publisher."""
    return source_name.split(",")[0] if source_kind == "speech" else source_name


def ai_training(figures: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """Every stated count of students trained in AI, one row per source, the speech first.

    Values stay as each source prints them (Report.az's 400 included): the page explains a
    discrepancy, it does not correct it.
    """
    rows = figures[figures["metric"] == AI_TRAINING_METRIC]
    rows = figures_for_countries(rows, selected)
    rows = with_sources(rows, sources)
    kinds = sources.set_index("id")["kind"]
    rows = rows.assign(
        source_kind=rows["source_id"].map(kinds),
        is_speech=rows["id"] == SPEECH_AI_FIGURE_ID,
    )
    rows = rows.assign(short_source=[short_source(str(n), k) for n, k in zip(rows["source_name"],
                                                                            rows["source_kind"], strict=True)])
    return rows.sort_values(["is_speech", "source_date", "id"], ascending=[False, True, True],
                            na_position="last").reset_index(drop=True)


def alem_ai(figures: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> pd.DataFrame:
    """The Alem.AI figures in time order: each dated by its period, else by its source's date."""
    rows = figures[figures["id"].isin(ALEM_AI_FIGURE_IDS)]
    rows = with_sources(figures_for_countries(rows, selected), sources)
    when = [
        str(period) if not pd.isna(period) else (str(date) if not pd.isna(date) else "")
        for period, date in zip(rows["period"], rows["source_date"], strict=True)
    ]
    # A plan "by the end of 2025" sorts after everything dated inside 2025.
    order = [
        pd.Timestamp(int(w), 12, 31) if w.isdigit() else (period_date(w) if w else pd.Timestamp.max) for w in when
    ]
    rows = rows.assign(when=when, order=order)
    return rows.sort_values(["order", "id"]).reset_index(drop=True)


def digital_centres(figures: pd.DataFrame, sources: pd.DataFrame, selected: list[str]) -> list[
    tuple[Theme, pd.DataFrame]
]:
    """Each proposed centre or forum with its figures relevant to the selection, sources attached."""
    return [(theme, with_sources(rows, sources)) for theme, rows in theme_figures(figures, DIGITAL_CENTRES, selected)]


def hidden_by_filter(figures: pd.DataFrame, figure_ids: list[str], selected: list[str]) -> pd.DataFrame:
    """The page's figures the country filter hides, with the countries they concern."""
    rows = figures[figures["id"].isin(figure_ids)]
    kept = set(figures_for_countries(rows, selected)["id"])
    hidden = rows[~rows["id"].isin(kept)]
    return hidden.assign(country_list=hidden["countries"].map(split_list)).reset_index(drop=True)
