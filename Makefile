# The two entry points of the README. Each sets up .venv first (python3 -m venv + pip, pinned by
# constraints.txt) and reinstalls only when pyproject.toml or constraints.txt change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench mutants clean

demo: $(VENV)/.installed
	$(BIN)/reintegration demo

test: lint
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The figures of the README's "Performance" section, each beside its reference in the same run
# (not part of `test`: no test asserts a time). About 6 minutes on 2 cores; PostgreSQL runs
# on a throwaway cluster as in the tests.
BENCH := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python
bench: $(VENV)/.installed
	$(BENCH) bench/law_calendar.py
	$(BENCH) bench/deadlines_batch.py
	$(BENCH) bench/startup.py
	$(BENCH) bench/opening.py
	$(BENCH) bench/opening.py --postgres
	$(BENCH) bench/record_cli.py
	$(BENCH) bench/record_cli.py --postgres
	$(BENCH) bench/record_cli.py --server
	$(BENCH) bench/record_cli.py --server --postgres
	$(BENCH) bench/record_prefect.py

# Mutation testing (not part of `test`: it takes minutes for the domain, longer for the store);
# AREAS="domain hash-chain" runs only those. The report lands in .mutants/report.md.
mutants: $(VENV)/.installed
	$(BIN)/python -m tools.mutants $(AREAS)

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV)
