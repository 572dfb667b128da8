# The two commands of the README, and their parts.
#   make demo   start the suite, import examples/ntb-2023 from its records, write
#               out/ntb-2023/capaian.{json,html} and anggaran.json
#   make demo-published   the same from the published satker values only, into out/ntb-2023-published
#   make test   install dependencies, configure, build and run every test (ctest)
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo demo-published bench clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --parallel $(JOBS)

demo: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh

demo-published: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh --published

bench: build
	bash scripts/bench.sh

clean:
	rm -rf $(BUILD_DIR) var var-raw var-published out
