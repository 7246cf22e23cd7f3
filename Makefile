# Developer verbs for nhskg. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= var/store
HOST ?= 127.0.0.1
PORT ?= 5000
export NHSKG_STORE := $(abspath $(STORE))

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the developer verbs
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/nhskg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

.PHONY: install
install: $(BIN)/nhskg ## Create the virtual environment and install nhskg with its dev tools

.PHONY: build
build: install ## Extract the bundled corpus (data/corpus/) into the store ($(STORE)) and validate it
	$(BIN)/nhskg build data/corpus/
	$(BIN)/nhskg validate

.PHONY: run
run: build ## Set up, build the bundled data and serve it on http://$(HOST):$(PORT)
	$(BIN)/nhskg serve --host $(HOST) --port $(PORT)

.PHONY: test
test: install ## Set up and run the whole test suite
	$(BIN)/python -m pytest

.PHONY: lint
lint: install ## ruff check and format check; mypy on ontology/ and graph/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ontology graph --ignore-missing-imports

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: ontology
ontology: install ## Regenerate ontology/namespace.py from ontology/nhskg.ttl
	$(BIN)/python -m ontology.generate

.PHONY: gold
gold: install ## Recompile the golden records from data/annotations/
	$(BIN)/python scripts/compile_gold.py

.PHONY: eval
eval: install ## Score the extractor against the gold corpus (dev and held-out parts)
	$(BIN)/nhskg eval

.PHONY: train-scorer
train-scorer: install ## Retrain the entity scorer, then the relation scorer, on the development part (data/models/)
	$(BIN)/python -m ingest.extract.learned.train_entities
	$(BIN)/python -m ingest.extract.learned.train

.PHONY: bench
bench: install ## Run the benchmarks in bench/
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

.PHONY: clean
clean: ## Remove the store and caches (keeps the virtual environment)
	rm -rf var .pytest_cache .ruff_cache .mypy_cache

.PHONY: docs
docs: install ## Regenerate docs/questions.md from the question headers
	$(BIN)/python scripts/questions_doc.py
