# gradbook — the two commands of the README's quick start, and a few more.
#   make run    install what is missing, build (release) and start the REPL
#   make test   install what is missing, check the declared dependencies, build and run the whole test suite
#   make bench  the gradbook benchmarks, then the seed model against PyTorch and JAX, the CNN against PyTorch
SWIFT ?= swift
RELEASE_BIN = .build/release/gradbook
DEBUG_BIN = .build/debug/gradbook

.PHONY: deps build release run test test-dependencies test-sessions test-kernel test-sanitize fuzz bench clean

deps:
	@./scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@$(RELEASE_BIN)

test: deps
	@$(MAKE) --no-print-directory test-dependencies
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory test-sessions
	@$(MAKE) --no-print-directory test-kernel

# Each target's import lines against the dependencies Package.swift declares for it.
test-dependencies:
	@./scripts/check-dependencies.py --self-test

# Every session in sessions/ is documentation and an end-to-end test (see README).
test-sessions:
	@./scripts/check-sessions.sh $(DEBUG_BIN)

# The Jupyter kernel with the real Jupyter stack (jupyter_kernel_test, nbclient, nbconvert):
# pytest on jupyter/tests against the debug binary (see scripts/test-kernel.sh).
test-kernel:
	@./scripts/test-kernel.sh $(DEBUG_BIN)

# The test suite under AddressSanitizer (but the torch and tmux end-to-end suites, whose child
# processes would run instrumented too and take minutes), then the matmul and training tests
# (the threaded code) under ThreadSanitizer. Separate build folders: each sanitizer needs its own.
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --skip-build --sanitize=address \
	  --scratch-path .build-asan --skip "PyTorchExportTests|PromptEndToEndTests"
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter "MatmulTests|ThreadingTests|ModelTests|TrainingQualityTests"

# libFuzzer on the interpreter, the file readers, the path checker and check's number
# comparison (see scripts/fuzz.sh).
fuzz:
	./scripts/fuzz.sh build
	for t in interpreter csv npy safetensors paths numbers; do ./scripts/fuzz.sh run $$t 1000000; done

bench: release
	$(RELEASE_BIN) bench matmul
	$(RELEASE_BIN) bench train
	$(RELEASE_BIN) bench cnn
	$(RELEASE_BIN) bench autodiff
	python3 bench/train_vs_peers.py
	python3 bench/cnn_vs_torch.py

clean:
	rm -rf .build
