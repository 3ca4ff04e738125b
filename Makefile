# Longhand: two commands for a fresh machine.
#   make        installs what is missing, builds, and regenerates every lesson and the shipped
#               walkthroughs (Lessons/walkthroughs) into Output/
#   make test   installs what is missing and runs every test: the Swift answer key and pipeline
#               tests, then every generated page checked in headless Chromium and every notebook
#               validated with nbformat
.PHONY: all deps build generate test swift-test site-test reproducibility bench clean

SITE := .build/site

all: generate

deps:
	@scripts/install-deps.sh

build: deps
	swift build

generate: build
	swift run longhand

test: swift-test site-test reproducibility

swift-test: deps
	swift test

# Pages are generated into a scratch folder (with the KaTeX copy) and checked there.
site-test: build
	rm -rf $(SITE)
	swift run longhand --out $(SITE) --quiet
	python3 scripts/validate-notebooks.py $(SITE)
	python3 scripts/crosscheck/crosscheck.py .build/debug
	python3 scripts/validate-walkthroughs.py Lessons/walkthroughs
	python3 scripts/crosscheck/walkthroughs.py .build/debug
	python3 scripts/verify-pages.py $(SITE) --screenshots .build/screenshots

clean:
	rm -rf .build

# The same pages from a release build must be byte-identical to the debug build's.
reproducibility: site-test
	swift build -c release --product longhand
	rm -rf .build/site-release
	.build/release/longhand --out .build/site-release --quiet
	diff -r -x assets .build/site .build/site-release
	@echo "release build generates the same bytes as the debug build"
	@echo "reproducibility: 1 passed, 0 failed"

# Longhand against numpy and Jupyter on this machine (release build); not part of the tests.
bench: deps
	python3 scripts/benchmarks/run.py
