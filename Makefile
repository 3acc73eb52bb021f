# gradbook — the two commands of the README's quick start, and a few more.
#   make run    install what is missing, build (release) and start the REPL
#   make test   install what is missing, build and run the whole test suite
SWIFT ?= swift
RELEASE_BIN = .build/release/gradbook
DEBUG_BIN = .build/debug/gradbook

.PHONY: deps build release run test test-unit test-sessions bench clean

deps:
	@./scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@$(RELEASE_BIN)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory test-sessions

# Every session in sessions/ is documentation and an end-to-end test (see README).
test-sessions:
	@./scripts/check-sessions.sh $(DEBUG_BIN)

bench: release
	$(RELEASE_BIN) bench matmul
	$(RELEASE_BIN) bench train

clean:
	rm -rf .build
