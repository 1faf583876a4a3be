"""The load run's baseline: bare Streamlit with the controls the sessions use and one small chart a page.

`make load` drives this app with the same sessions as Ortaq, on the same machine, to tell what
Streamlit and the browsers cost from what Ortaq adds. It has exactly what a session touches:
seven pages at Ortaq's URL paths in the sidebar navigation, a language switch with the same
labels, the four country presets with the same widget keys, tabs (only the open one drawn) on
the five pages where Ortaq has them, a heading, and one small Plotly chart that depends on the
selection. No data files, no maps, no translations.
"""

import plotly.graph_objects as go
import streamlit as st

COUNTRIES = ["AZE", "HUN", "KAZ", "KGZ", "TJK", "TKM", "TUR", "UZB"]
PRESETS = {
    "c5": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
    "ots": ["AZE", "KAZ", "KGZ", "TUR", "UZB"],
    "ots-observers": ["AZE", "HUN", "KAZ", "KGZ", "TKM", "TUR", "UZB"],
    "all": COUNTRIES,
}
LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
# url_path -> whether the page has tabs (as in Ortaq).
PAGES = {"overview": False, "trade": True, "transport": True, "energy_water": True, "digital": True,
         "initiatives": True, "sources": False}


def _set(codes: list[str]) -> None:
    st.session_state["country_filter"] = list(codes)


def _chart(name: str, part: str) -> None:
    selected = st.session_state["country_filter"]
    values = [len(selected) + 0.5 * i for i in range(len(YEARS))]
    figure = go.Figure(go.Scatter(x=YEARS, y=values, mode="lines+markers", name=part))
    figure.update_layout(title=f"{name}: {part}", height=360)
    st.plotly_chart(figure, key=f"chart-{name}-{part}", width="stretch")


def _page(name: str, tabbed: bool):
    def draw() -> None:
        st.title(f"{name} ({LANGUAGES[st.session_state['lang']]})")
        if not tabbed:
            _chart(name, "one")
            return
        for part, tab in zip(("one", "two", "three"), st.tabs(["One", "Two", "Three"], key=f"tabs-{name}",
                                                                on_change="rerun"), strict=True):
            if tab.open:
                with tab:
                    _chart(name, part)

    return draw


st.set_page_config(page_title="Baseline", layout="wide")
if "country_filter" not in st.session_state:
    st.session_state["country_filter"] = list(PRESETS["c5"])
if "lang" not in st.session_state:
    # A link's language is the session's first, as in Ortaq (the sessions open links with ?lang=).
    st.session_state["lang"] = st.query_params.get("lang") if st.query_params.get("lang") in LANGUAGES else "en"
st.sidebar.title("Baseline")
st.sidebar.segmented_control("Language", list(LANGUAGES), format_func=LANGUAGES.get, key="lang", required=True)
for preset, codes in PRESETS.items():
    st.sidebar.button(preset, key=f"preset-{preset}", on_click=_set, args=(codes,))
st.sidebar.multiselect("Selected countries", COUNTRIES, key="country_filter")
pages = [st.Page(_page(name, tabbed), title=name, url_path=name, default=name == "overview")
         for name, tabbed in PAGES.items()]
st.navigation(pages).run()
