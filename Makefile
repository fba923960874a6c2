# Robim Good: `make run` serves the app on SpatiaLite; `make test` runs the whole suite.
HOST ?= 127.0.0.1
PORT ?= 5000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PO := $(wildcard robimgood/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test lint translations extract-messages bench clean

run: system-deps-run $(STAMP) $(MO)
	$(BIN)/robimgood db upgrade heads
	$(BIN)/robimgood demo --once
	$(BIN)/robimgood load-guides
	$(BIN)/robimgood run --host $(HOST) --port $(PORT)

test: system-deps-test $(STAMP) $(MO)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check robimgood tests benchmarks

system-deps-run system-deps-test system-deps-bench: system-deps-%:
	@scripts/system-deps.sh $*

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# Catalogs are compiled by the build, so they are never stale.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(MO)

extract-messages: $(STAMP)
	$(BIN)/pybabel extract --ignore-dirs='.*' -F babel.cfg -k _l -k lazy_gettext -o robimgood/translations/messages.pot .
	$(BIN)/pybabel update -N -i robimgood/translations/messages.pot -d robimgood/translations

# The map at scale (benchmarks/map_api.py): 1,000,000 initiatives on a throwaway PostGIS (or
# BENCH_DATABASE_URL); BENCH_ARGS="--engine sqlite" for SpatiaLite at 100,000. Writes the table
# to benchmarks/results/.
bench: system-deps-bench $(STAMP)
	$(BIN)/python benchmarks/map_api.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache
