# The two commands: `make run` and `make test`. Everything they need is installed here.
# The interpreter the virtualenv is made from: Debian's own Python 3.11 where the machine has it, built with
# profile-guided and link-time optimisation into one static program; a screened case takes about 15 % less time on it
# than on a Python built without them (pyenv's default build; docs/adr/0018-optimised-interpreter.md). Elsewhere the
# first python3 on the PATH. `make PY=/path/to/python3` chooses another.
DEBIAN_PY := /usr/bin/python3.11
PY ?= $(if $(wildcard $(DEBIAN_PY)),$(DEBIAN_PY),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO ?= examples/bank-levy-hardship-21-day-hold.yaml
# The demo case's dates are set around this day; `make run DEMO_AS_OF=YYYY-MM-DD` to move it.
DEMO_AS_OF ?= 2026-11-23

.PHONY: run test install system-deps lint typecheck bench clean

# Debian libraries outside pip: Pango for WeasyPrint (the PDF packet), poppler-utils' pdftoppm for the
# rendering test. Installed only when missing (CI runs as root on a clean Debian machine).
SYSTEM_PKGS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core poppler-utils
# The web tests: Debian's Chromium for the browser tests (Playwright is pointed at it, no browser download)
# and PostgreSQL for the storage tests (the suite starts a throwaway cluster with initdb/pg_ctl).
WEB_TEST_PKGS := chromium postgresql
# Tesseract OCR with the English and Spanish data: photos and scans of paper notices.
OCR_PKGS := tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa

system-deps:
	@if command -v pdftoppm >/dev/null && /sbin/ldconfig -p | grep -q libpangoft2-1.0.so && /sbin/ldconfig -p | grep -q libharfbuzz-subset.so; then :; else \
	  echo "installing $(SYSTEM_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PKGS); \
	fi
	@if command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; else \
	  echo "installing $(WEB_TEST_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(WEB_TEST_PKGS); \
	fi
	@if [ "$(PY)" = "$(DEBIAN_PY)" ] && [ ! -f /usr/lib/python3.11/ensurepip/__init__.py ]; then \
	  echo "installing python3.11-venv"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3.11-venv; \
	fi
	@if command -v tesseract >/dev/null && ls /usr/share/tesseract-ocr/*/tessdata/spa.traineddata >/dev/null 2>&1; then :; else \
	  echo "installing $(OCR_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OCR_PKGS); \
	fi

# The sources' byte-code is written once here (compileall), as pip writes it for an installed package: a machine
# that sets PYTHONDONTWRITEBYTECODE would otherwise compile every module again on each `levynav` start (~0.15 s).
$(STAMP): pyproject.toml | system-deps
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: system-deps $(STAMP)

# The web app on http://127.0.0.1:8000/ with the demo case loaded (its address is printed).
run: $(STAMP)
	$(BIN)/levynav serve --demo $(DEMO) --as-of $(DEMO_AS_OF)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n 2

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
	find src tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
