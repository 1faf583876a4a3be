"""Ortaq's curated tables and the plain-Python code that loads and checks them (no Streamlit)."""
