# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
WEBSTAMP := $(VENV)/.installed-web
# Pyodide (the HTML edition's runtime) and axe-core (the accessibility tests), pinned in package-lock.json.
NODESTAMP := node_modules/.installed

.PHONY: play text test lint typecheck bench check web clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEVSTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEVSTAMP)

$(WEBSTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[web]'
	touch $(WEBSTAMP)

$(NODESTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODESTAMP)

# SCENARIOS=dir adds a teacher's folder to play, text, check and web (so does VERDICT_SCENARIOS).
play: $(STAMP)
	$(BIN)/verdict play $(if $(SCENARIOS),--scenarios $(SCENARIOS))

text: $(STAMP)
	$(BIN)/verdict text $(if $(SCENARIOS),--scenarios $(SCENARIOS))

check: $(STAMP)
	$(BIN)/verdict check --strict scenarios $(if $(SCENARIOS),--scenarios $(SCENARIOS))

test: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy --strict $(STRICT)
	$(BIN)/python -m pytest -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

# Strict typing for everything but the pygame window (typed, not yet strict) and the build tools.
STRICT := game/engine game/app game/check.py game/classroom game/terminal game/web game/authoring
typecheck: $(DEVSTAMP)
	$(BIN)/mypy --strict $(STRICT)

bench: $(DEVSTAMP)
	$(BIN)/python -m benchmarks

# Both browser editions, offline: the canvas edition in build/web (pygbag), the HTML edition in
# build/web/html (Pyodide from node_modules). SCENARIOS=dir adds a teacher's cases; ARGS passes more.
web: $(WEBSTAMP) $(NODESTAMP)
	$(BIN)/verdict web $(if $(SCENARIOS),--scenarios $(SCENARIOS)) $(ARGS)

clean:
	rm -rf build .pytest_cache
