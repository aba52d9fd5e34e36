# Segregationsatlas: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export ATLAS_DATA_DIR ?= data
export HOST ?= 127.0.0.1
export PORT ?= 8050
CHROMIUM ?= /usr/bin/chromium

.PHONY: install install-dev browser demo run test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt node_modules/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# axe-core (accessibility rules) for the browser tests, from the npm registry.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

NGINX ?= /usr/sbin/nginx

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.  The proxy tests
# put Debian's nginx in front of gunicorn, as a real deployment does (it is started by the tests
# on a free port, never as a system service).
browser:
	@test -x $(CHROMIUM) && test -x $(NGINX) || { \
	  echo "installing Debian's chromium and nginx for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core nginx >/dev/null; }

demo: install
	$(BIN)/python -m geodata demo --if-absent

run: demo
	$(BIN)/gunicorn app:server

test: install-dev browser
	node --test tests/js/
	$(BIN)/python -m pytest

bench: install-dev browser
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.present
	$(BIN)/python -m bench.floor
	$(BIN)/python -m bench.memory

clean:
	rm -rf $(VENV) .pytest_cache node_modules
