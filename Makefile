# The two commands of the README, and their parts.
#   make demo   start the suite, import examples/ntb-2023 from its records, write
#               out/ntb-2023/capaian.{json,html} and anggaran.json
#   make demo-published   the same from the published satker values only, into out/ntb-2023-published
#   make package  the Debian packages in build/packages (docs/operations.md, "Installing")
#   make fuzz   build the fuzz targets with clang-14 and libFuzzer, run each for a while
#   make test   install dependencies, build under build-asan/ with AddressSanitizer and
#               UndefinedBehaviorSanitizer, run every test there (ctest: unit, service,
#               end-to-end, the format check, the schema's lint)
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
TEST_DIR ?= build-asan
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo demo-published package bench fuzz clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

# Every test runs on the sanitizer build: one build in CI instead of two, and the end-to-end
# test's processes are checked too. The demo and the benchmarks use the plain build (build/).
test: deps
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLKIP_SANITIZE=ON
	cmake --build $(TEST_DIR) --parallel $(JOBS)
	rm -f $(TEST_DIR)/import_faults.summary
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --test-dir $(TEST_DIR) --output-on-failure --parallel $(JOBS)
	@cat $(TEST_DIR)/import_faults.summary

demo: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh

demo-published: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh --published

# The Debian packages (lkip-common, lkip-provinsi, lkip-nasional) in $(BUILD_DIR)/packages.
package: build
	cd $(BUILD_DIR) && cpack -G DEB

bench: build
	bash scripts/bench.sh

# Each fuzz target of tools/fuzz under libFuzzer for LKIP_FUZZ_SECONDS (120) in build-fuzz/ (clang-14).
fuzz: deps
	bash scripts/fuzz.sh

clean:
	rm -rf $(BUILD_DIR) $(TEST_DIR) build-fuzz var var-raw var-published out
