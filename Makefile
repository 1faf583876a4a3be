# Ortaq — every command a developer needs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint unit app e2e screenshots slides bench load validate i18n geo clean

help: ## List the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

run: $(STAMP) ## Start the dashboard on http://127.0.0.1:8501 (PORT=... to change)
	$(PY) -m dashboard

test: $(STAMP) ## Every check: lint, data validation, unit, app and browser tests
	$(PY) -m ruff check .
	$(PY) -m data.validate
	$(PY) -m pytest -n 2

lint: $(STAMP) ## Ruff over the whole repository
	$(PY) -m ruff check .

validate: $(STAMP) ## Check every table, metadata file and cross-reference in data/
	$(PY) -m data.validate

unit: $(STAMP) ## Unit tests only (fast)
	$(PY) -m pytest tests/unit

app: $(STAMP) ## Streamlit AppTests of the pages
	$(PY) -m pytest tests/app

e2e: $(STAMP) ## Browser tests in Debian's Chromium (screenshots in artifacts/)
	$(PY) -m pytest tests/e2e

screenshots: $(STAMP) ## Refresh the README's page screenshots in docs/ (runs the browser tests)
	$(PY) -m pytest tests/e2e -q
	cp artifacts/page-*.png docs/
	cp artifacts/presentation-chart.png docs/page-presentation.png

slides: $(STAMP) ## The slides of a view: make slides COUNTRIES=KAZ,UZB SLIDES_LANG=ru FORMAT=pdf
	mkdir -p artifacts
	$(PY) -m dashboard.export --countries $(or $(COUNTRIES),KAZ,KGZ,TJK,TKM,UZB) --lang $(or $(SLIDES_LANG),en) \
		--format $(or $(FORMAT),pptx) --out artifacts/ortaq-slides.$(or $(FORMAT),pptx)

bench: $(STAMP) ## Ortaq vs a bare Streamlit page: first chart, reruns, bytes, memory, growth (15–25 min; BENCH_ARGS=--quick)
	$(PY) -m tests.bench.run $(BENCH_ARGS)

load: $(STAMP) ## 20 browser sessions for 60 s: a bare-Streamlit baseline, one server, two replicas behind nginx (last line JSON)
	$(PY) -m tests.load.run

i18n: $(STAMP) ## Re-extract interface strings and update the kk and ru catalogs (dashboard/locales)
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg -k t -k N_ --no-location --sort-output \
		--project=Ortaq -o dashboard/locales/ortaq.pot .
	for lang in kk ru; do \
		if [ -f dashboard/locales/$$lang/LC_MESSAGES/ortaq.po ]; then \
			$(VENV)/bin/pybabel update -i dashboard/locales/ortaq.pot -d dashboard/locales -D ortaq -l $$lang \
				--ignore-obsolete --no-fuzzy-matching; \
		else \
			$(VENV)/bin/pybabel init -i dashboard/locales/ortaq.pot -d dashboard/locales -D ortaq -l $$lang; \
		fi; \
	done

geo: $(STAMP) ## Rebuild geo/boundaries.geojson from Natural Earth (npm world-atlas) and its served copy
	npm ci --prefix geo
	$(PY) -m geo.build_boundaries
	cp geo/boundaries.geojson dashboard/static/boundaries.geojson

clean: ## Remove the virtual environment and test artifacts
	rm -rf $(VENV) artifacts
