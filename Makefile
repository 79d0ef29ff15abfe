# The two set-up commands: `make run` (build Release, lint and audit the demo) and `make test`
# (build with tests, run ctest). Both install missing Debian packages when run as root; elsewhere
# (macOS, other Linux) they print the Homebrew / generic install line and go on when the libraries
# are there (tools/deps.sh).
BUILD      ?= build
TEST_BUILD ?= build
JOBS       ?= $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
CMAKE_GENERATOR ?= $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")
# CI passes WERROR=ON: every configure below then makes compiler warnings errors.
WERROR     ?= OFF
# A folder of pre-downloaded tarballs (tree-sitter, tree-sitter-python, ...): a fully offline configure.
DEPS_DIR   ?= $(or $(BOUNDAUDIT_DEPS_DIR),$(BOUNDAUDIT_NPM_TARBALLS))
CMAKE_OPTS := -DBOUNDAUDIT_WERROR=$(WERROR) $(if $(DEPS_DIR),-DBOUNDAUDIT_DEPS_DIR=$(abspath $(DEPS_DIR)))

.PHONY: run test test-sanitize fuzz fuzz-replay dist test-dist check-clang deps deps-test deps-dist deps-fuzz configure-release configure-test configure-fuzz configure-dist build clean

run: deps configure-release
	cmake --build $(BUILD) -j $(JOBS) --target composelint loopaudit
	@echo "== composelint (in fixtures/demo, --memory-budget 8g) =="
	@cd fixtures/demo && $(abspath $(BUILD))/bin/composelint --memory-budget 8g; \
	  rc=$$?; echo "(composelint exit $$rc: 0 clean, 1 findings, 2 input error)"; [ $$rc -le 1 ]
	@echo; echo "== loopaudit src (in fixtures/demo) =="
	@cd fixtures/demo && $(abspath $(BUILD))/bin/loopaudit src; \
	  rc=$$?; echo "(loopaudit exit $$rc: 0 clean, 1 findings, 2 input error)"; [ $$rc -le 1 ]
	@echo; echo "== the audit doc: loopaudit / composelint --update-doc AUDIT.md --check (in fixtures/demo) =="
	@cd fixtures/demo && $(abspath $(BUILD))/bin/loopaudit --update-doc AUDIT.md --check; \
	  rc=$$?; echo "(loopaudit --check exit $$rc: 0 fresh and clean, 1 stale or findings, 2 bad marker or input)"; [ $$rc -le 1 ]
	@cd fixtures/demo && $(abspath $(BUILD))/bin/composelint --update-doc AUDIT.md --check; \
	  rc=$$?; echo "(composelint --check exit $$rc: 0 fresh and clean, 1 stale or findings, 2 bad marker or input)"; [ $$rc -le 1 ]

test: deps deps-test configure-test
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit and fixture tests again under AddressSanitizer and UBSan (CI runs this after `make test`).
SAN_BUILD ?= build-sanitize
test-sanitize: deps deps-test
	cmake -S . -B $(SAN_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DBOUNDAUDIT_SANITIZE=ON -DBOUNDAUDIT_BUILD_TESTS=ON $(CMAKE_OPTS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -E '^scripts/'

# libFuzzer targets (fuzz/) built with clang, ASan and UBSan in build-fuzz/, each run FUZZ_SECONDS on
# seeds built from fixtures/; fails on any crash, timeout, leak or out-of-memory. CI runs it last.
# It first replays the reproducers in fuzz/regressions/ (all fixed); `make fuzz-replay` does only that.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps deps-fuzz configure-fuzz
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	bash fuzz/run.sh --replay $(FUZZ_BUILD)
	bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-replay: deps deps-fuzz configure-fuzz
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	bash fuzz/run.sh --replay $(FUZZ_BUILD)

# Release artefacts in dist/: boundaudit-<version>-linux-x86_64.tar.gz (static except glibc) and
# boundaudit_<version>_amd64.deb, with SHA256SUMS; built Release and static in build-dist/.
# `make test-dist` then checks them (tests/dist/*.sh) against the development build's output.
DIST_BUILD ?= build-dist
DIST_DIR   ?= dist
dist: deps deps-dist configure-dist
	cmake --build $(DIST_BUILD) -j $(JOBS) --target dist

test-dist: dist deps-test configure-test
	cmake --build $(TEST_BUILD) -j $(JOBS) --target composelint loopaudit
	@for t in tests/dist/*.sh; do echo "== $$t"; bash $$t $(abspath $(DIST_DIR)) $(abspath $(TEST_BUILD)) $(abspath $(DIST_BUILD)); \
	  rc=$$?; [ $$rc = 0 ] || [ $$rc = 77 ] || exit $$rc; done

# clang 14's -Wall -Wextra warnings on every C++ unit (library, CLIs, tests) without code generation,
# in build-clang/ (about 2 minutes on 2 cores); CI runs it. The fuzz build compiles the rest with clang.
CLANG_BUILD ?= build-clang
check-clang: deps deps-fuzz
	cmake -S . -B $(CLANG_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUNDAUDIT_BUILD_TESTS=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON $(CMAKE_OPTS)
	python3 tools/clang_syntax_check.py $(CLANG_BUILD) $(JOBS)

# Missing Debian packages are installed when root; otherwise the exact command is printed. Not on
# Debian: the install line is printed and the step goes on when the tools and libraries are there.
deps:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

deps-dist:
	@sh tools/deps.sh dist

deps-fuzz:
	@sh tools/deps.sh fuzz

configure-release:
	cmake -S . -B $(BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DBOUNDAUDIT_BUILD_TESTS=OFF $(CMAKE_OPTS)

configure-test:
	cmake -S . -B $(TEST_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUNDAUDIT_BUILD_TESTS=ON $(CMAKE_OPTS)

configure-dist:
	cmake -S . -B $(DIST_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DBOUNDAUDIT_BUILD_TESTS=OFF \
	  -DBOUNDAUDIT_STATIC=ON -DBOUNDAUDIT_DIST_DIR=$(abspath $(DIST_DIR)) $(CMAKE_OPTS)

# -O1 -g without NDEBUG: fast enough to fuzz, with the library's asserts on. An offline configure takes
# the tree-sitter tarballs from DEPS_DIR (a folder) when it is set.
configure-fuzz:
	cmake -S . -B $(FUZZ_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS_DEBUG=-g -O1" "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
	  -DBOUNDAUDIT_FUZZ=ON -DBOUNDAUDIT_BUILD_TESTS=OFF -DBOUNDAUDIT_BUILD_CLIS=OFF $(CMAKE_OPTS)

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(SAN_BUILD) $(FUZZ_BUILD) $(DIST_BUILD) $(DIST_DIR) $(CLANG_BUILD)
