# The two commands a new machine needs: `make run` and `make test`. Both are idempotent.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run preflight test lint screenshots bench installer installer-check clean
VERSION = $(shell $(BIN)/python -c "import mopac_desk; print(mopac_desk.__version__)")
BUNDLE = dist/mopac-desk-$(VERSION)

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Qt's display plugin needs system libraries: name the missing packages before Qt's own
# unhelpful message would (ui/preflight.py).
preflight: $(STAMP)
	@$(BIN)/python -m ui.preflight

run: preflight
	$(BIN)/mopac-desk --demo

lint: $(STAMP)
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots docs/screenshots
	@# a printed pack page, through LibreOffice as a secretary would print it (skipped without it)
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then \
	    $(BIN)/python bench/export_preview.py build/pack-preview && \
	    cp build/pack-preview/pack-1.png docs/screenshots/pack-printed.png; \
	else echo "screenshots: no LibreOffice/poppler, printed pack page not refreshed"; fi

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

installer: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[installer]"
	$(BIN)/python -m tools.sample_scan build/samples/scan-pcd-977.pdf
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.app_icons build/icons
	$(BIN)/pyinstaller --noconfirm --log-level WARN build_installer.spec

# Builds the bundle, then runs the frozen program as a clerk would (tools/installer_check.py).
installer-check: installer
	$(BIN)/python -m tools.installer_check $(BUNDLE)

clean:
	rm -rf build dist .pytest_cache
