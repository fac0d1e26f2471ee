# mote's front door.  Every target first makes sure the Debian packages it
# needs are installed (toolchain/install-deps).
#
#   make demo    build firmware for mps2-an385 with example apps, boot them in QEMU;
#                exits with the last app's status (APPS="hello" for one)
#   make test    build everything and run every test suite (host, sanitizers, boards)
#   make host    build the host tools and library only
#   make bench   run the benchmark suite and write bench/results/
#   make size    flash and RAM of the core and wasi-lite per board
#   make fuzz    run each libFuzzer harness FUZZ_SECONDS (default 600) seconds;
#                FUZZ_M32=1: the 32-bit (i386, qemu-i386) build of them
#   make difftest N=...   compare N random modules (default 2000) with wabt;
#                DIFFTEST_PRESET=host32: mote built for i386
#   make memcheck         the spec suite under valgrind

JOBS ?= 2
export JOBS

.PHONY: all deps host demo test bench size fuzz difftest memcheck clean

all: host

deps:
	@toolchain/install-deps

host: deps
	cmake --preset host >/dev/null
	cmake --build --preset host

demo: deps
	@tests/demo.sh

test: deps
	@tests/run-all.sh

bench: deps
	@bench/run-mote.sh $(BENCH_ARGS)

size: deps
	@boards/size-report.sh

FUZZ_SECONDS ?= 600
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZERS)

N ?= 2000
SEED ?= 1
DIFFTEST_PRESET ?= host
difftest: deps
	cmake --preset $(DIFFTEST_PRESET) >/dev/null
	cmake --build --preset $(DIFFTEST_PRESET) --target mote-difftest
	@python3 tests/difftest/difftest.py --driver build/$(DIFFTEST_PRESET)/tests/difftest/mote-difftest \
	  $(if $(filter host32,$(DIFFTEST_PRESET)),--emulator toolchain/run-i386) \
	  --out build/difftest-$(DIFFTEST_PRESET) --count $(N) --seed $(SEED) --progress 500

memcheck: host
	@tests/memcheck.sh

clean:
	rm -rf build
