# phoihop build. Everything goes to build/. Targets:
#   make            build build/phoihop
#   make check      build and run every test (unit, import golden, CLI)
#   make check-san  the same suite under AddressSanitizer + UBSan (build-san/)
#   make clean
# Libraries are found with pkg-config; tools/setup.sh installs them.

PKGS     := sqlite3 icu-uc icu-i18n jansson libsodium libmicrohttpd libcurl
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
ASSETS   := $(sort $(wildcard data/*.tsv)) $(sort $(wildcard src/db/migrations/*.sql)) \
            $(sort $(wildcard assets/*))

.PHONY: all check check-san clean
all: $(BUILD)/phoihop $(UNITBIN) $(BUILD)/tests/golden $(BUILD)/tests/fuzz_import

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

# The importer under damaged input (tests/fuzz/fuzz_import.c); a plain
# program here, a libFuzzer target when built with clang -fsanitize=fuzzer.
$(BUILD)/tests/fuzz_import: tests/fuzz/fuzz_import.c $(BUILD)/libphoihop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libphoihop.a $(LDLIBS)

# The in-process benchmark harness (bench/rollup_bench.c, run by
# bench/national.sh); not part of `make` or `make check`.
.PHONY: bench
bench: $(BUILD)/bench/rollup_bench
$(BUILD)/bench/rollup_bench: bench/rollup_bench.c $(BUILD)/libphoihop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libphoihop.a $(LDLIBS)

check: all
	tools/run-tests.sh $(BUILD)

check-san:
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" check

clean:
	rm -rf build build-san

-include $(SRC:%.c=$(BUILD)/%.d)
