"""dashboard/static/, served by Streamlit at `<base URL>/app/static/`: the TopoJSON stubs and the boundaries.

The map's GeoJSON is served from here so the browser fetches it once per page load (gzip, ~35 KB)
instead of receiving it inside every map's spec over the websocket (118 KB per layer, and a deep
copy of it in Plotly on every rerun). The copy here must equal geo/boundaries.geojson byte for
byte (`make geo` writes both; tests/unit/test_static_boundaries.py checks it); when it does not,
or when ORTAQ_BOUNDARIES points elsewhere, maps embed the loaded GeoJSON as before.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_BOUNDARIES = STATIC_DIR / "boundaries.geojson"


def static_url() -> str:
    """URL prefix of dashboard/static/, honouring a reverse proxy's base path."""
    import streamlit as st  # here, so the export command line can import STATIC_DIR without Streamlit

    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"
