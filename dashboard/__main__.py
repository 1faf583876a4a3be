"""`python -m dashboard`: start Ortaq with the repository's Streamlit settings."""

from dashboard.launcher import main

main()
