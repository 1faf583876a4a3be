"""The faster paths of the Energy and water and Digital queries give what the plain pandas ones gave."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.queries import energy_water as q
from data.loader import DATA_DIR, load_all


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return load_all(DATA_DIR).tables


def _same_records(expected: list[dict], actual: list[dict]) -> None:
    assert len(actual) == len(expected)
    for want, got in zip(expected, actual, strict=True):
        assert list(got) == list(want)
        for column, value in want.items():
            assert type(got[column]) is type(value), (column, value, got[column])
            if isinstance(value, float) and math.isnan(value):
                assert math.isnan(got[column])
            else:
                assert got[column] == value, column


def test_frame_records_is_to_dict_records_for_every_table_and_derived_frame(tables):
    """Same keys, values and Python types (pd.NA as None, numpy scalars as Python ones) as to_dict('records')."""
    frames = dict(tables)
    frames["levels"] = q.caspian_levels(tables["series"], tables["sources"], ["KAZ", "AZE", "TKM"])
    frames["positions"] = q.project_positions(q.energy_projects(tables["projects"], None), tables["places"])
    frames["changes"] = q.caspian_changes(tables["figures"], tables["sources"], ["KAZ", "AZE"])
    frames["no rows"] = tables["figures"].iloc[0:0]
    for frame in frames.values():
        _same_records(frame.to_dict("records"), q.frame_records(frame))


def _with_sources_plainly(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """with_sources as it was written before its per-frame index."""
    by_id = {str(row["id"]): row for row in sources.to_dict("records")}
    names = [q.source_name(by_id.get(str(sid), {"id": sid})) for sid in frame["source_id"]]
    dates = [by_id.get(str(sid), {}).get("date", pd.NA) for sid in frame["source_id"]]
    return frame.assign(source_name=names, source_date=pd.Series(dates, index=frame.index, dtype="string"))


def test_with_sources_matches_the_plain_lookup_including_unknown_ids(tables):
    figures = pd.concat([tables["figures"], tables["figures"].head(1).assign(source_id="no-such-source")])
    pd.testing.assert_frame_equal(q.with_sources(figures, tables["sources"]),
                                  _with_sources_plainly(figures, tables["sources"]))
    unknown = q.with_sources(figures.tail(1), tables["sources"])
    assert unknown["source_name"].tolist() == ["no-such-source"]
    assert unknown["source_date"].isna().all()


def test_with_sources_reads_a_new_sources_frame_not_the_index_of_an_old_one(tables):
    """An edited sources table is a new frame: its names show, and the old frame keeps its own."""
    sources = tables["sources"]
    row = sources.index[sources["kind"] != "speech"][0]
    edited = sources.copy()
    edited.loc[row, "publisher"] = "An edited publisher"
    figure = tables["figures"].head(1).assign(source_id=str(sources.loc[row, "id"]))
    assert q.with_sources(figure, sources)["source_name"].tolist() == [str(sources.loc[row, "publisher"])]
    assert q.with_sources(figure, edited)["source_name"].tolist() == ["An edited publisher"]
    assert q.with_sources(figure, sources)["source_name"].tolist() == [str(sources.loc[row, "publisher"])]


def test_theme_figures_keep_order_and_filter_as_before(tables):
    """Only the themes' figures are filtered by country now; the result is the same as filtering them all."""
    from dashboard.queries import figures_for_countries

    figures = tables["figures"]
    for selected in (None, ["KAZ", "UZB"], ["TUR"], ["HUN"], []):
        relevant = figures if selected is None else figures_for_countries(figures, selected)
        relevant = relevant.set_index("id", drop=False)
        expected = []
        for theme in q.WATER_THEMES:
            present = [fid for fid in theme.figure_ids if fid in relevant.index]
            if present:
                expected.append((theme, relevant.loc[present].reset_index(drop=True)))
        got = q.theme_figures(figures, q.WATER_THEMES, selected)
        assert [theme for theme, _ in got] == [theme for theme, _ in expected]
        for (_, want), (_, have) in zip(expected, got, strict=True):
            pd.testing.assert_frame_equal(have, want)
