"""Performance benchmark of Ortaq against a bare Streamlit baseline: `python -m tests.bench.run`.

No file here is named test_*.py, so pytest never collects the benchmark; it is run on purpose
(`make bench`), takes minutes, and prints a table and one JSON line.
"""
