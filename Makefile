# Every command a developer or CI needs. README's two set-up commands are `make run`
# and `make test`; .ci/run calls `make test` too.
PYTHON ?= python3
PIP = $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore

.PHONY: run test install install-test lint load benchmark

run: install ## install what the dashboard needs and start it on http://localhost:8501
	$(PYTHON) -m streamlit run dashboard.py

test: install-test ## install what the tests need (incl. Chromium) and run every test
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

install:
	$(PIP) -r requirements.txt

install-test:
	$(PIP) -r requirements-dev.txt
	bash scripts/install-browser.sh

lint:
	$(PYTHON) -m ruff check .

load: ## rebuild data/warehouse.duckdb from data/extracts/
	$(PYTHON) -m indicators load
