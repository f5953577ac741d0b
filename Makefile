# Set-up and everyday targets. On a fresh machine: `make demo` or `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS := 000_ed1ed705a1754cbe 001_c40765bc3b0c7aaa
# a Dutch-only seed, not in the demo memory: its lookup shows what a new document gets
LOOKUP_SEED := 002_62d1d328ec21994e

.PHONY: install install-test demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch is pinned to 2.13.0 in pyproject.toml: on this platform pip takes the local CPU wheel.
install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# Align the seed declarations with the project's French/English versions into tmtool.db and
# write one TMX file per language pair under tmx/, plus one multilingual file; learn the terms
# (glossaries under tmx/, the spotting model next to tmtool.db), search the memory, then
# pre-translate a seed that is not in it: XLIFF and HTML report under lookup/ (a project TMX only
# when a segment matches the memory; none of seed 002 does).
demo: install
	@mkdir -p tmx
	@for seed in $(SEEDS); do \
	  echo "== $$seed"; \
	  $(BIN)/tmtool align seeds/$$seed.txt seeds/$$seed.fr.txt seeds/$$seed.en.txt \
	    --db tmtool.db --tmx tmx/$$seed.tmx || exit 1; \
	done
	$(BIN)/tmtool export --db tmtool.db --multilingual -o tmx/seeds.multilingual.tmx
	$(BIN)/tmtool stats --db tmtool.db
	$(BIN)/tmtool terms --db tmtool.db --csv tmx/seeds.terms.csv --tbx tmx/seeds.terms.tbx
	@echo "== concordance: how was 'gewelddadige radicalisering' translated?"
	$(BIN)/tmtool search 'gewelddadige radicalisering' --db tmtool.db --limit 3
	@echo "== lookup of seed $(LOOKUP_SEED), a new document, against the demo memory → lookup/"
	$(BIN)/tmtool lookup seeds/$(LOOKUP_SEED).txt --to fr,en --db tmtool.db \
	  --xliff lookup/$(LOOKUP_SEED).xlf --tmx lookup/$(LOOKUP_SEED).tmx \
	  --report lookup/$(LOOKUP_SEED).html

# Tests against SQLite and a real PostgreSQL server (installed by scripts/postgres.sh if missing),
# the review app in Debian's headless Chromium (scripts/chromium.sh), then the linters.
test: install-test
	scripts/postgres.sh
	scripts/chromium.sh
	TMTOOL_TEST_REQUIRE_PG=1 TMTOOL_TEST_REQUIRE_BROWSER=1 $(BIN)/pytest -q
	$(MAKE) lint

lint:
	$(BIN)/ruff check tmtool tests bench
	$(BIN)/ruff format --check tmtool tests bench

bench: install-test
	$(BIN)/python bench/align_bench.py

clean:
	rm -rf $(VENV) build *.egg-info tmtool.db tmtool.db.lookup tmtool.db.terms lookup tmx/*.tmx \
	  tmx/*.terms.csv tmx/*.terms.tbx
