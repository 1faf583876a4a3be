"""The baseline: a bare Streamlit page with one small Plotly chart.

It has what the benchmark touches on Ortaq and nothing else: a sidebar country filter with the
same widget key and two preset buttons with the same keys, so a filter change is driven the
same way on both apps, and one line chart that depends on the selection.
"""

import plotly.graph_objects as go
import streamlit as st

COUNTRIES = ["AZE", "KAZ", "KGZ", "TJK", "TKM", "TUR", "UZB"]
PRESETS = {"c5": ["KAZ", "KGZ", "TJK", "TKM", "UZB"], "ots": ["AZE", "KAZ", "KGZ", "TUR", "UZB"]}
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]


def _set(codes: list[str]) -> None:
    st.session_state["country_filter"] = list(codes)


st.set_page_config(page_title="Baseline", layout="wide")
if "country_filter" not in st.session_state:
    st.session_state["country_filter"] = list(PRESETS["c5"])
st.sidebar.button("Central Asian five", key="preset-c5", on_click=_set, args=(PRESETS["c5"],))
st.sidebar.button("OTS members", key="preset-ots", on_click=_set, args=(PRESETS["ots"],))
selected = st.sidebar.multiselect("Selected countries", COUNTRIES, key="country_filter")

st.title("Baseline")
values = [len(selected) + 0.5 * i for i in range(len(YEARS))]
figure = go.Figure(go.Scatter(x=YEARS, y=values, mode="lines+markers", name="selected"))
figure.update_layout(title="One small chart", height=360)
st.plotly_chart(figure, key="baseline_chart", width="stretch")
