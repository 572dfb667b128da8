# The two commands of the README, and their parts.
#   make demo   start the suite, import examples/ntb-2023, write out/ntb-2023/capaian.{json,html}
#   make demo-raw   the same from raw records (examples/ntb-2023/raw), into out/ntb-2023-raw
#   make test   install dependencies, configure, build and run every test (ctest)
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo demo-raw bench clean

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

demo-raw: build
	LKIP_BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh --raw

bench: build
	bash scripts/bench.sh

clean:
	rm -rf $(BUILD_DIR) var var-raw out
