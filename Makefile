# phoihop build. Everything goes to build/. Targets:
#   make            build build/phoihop and the test programs
#   make check      build and run every test (unit, import golden, fuzz
#                   targets on deterministic mutations, CLI, HTTP)
#   make check-san  the same suite under AddressSanitizer + UBSan (build-san/)
#   make fuzz       every fuzz target under libFuzzer (clang, build-fuzz/),
#                   FUZZ_SECONDS each (default 60); `make fuzz-run-NAME` one
#   make clean
# Libraries are found with pkg-config; tools/setup.sh installs them.

PKGS     := sqlite3 icu-uc icu-i18n jansson libsodium libmicrohttpd libcurl libzip libxml-2.0 poppler-glib xlsxwriter
CC       ?= cc
BUILD    ?= build
SAN      ?=
OPT      ?= -O2 -g
CFLAGS   := $(OPT) -std=c17 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Isrc -I$(BUILD)/gen \
            $(shell pkg-config --cflags $(PKGS)) $(SAN)
LDLIBS   := $(shell pkg-config --libs $(PKGS)) -lm -pthread
LDFLAGS  := $(SAN)

SRC      := $(sort $(wildcard src/*/*.c)) src/main.c
LIBSRC   := $(filter-out src/main.c,$(SRC))
LIBOBJ   := $(LIBSRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/assets.o
MAINOBJ  := $(BUILD)/src/main.o
UNITSRC  := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN  := $(UNITSRC:tests/unit/%.c=$(BUILD)/tests/%)

# Fuzz targets (tests/fuzz/README.md), one line each, NAME:MAX_LEN: the
# file tests/fuzz/fuzz_NAME.c, and the largest input libFuzzer makes for it
# in `make fuzz`. Each one is also a plain test program linked with the
# deterministic driver, $(BUILD)/tests/fuzz_NAME, run by `make check`.
FUZZ_TARGETS := \
	import:65536 \
	csv:16384 \
	json:16384 \
	number:128 \
	date:512 \
	period:64 \
	timeframe:512 \
	input:4096 \
	text:4096 \
	legacy:4096 \
	form:16384 \
	docx:65536 \
	pdflayout:65536
FUZZ_NAMES := $(foreach t,$(FUZZ_TARGETS),$(word 1,$(subst :, ,$(t))))
FUZZBIN    := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz_%)
FUZZOBJ    := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.o)
fuzz_max_len = $(word 2,$(subst :, ,$(filter $(1):%,$(FUZZ_TARGETS))))
ASSETS   := $(sort $(wildcard data/*.tsv)) $(sort $(wildcard src/db/migrations/*.sql)) \
            $(sort $(wildcard assets/*))

.PHONY: all check check-san clean
all: $(BUILD)/phoihop $(UNITBIN) $(BUILD)/tests/golden $(FUZZBIN)

$(BUILD)/phoihop: $(MAINOBJ) $(BUILD)/libphoihop.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libphoihop.a: $(LIBOBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# Embedded assets: the registry data files, the migrations and the web
# assets (CSS, JavaScript, icons), as C arrays.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -Wall -Wextra -Werror -O2 -o $@ $<

$(BUILD)/gen/assets.c: $(BUILD)/tools/embed $(ASSETS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $(ASSETS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/assets.o: $(BUILD)/gen/assets.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libphoihop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(BUILD)/libphoihop.a $(LDLIBS)

$(BUILD)/tests/golden: tests/import/golden.c $(BUILD)/libphoihop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(BUILD)/libphoihop.a $(LDLIBS)

# A fuzz target as a test: its object, the shared helpers (fuzz.c) and
# the deterministic driver (driver.c) that runs seeds and their mutations.
.SECONDARY: $(FUZZOBJ) $(BUILD)/tests/fuzz/fuzz.o $(BUILD)/tests/fuzz/driver.o
$(BUILD)/tests/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/fuzz.o \
                       $(BUILD)/tests/fuzz/driver.o $(BUILD)/libphoihop.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The same target linked with libFuzzer instead of the driver (only in the
# build-fuzz/ build that `make fuzz` makes, where SAN has fuzzer-no-link).
$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/fuzz.o $(BUILD)/libphoihop.a
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# make fuzz: build every target with clang under libFuzzer, ASan and UBSan
# into build-fuzz/, then run each for FUZZ_SECONDS (two at a time with
# -j2) on its corpus (tests/fuzz/corpus/NAME/, copied into
# build-fuzz/corpus/NAME/, where libFuzzer keeps what it finds). Crash
# files go to build-fuzz/crashes/; any crash makes `make fuzz` fail.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
.PHONY: fuzz fuzz-build
fuzz: $(FUZZ_NAMES:%=fuzz-run-%)
	@tests/fuzz/libfuzzer.sh summary build-fuzz $(FUZZ_NAMES)
fuzz-run-%: fuzz-build
	@tests/fuzz/libfuzzer.sh run build-fuzz $* $(call fuzz_max_len,$*) $(FUZZ_SECONDS)
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" \
	  fuzz-bins
# The libFuzzer programs of this build (BUILD=build-fuzz, from fuzz-build);
# the empty recipe keeps make quiet when they are up to date.
.PHONY: fuzz-bins
fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz_%)
	@:

# The in-process benchmark harnesses (bench/rollup_bench.c, run by
# bench/national.sh; bench/bench_docx.c, the Word reader; bench/pdf_bench.c,
# run by bench/pdf.sh; bench/export_bench.c, the 100,000-row XLSX export);
# not part of `make` or `make check`.
.PHONY: bench bench-docx
bench: $(BUILD)/bench/rollup_bench $(BUILD)/bench/bench_docx $(BUILD)/bench/pdf_bench $(BUILD)/bench/export_bench
bench-docx: $(BUILD)/bench/bench_docx
$(BUILD)/bench/%: bench/%.c $(BUILD)/libphoihop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libphoihop.a $(LDLIBS)

check: all
	tools/run-tests.sh $(BUILD)

check-san:
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" check

clean:
	rm -rf build build-san build-fuzz

-include $(SRC:%.c=$(BUILD)/%.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
