# Every command a developer or CI needs. README's two set-up commands are `make run`
# and `make test`; .ci/run calls `make test` too.
#
# Everything is installed into a project virtual environment (.venv), never into the
# system Python: Debian's and Ubuntu's are "externally managed" and refuse pip installs.
# SYSTEM_PYTHON is the interpreter that creates it (3.11 or newer).
SYSTEM_PYTHON ?= python3
VENV ?= .venv
PYTHON = $(VENV)/bin/python
PIP = $(PYTHON) -m pip install --quiet --disable-pip-version-check

.PHONY: run test install install-test lint load data benchmark capacity load-test mutation venv

run: install ## install what the dashboard needs and start it on http://localhost:8501
	$(PYTHON) -m streamlit run dashboard.py

test: install-test ## install what the tests need (incl. Chromium), check formatting and contracts, run every test
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -c "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
	$(PYTHON) -m pytest -n auto -m "not browser and not serial"  # one worker per core (pytest-xdist)
	$(PYTHON) -m pytest -m "browser or serial"                   # then, alone: tests that time a server or drive Chromium

venv: $(PYTHON)

$(PYTHON):
	@bash scripts/make-venv.sh "$(SYSTEM_PYTHON)" "$(VENV)"

install: venv
	$(PIP) -r requirements.txt

install-test: venv
	$(PIP) -r requirements-dev.txt
	bash scripts/install-system-packages.sh
	npm ci --no-audit --no-fund --loglevel=error

lint: ## ruff's checks and formatting, and the import contracts (pyproject.toml)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -c "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"

load: install ## rebuild data/warehouse.duckdb from data/extracts/
	$(PYTHON) -m indicators load

benchmark: install-test ## every aim as a ratio from one run: build, 108 page views and 96 switches cold and warm, first click; large extracts
	$(PYTHON) -m benchmarks.benchmark
	$(PYTHON) -m benchmarks.large_inputs

mutation: install-test ## mutation scores of the disclosure, statistics, periods and URL core (slow)
	$(PYTHON) -m benchmarks.mutation

capacity: install-test ## readers one server holds (1 to 50, websocket sessions, no browsers): p50/p95, memory
	$(PYTHON) -m benchmarks.capacity

load-test: install-test ## ten browser sessions for a minute: errors, render times, peak memory
	$(PYTHON) -m benchmarks.load_test

REFERENCE = ../shared/reference-data
data: install-test ## rebuild the shipped extracts from the published files in ../shared/reference-data
	$(PYTHON) -m indicators import lait $(REFERENCE)/dfe-lait/lait_long__dorset_comparators.csv --out data/extracts/published_lait.csv
	$(PYTHON) -m indicators import ees $(REFERENCE)/dfe-csc-outcomes-enablers/cla_number_and_rate_per_10k_children__dorset_comparators.csv --out data/extracts/published_ees_children_looked_after.csv
	$(PYTHON) -m indicators import ees $(REFERENCE)/dfe-nccis-neet/neet_not_known_16_17_2021_2025__dorset_comparators.csv --out data/extracts/published_ees_neet.csv
	$(PYTHON) -m indicators import els $(REFERENCE)/ons-explore-local-statistics/els_children_indicators__dorset_comparators.csv --out data/extracts/published_els_relative_poverty.csv
	$(PYTHON) -m indicators import els $(REFERENCE)/ons-explore-local-statistics/schools_rated_good_or_outstanding__dorset_comparators.csv --out data/extracts/published_els_schools.csv
	$(PYTHON) -m indicators geography
	$(PYTHON) -m indicators units
	$(PYTHON) -m indicators demo
