"""Reusable pieces of pages (they call Streamlit; the data they show comes from queries)."""
