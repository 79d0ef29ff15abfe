# The two set-up commands: `make run` (build Release, lint and audit the demo) and `make test`
# (build with tests, run ctest). Both install missing Debian packages when run as root.
BUILD      ?= build
TEST_BUILD ?= build
JOBS       ?= $(shell nproc)
CMAKE_GENERATOR ?= $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

DEB_BUILD  := g++ cmake make pkg-config libyaml-cpp-dev libfmt-dev doctest-dev libcli11-dev nlohmann-json3-dev
DEB_TEST   := git python3 python3-yaml pre-commit docker-compose

.PHONY: run test test-sanitize deps deps-test configure-release configure-test build clean

run: deps configure-release
	cmake --build $(BUILD) -j $(JOBS) --target composelint loopaudit
	@echo "== composelint (in fixtures/demo, --memory-budget 8g) =="
	@cd fixtures/demo && ../../$(BUILD)/bin/composelint --memory-budget 8g; \
	  rc=$$?; echo "(composelint exit $$rc: 0 clean, 1 findings, 2 input error)"; [ $$rc -le 1 ]
	@echo; echo "== loopaudit src (in fixtures/demo) =="
	@cd fixtures/demo && ../../$(BUILD)/bin/loopaudit src; \
	  rc=$$?; echo "(loopaudit exit $$rc: 0 clean, 1 findings, 2 input error)"; [ $$rc -le 1 ]
	@echo; echo "== the audit doc: loopaudit / composelint --update-doc AUDIT.md --check (in fixtures/demo) =="
	@cd fixtures/demo && ../../$(BUILD)/bin/loopaudit --update-doc AUDIT.md --check; \
	  rc=$$?; echo "(loopaudit --check exit $$rc: 0 fresh and clean, 1 stale or findings, 2 bad marker or input)"; [ $$rc -le 1 ]
	@cd fixtures/demo && ../../$(BUILD)/bin/composelint --update-doc AUDIT.md --check; \
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

configure-release:
	cmake -S . -B $(BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DBOUNDAUDIT_BUILD_TESTS=OFF

configure-test:
	cmake -S . -B $(TEST_BUILD) -G "$(CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUNDAUDIT_BUILD_TESTS=ON

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(SAN_BUILD)
