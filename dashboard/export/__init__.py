"""Exports of what the dashboard shows: chart images, table files and slide decks (no Streamlit).

`images` renders figures with their title, source line and date drawn on them (kaleido with the
local Chromium); `tables` writes CSV and XLSX safe to open in a spreadsheet; `deck` assembles
the presentation's slides into PPTX or PDF. `python -m dashboard.export` is the command line.
"""
