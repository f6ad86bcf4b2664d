# Qorgau — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install serve worker terminal lint openapi messages bench screenshots clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

## demo: migrate an SQLite database, load demo data, print logins, serve on http://127.0.0.1:8000
demo: install
	QORGAU_DEMO=1 QORGAU_2FA_WAIVED=1 QORGAU_INSECURE_HTTP=1 $(BIN)/qorgau demo
	@echo "Open http://127.0.0.1:8000 and sign in with one of the logins above."
	QORGAU_DEMO=1 QORGAU_2FA_WAIVED=1 QORGAU_INSECURE_HTTP=1 $(BIN)/qorgau serve --with-worker

## test: the whole suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/qorgau worker

## terminal: a complaint kiosk on http://127.0.0.1:8100 talking to the demo server (pair it on /complaints/terminals/)
terminal: install
	$(BIN)/qorgau terminal --home var/terminal --server http://127.0.0.1:8000

lint: install
	$(BIN)/ruff check qorgau bench scripts
	$(BIN)/ruff format --check qorgau bench scripts

## openapi: regenerate the committed API schema snapshot after a deliberate API change
openapi: install
	$(BIN)/python manage.py export_openapi > docs/api/openapi.json

## messages: refresh the kk/ru catalogues from the source (needs GNU gettext)
messages: install
	cd qorgau && DJANGO_SETTINGS_MODULE=qorgau.settings ../$(BIN)/django-admin makemessages -l kk -l ru --no-obsolete --add-location file
	$(BIN)/python scripts/compile_messages.py

## bench: run the benchmarks and write bench/RESULTS.md and bench/RESULTS-terminal.md
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/terminal.py

## screenshots: run the browser tests (Debian's Chromium) and copy their screenshots to docs/screenshots/
screenshots: install
	$(BIN)/python -m pytest -m browser -p no:randomly qorgau
	mkdir -p docs/screenshots
	cp test-artifacts/*.png docs/screenshots/

clean:
	rm -rf $(VENV) var build *.egg-info
