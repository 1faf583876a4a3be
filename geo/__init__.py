"""Country boundaries for Ortaq's maps: the committed GeoJSON, its loader and its builder.

Plain Python (no Streamlit): `geo.boundaries` loads `geo/boundaries.geojson` for the app;
`python -m geo.build_boundaries` rebuilds it from Natural Earth via the npm package
`world-atlas` (see `geo/ATTRIBUTION.md`).
"""
