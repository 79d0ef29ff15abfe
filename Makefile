# The two set-up commands: `make run` (build Release, lint and audit the demo) and `make test`
# (build with tests, run ctest). Both install missing Debian packages when run as root.
BUILD      ?= build
TEST_BUILD ?= build
JOBS       ?= $(shell nproc)
CMAKE_GENERATOR ?= $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

DEB_BUILD  := g++ cmake make pkg-config libyaml-cpp-dev libfmt-dev doctest-dev libcli11-dev nlohmann-json3-dev libfyaml-dev
DEB_TEST   := git python3 python3-yaml pre-commit docker-compose
DEB_FUZZ   := clang libclang-rt-14-dev

.PHONY: run test test-sanitize fuzz fuzz-replay deps deps-test deps-fuzz configure-release configure-test configure-fuzz build clean

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
	cmake -S . -B $(SAN_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DBOUNDAUDIT_SANITIZE=ON -DBOUNDAUDIT_BUILD_TESTS=ON
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

# Missing Debian packages are installed when root; otherwise the exact command is printed.
define ensure_debs
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 2; \
	  fi; \
	fi
endef

deps:
	$(call ensure_debs,$(DEB_BUILD))

deps-test:
	$(call ensure_debs,$(DEB_TEST))

deps-fuzz:
	$(call ensure_debs,$(DEB_FUZZ))

configure-release:
	cmake -S . -B $(BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DBOUNDAUDIT_BUILD_TESTS=OFF

configure-test:
	cmake -S . -B $(TEST_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUNDAUDIT_BUILD_TESTS=ON

# -O1 -g without NDEBUG: fast enough to fuzz, with the library's asserts on. An offline configure takes
# the tree-sitter tarballs from BOUNDAUDIT_NPM_TARBALLS (a folder) when it is set.
configure-fuzz:
	cmake -S . -B $(FUZZ_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS_DEBUG=-g -O1" "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
	  -DBOUNDAUDIT_FUZZ=ON -DBOUNDAUDIT_BUILD_TESTS=OFF -DBOUNDAUDIT_BUILD_CLIS=OFF \
	  $(if $(BOUNDAUDIT_NPM_TARBALLS),-DBOUNDAUDIT_NPM_TARBALLS=$(BOUNDAUDIT_NPM_TARBALLS))

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
