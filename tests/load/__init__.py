"""Load test of Ortaq: many browser sessions at once against one server, then two behind nginx.

`python -m tests.load.run` (or `make load`) is run on purpose: it takes minutes and needs Debian's
Chromium (and nginx for the two-replica run). pytest collects only test_*.py here (the nginx
configuration check), never the load run itself.
"""
