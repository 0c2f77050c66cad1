/* fuzz.h: what a fuzz target shares with the two ways of running it.
 *
 * A target is one file, tests/fuzz/fuzz_NAME.c, that defines
 * LLVMFuzzerTestOneInput (feed one input to the code under test, check
 * what cheap invariants hold, abort() through FUZZ_ASSERT when one does
 * not) and the description fuzz_target. It is linked either with
 * driver.c (the plain build: seed files plus deterministic mutations of
 * them, run by `make check`) or with libFuzzer (`make fuzz`, clang
 * -fsanitize=fuzzer). fuzz.c, linked in both, holds the helpers below.
 * tests/fuzz/README.md says how to add a target. */
#ifndef PH_FUZZ_H
#define PH_FUZZ_H
#include <stddef.h>
#include <stdint.h>

/* What the deterministic driver needs to know about a target. */
struct fuzz_target {
	const char *name;       /* "csv": program fuzz_csv, corpus tests/fuzz/corpus/csv/ */
	long rounds;            /* mutations of each seed in the deterministic run */
	int min_reach;          /* percent of the deterministic inputs that must call
	                           fuzz_reached(), or the run fails (the mutations no
	                           longer get past the first checks); 0: no such check */
	void (*cleanup)(void);  /* frees what the target keeps between inputs; or NULL */
};

/* Defined once by every target file. */
extern const struct fuzz_target fuzz_target;

/* The libFuzzer entry point, defined by every target file: run one input
 * of size bytes (not NUL-terminated). Returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Count the current input as one that reached the code the target is
 * after (it got past the first checks). */
void fuzz_reached(void);

/* How many inputs have called fuzz_reached() (each counted once). */
long fuzz_reached_count(void);

/* Called by the driver before each input, so that fuzz_reached() counts
 * inputs, not calls. */
void fuzz_next_input(void);

/* Report a broken invariant on stderr and abort(): libFuzzer then writes
 * the input to its crash directory, the driver to its own. */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#define FUZZ_ASSERT(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))

/* A malloc'd copy of data with a NUL after it (so a C string up to the
 * first NUL byte of the input); NULL when out of memory. Caller frees. */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* 1 when s (valid UTF-8) is in NFC: text_nfc gives the same bytes. Aborts
 * when text_nfc fails on it (only out of memory can make it fail). */
int fuzz_is_nfc(const char *s);

#endif
