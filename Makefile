# Longhand: two commands for a fresh machine.
#   make        installs what is missing, builds, and regenerates every lesson into Output/
#   make test   installs what is missing and runs every test
.PHONY: all deps build generate test clean

all: generate

deps:
	@scripts/install-deps.sh

build: deps
	swift build

generate: build
	swift run longhand

test: deps
	swift test

clean:
	rm -rf .build
