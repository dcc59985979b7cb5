# One command per job; every target that needs tools installs them first (`make install`).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 4010
SPEC := openapi/gatum.yaml
GEN_DIR := generated/gatum_client
PRISM := mock/node_modules/.bin/prism
SPECTRAL := mock/node_modules/.bin/spectral
PY_STAMP := $(VENV)/.installed
ALL_EXTRAS := cli,sandbox,redis,aiohttp,bench,dlr-load,campaigns,postgres,celery
NODE_STAMP := mock/node_modules/.installed
PY_DIRS := src tests openapi mock/prism_runner.py examples bench tools

.PHONY: help install generate check-generated lint typecheck test test-matrix mock sandbox sandbox-check demo bench ledger-chaos campaign-load dlr-load docs contract clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

install: $(PY_STAMP) $(NODE_STAMP)  ## create .venv and install Python + node tooling (quick when done)
	@command -v redis-server >/dev/null || echo "note: redis-server not found: the Redis tests are skipped and make dlr-load cannot run; install redis-server, e.g. apt-get install redis-server" >&2

$(PY_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# pip >= 25.1 installs dependency groups (PEP 735): the dev tools are not in the published extras.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip>=25.1'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(ALL_EXTRAS)]' --group dev
	@touch $@

$(NODE_STAMP): mock/package.json mock/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js >= 18.20) is needed for the Prism mock; install Node.js" >&2; exit 1; }
	cd mock && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# PYTHONHASHSEED=0: the generator orders enum values through a set, so without a fixed seed
# mixed-case values (sms, SMS) would come out in another order on every run.
# Generates into a scratch directory, then replaces generated/gatum_client, so a failed run
# never leaves half a package behind.
define generate_into
	rm -rf $(1) && mkdir -p $(dir $(1))
	PATH="$(CURDIR)/$(BIN):$$PATH" PYTHONHASHSEED=0 $(BIN)/openapi-python-client generate --path $(SPEC) \
		--config openapi/config.yaml --custom-template-path openapi/templates --meta none --output-path $(1) --fail-on-warning >/dev/null
	$(BIN)/python openapi/postprocess.py $(SPEC) $(1)
	$(BIN)/ruff format --isolated --no-cache --quiet --line-length 120 $(1)/spec_facts.py
endef

generate: $(PY_STAMP)  ## regenerate generated/gatum_client from the spec, then the facade's methods from it
	$(call generate_into,.gen-tmp/gatum_client)
	rm -rf $(GEN_DIR) && mkdir -p generated && mv .gen-tmp/gatum_client $(GEN_DIR) && rm -rf .gen-tmp
	$(BIN)/python tools/gen_facade.py

check-generated: $(PY_STAMP)  ## fail when generated/ or src/gatum_rest_py/_methods.py is not what make generate writes
	$(call generate_into,.gen-check/gatum_client)
	@diff -r -x __pycache__ $(GEN_DIR) .gen-check/gatum_client >/dev/null \
		|| { diff -ru -x __pycache__ $(GEN_DIR) .gen-check/gatum_client | head -40; rm -rf .gen-check; \
		     echo "generated/ differs from what $(SPEC) produces: run 'make generate' and commit" >&2; exit 1; }
	@rm -rf .gen-check
	@echo "generated/ is up to date with $(SPEC)"
	$(BIN)/python tools/gen_facade.py --check

lint: install  ## validate + lint the spec, lint + type-check the Python code
	$(BIN)/openapi-spec-validator $(SPEC)
	$(SPECTRAL) lint --ruleset openapi/.spectral.yaml --fail-severity error $(SPEC)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy

test: install  ## lint, check generated code, run the test suite
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory check-generated
	$(BIN)/pytest

# The runtime tests (all but tests/conformance/ and tests marked `toolchain`, which need the
# generator or schemathesis) on every CPython 3.10-3.13 in pyenv or on PATH, each in
# .venv-matrix/3.1x with the `test-runtime` extra. Fails if a version fails or none is found.
test-matrix: $(PY_STAMP) $(NODE_STAMP)  ## run the runtime tests on every CPython 3.10-3.13 found
	$(BIN)/python tools/test_matrix.py

mock: $(NODE_STAMP)  ## run the Prism mock in the foreground on 127.0.0.1:$(PORT)
	$(PRISM) mock --host 127.0.0.1 --port $(PORT) $(SPEC)

sandbox: $(PY_STAMP)  ## run the stateful sandbox in the foreground on 127.0.0.1:$(PORT) (inbox page at /)
	$(BIN)/python -m gatum_rest_py.sandbox --port $(PORT)

sandbox-check: $(PY_STAMP)  ## headless Chromium loads the sandbox's inbox page after a send
	$(BIN)/pytest -q tests/sandbox/test_inbox_browser.py

MOCK ?= prism
demo: install  ## walk through the client against the embedded mock (no real SMS); MOCK=sandbox for the sandbox
	$(BIN)/python examples/demo.py --mock $(MOCK)

bench: install  ## measure the client against its baselines on loopback (~2 min); writes bench/RESULTS.md
	$(BIN)/python bench/bench_client.py
	$(BIN)/python bench/bench_campaign.py
	$(BIN)/python bench/bench_ledger.py
	$(BIN)/python bench/bench_startup.py

ledger-chaos: install  ## the message ledger's kill tests at length: RUNS=200 SIGKILLed senders, on SQLite and PostgreSQL
	GATUM_KILL_RUNS=$(or $(RUNS),200) GATUM_KILL_DATABASES=sqlite,postgresql $(BIN)/pytest -q -s tests/ledger/test_kill.py

campaign-load: install  ## a campaign on Celery: 4 workers vs 1 on PostgreSQL, the server answering in 20 ms (goal >= 3x)
	$(BIN)/python bench/bench_celery.py

dlr-load: install  ## delivery reports under load: gunicorn workers on Redis, a worker killed; WORKERS=4 REPORTS=30000
	$(BIN)/python bench/dlr_load.py --workers $(or $(WORKERS),4) --reports $(or $(REPORTS),30000)

docs: install  ## build the API reference into docs/: HTTP API (Redocly, from the spec) and Python API (pdoc)
	$(BIN)/python tools/build_docs.py --output docs

clean:  ## remove the environment and caches
	rm -rf $(VENV) .venv-matrix mock/node_modules .gen-tmp .gen-check .pytest_cache .mypy_cache .ruff_cache

contract: $(PY_STAMP)  ## read-only contract check of a live endpoint: make contract BASE_URL=https://… GATUM_TOKEN=… (or GATUM_USERNAME=… GATUM_PASSWORD=…)
	@$(BIN)/python openapi/contract_check.py --base-url "$(BASE_URL)"
