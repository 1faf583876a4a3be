"""Pure chart builders: DataFrames and options in, a Plotly figure out; no I/O, no Streamlit."""
