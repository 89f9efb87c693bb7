# The two commands of the README: `make run` and `make test`. Both set up what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check browser syslibs smoke clean bench bench-batch bench-crash bench-startup \
	bench-projector bench-upvotes bench-flood

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Byte-compiled first: start-up is then the same whether or not Python may write .pyc files.
run: $(STAMP)
	@$(BIN)/python -m compileall -q samspill_tui
	$(BIN)/samspill

# Debian's Chromium for the phone-page tests (Playwright drives it; it downloads no browser).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; \
	fi

# Pango for the PDF export (WeasyPrint loads it at run time; pip cannot install it) and DejaVu
# fonts; the other formats work without them.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
syslibs:
	@if ! dpkg -s $(PDF_LIBS) >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_LIBS); \
	fi

# axe-core for the phone page's accessibility scan (test-time only, never served to phones).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) browser syslibs $(AXE) check
	$(BIN)/pytest -q

# Benchmarks, results in bench/RESULTS.md: the 2,000-phone storm against the journal's floor and
# the bare handler (a few minutes), a batch's cost on an empty session and after a 2,000-phone day
# (under a minute), and the long crash run (200 SIGKILLs under a stream of votes, a few minutes).
bench: $(STAMP)
	$(BIN)/python -m bench.storm --phones 2000

bench-batch: $(STAMP)
	$(BIN)/python -m bench.batch

bench-crash: $(STAMP)
	$(BIN)/python -m bench.crash --kills 200

# Start-up: launch to the lobby with its QR code, against a bare Textual app (about a minute).
bench-upvotes: $(STAMP)
	$(BIN)/python -m bench.upvotes --phones 500

bench-startup: $(STAMP)
	$(BIN)/python -m bench.startup --runs 30

bench-projector: $(STAMP)
	$(BIN)/python -m bench.projector --participants 2000 --answers 30000

bench-flood: $(STAMP)
	$(BIN)/python -m bench.flood --seconds 8

# The facilitator's install: build the wheel, install it in a fresh venv (as pipx or uv tool
# would) and run scripts/smoke.py from an empty folder with the installed `samspill`.
SMOKE := $(shell mktemp -u /tmp/samspill-smoke.XXXXXX)
smoke: $(STAMP) syslibs
	rm -rf dist
	$(BIN)/python -m build --wheel --outdir dist . >$(SMOKE).log 2>&1 || (cat $(SMOKE).log; false)
	$(PY) -m venv $(SMOKE)/venv
	$(SMOKE)/venv/bin/pip install --quiet dist/*.whl
	mkdir -p $(SMOKE)/empty
	cd $(SMOKE)/empty && $(SMOKE)/venv/bin/python $(CURDIR)/scripts/smoke.py
	rm -rf $(SMOKE) $(SMOKE).log

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
