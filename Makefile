# Two commands set everything up: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build examples/hf-daily-papers -o exports
	@echo
	@echo "Outputs are in exports/ (graph.json is the node-link contract). Try: $(BIN)/kg stats exports"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes 1000,10000,100000,300000

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --sizes 1000 --quick

clean:
	rm -rf $(VENV) exports/*.json exports/*.graphml .pytest_cache
