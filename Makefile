# The two commands of the README, and their parts.
#   make demo   start the suite, import examples/ntb-2023 from its records, write
#               out/ntb-2023/capaian.{json,html} and anggaran.json
#   make demo-published   the same from the published satker values only, into out/ntb-2023-published
#   make test   install dependencies, configure, build and run every test (ctest, with the
#               format check), then the sanitizer build's tests (make sanitize)
#   make sanitize   build under build-asan/ with ASan+UBSan and run the unit and service tests
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
ASAN_DIR ?= build-asan
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test sanitize demo demo-published bench clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS)
	$(MAKE) sanitize

# The unit and service tests (every gtest) under AddressSanitizer and UndefinedBehaviorSanitizer.
# The end-to-end test is left out: it runs the same code as processes, and its PDF and DOCX take
# most of its time (docs/operations.md, "Tests").
sanitize: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLKIP_SANITIZE=ON
	cmake --build $(ASAN_DIR) --parallel $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure --parallel $(JOBS) -E '^e2e_'

demo: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh

demo-published: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh --published

bench: build
	bash scripts/bench.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) var var-raw var-published out
