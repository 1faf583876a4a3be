"""Show a Plotly figure the same way everywhere: offline base map, no logo, a source line."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st


def static_url() -> str:
    """URL prefix of dashboard/static/, honouring a reverse proxy's base path."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"


def plotly_config(filename: str) -> dict:
    """Chart config: local TopoJSON stub (no CDN), no Plotly logo, a sensible file name."""
    return {
        "topojsonURL": static_url(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def show_chart(
    figure: go.Figure,
    key: str,
    source_line: str,
    on_select: Callable[[], None] | None = None,
) -> None:
    """Render `figure` with its source line underneath; clicks call `on_select`."""
    if on_select is None:
        st.plotly_chart(figure, key=key, config=plotly_config(key), width="stretch")
    else:
        st.plotly_chart(
            figure,
            key=key,
            config=plotly_config(key),
            width="stretch",
            on_select=on_select,
            selection_mode="points",
        )
    st.caption(source_line)
