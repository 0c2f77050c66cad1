/* fuzz.c: helpers every fuzz target may use, linked both with the
 * deterministic driver and with libFuzzer (see fuzz.h). */
#include "fuzz.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long reached;      /* inputs that called fuzz_reached() */
static int this_reached;  /* the current input already counted */

void fuzz_reached(void)
{
	if (!this_reached)
		reached++;
	this_reached = 1;
}

long fuzz_reached_count(void)
{
	return reached;
}

void fuzz_next_input(void)
{
	this_reached = 0;
}

_Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "FAIL: fuzz_%s: invariant broken at %s:%d: %s\n", fuzz_target.name, file, line,
	        what);
	fflush(stderr);
	abort();
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return NULL;
	if (size)
		memcpy(s, data, size);
	s[size] = 0;
	return s;
}

int fuzz_is_nfc(const char *s)
{
	size_t n = strlen(s);
	char *nfc = text_nfc(s, n);
	FUZZ_ASSERT(nfc != NULL);
	int same = strlen(nfc) == n && !memcmp(nfc, s, n);
	free(nfc);
	return same;
}
