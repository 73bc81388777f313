# pubforge: the entry points for a fresh machine (make demo, make test) and for developers.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
CORPUS ?= ../shared/corpus
PUBFORGE = $(BUILD)/pubforge
DEMO_OUT ?= demo-out
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= jats pdf caption image
SANITIZE_ASAN_OPTIONS ?= detect_leaks=1:check_initialization_order=1
SANITIZE_UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
# Debian's python3 carries python3-jsonschema; a pyenv python on PATH may not.
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

.PHONY: all deps configure build demo test corpus-check bench sanitize fuzz clean format

all: build

deps:
	tools/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled sample corpus: every stage and all six exports.
demo: build
	rm -rf $(DEMO_OUT)
	$(PUBFORGE) run data/samples -o $(DEMO_OUT) -j $(JOBS)
	@echo "open $(DEMO_OUT)/report/index.html"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Scores against ../shared/corpus with ../shared/eval; fails below the floors in tests/corpus/floors.json.
corpus-check: build
	PUBFORGE=$(PUBFORGE) CORPUS=$(CORPUS) PYTHON=$(PYTHON) tests/corpus/check.sh

bench: build
	bench/run.sh $(BUILD)

# The whole build and ctest suite under AddressSanitizer + UBSan (any UB report fails its test).
# Only the CLI and the test binary are built. The unit tests run in one process (ctest's
# process per test costs about a second each under ASan, more than the tests themselves),
# then the CLI scenarios, except those labelled slow (whole-corpus `run` loops, minutes
# each under ASan, left to `make test`): this keeps .ci/run well under 30 minutes.
sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPUBFORGE_SANITIZE=ON
	cmake --build build-asan -j $(JOBS) --target pubforge pubforge_tests
	cd build-asan && export ASAN_OPTIONS=$(SANITIZE_ASAN_OPTIONS) UBSAN_OPTIONS=$(SANITIZE_UBSAN_OPTIONS) && \
	  tests/pubforge_tests --gtest_brief=1 && \
	  ctest --output-on-failure -j $(JOBS) -R '^(cli|hostile)[.]' -LE slow

# Builds every libFuzzer target with clang (ASan + UBSan) in build-fuzz and runs each, one at a
# time, for FUZZ_SECONDS from the fixtures (tests/fuzz/run.sh); fails if any finds a bug.
fuzz:
	tools/install-deps.sh fuzz
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPUBFORGE_FUZZ=ON -DPUBFORGE_TESTS=OFF -DPUBFORGE_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" PYTHON=$(PYTHON) tests/fuzz/run.sh build-fuzz

format:
	find include src tools tests bench -name '*.[ch]pp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan build-fuzz $(DEMO_OUT)
