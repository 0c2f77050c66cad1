/* fuzz_text.c: the Vietnamese text layer (src/base/text.h) on any bytes:
 * UTF-8 validation, the binary test, NFC, folding, collation, the first
 * letter in upper case, the all-capitals test, code points, trimming.
 *
 * Invariants:
 *   - text_utf8_valid points at the first bad sequence: what comes
 *     before it is valid; text_nfc refuses exactly the invalid input;
 *   - NFC is idempotent; folding (of NFC text, its contract) is too, and
 *     its result is valid UTF-8, trimmed, without runs of blanks or
 *     upper-case ASCII;
 *   - collation is a consistent order: a string equals itself, a and b
 *     compare opposite ways round (the input is cut at its first LF);
 *   - text_upper_first gives valid UTF-8; text_trim leaves no blank at
 *     either end;
 *   - text_cp_at walks the text in steps that add up to its length. */
#include "fuzz.h"
#include "base/text.h"
#include <stdlib.h>
#include <string.h>

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void check_fold(const char *s)
{
	char *f = text_fold(s);
	FUZZ_ASSERT(f != NULL);
	size_t n = strlen(f);
	/* Valid, but not always NFC: folding decomposes to drop the marks and
	 * does not compose again what has no marks (Hangul stays as jamo). */
	FUZZ_ASSERT(text_utf8_valid(f, n, NULL));
	FUZZ_ASSERT(!n || (f[0] != ' ' && f[n - 1] != ' '));
	FUZZ_ASSERT(!strstr(f, "  "));
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(!(f[i] >= 'A' && f[i] <= 'Z'));
	char *g = text_fold(f);
	FUZZ_ASSERT(g && !strcmp(f, g));
	free(g);
	free(f);
}

static void check_collate(const char *s)
{
	const char *nl = strchr(s, '\n');
	size_t an = nl ? (size_t)(nl - s) : strlen(s);
	char *a = malloc(an + 1);
	if (!a)
		return;
	memcpy(a, s, an);
	a[an] = 0;
	const char *b = nl ? nl + 1 : "";
	FUZZ_ASSERT(text_collate(a, a) == 0 && text_collate(b, b) == 0);
	FUZZ_ASSERT(sign(text_collate(a, b)) == -sign(text_collate(b, a)));
	free(a);
}

static void check_walk(const char *s)
{
	size_t total = 0, len = 0;
	while (s[total]) {
		int c = text_cp_at(s + total, &len);
		FUZZ_ASSERT(c >= 0 && len >= 1 && len <= 4);
		total += len;
	}
	FUZZ_ASSERT(total == strlen(s));
	text_cp_at(s + total, &len);
	FUZZ_ASSERT(len == 0); /* the end of the string */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	size_t bad = size + 1;
	int valid = text_utf8_valid(in, size, &bad);
	text_looks_binary(in, size);
	char *nfc = text_nfc(in, size);
	if (!valid) {
		FUZZ_ASSERT(bad < size && text_utf8_valid(in, bad, NULL));
		FUZZ_ASSERT(nfc == NULL);
		return 0;
	}
	FUZZ_ASSERT(nfc != NULL);
	/* A NUL byte ends the C strings below. */
	if (memchr(in, 0, size)) {
		free(nfc);
		return 0;
	}
	fuzz_reached();
	FUZZ_ASSERT(fuzz_is_nfc(nfc));
	check_fold(nfc);
	char *raw = malloc(size + 1);
	if (raw) {
		memcpy(raw, in, size);
		raw[size] = 0;
		check_walk(raw);
		char *t = text_trim(raw);
		size_t tn = strlen(t);
		FUZZ_ASSERT(!tn || (!strchr(" \t\r\n", t[0]) && !strchr(" \t\r\n", t[tn - 1])));
		free(raw);
	}
	check_collate(nfc);
	char *up = text_upper_first(nfc);
	FUZZ_ASSERT(up != NULL);
	FUZZ_ASSERT(text_utf8_valid(up, strlen(up), NULL));
	text_all_caps(nfc);
	text_all_caps(up);
	free(up);
	free(nfc);
	return 0;
}

static void cleanup(void)
{
	text_cleanup();
}

const struct fuzz_target fuzz_target = {"text", 1000, 40, cleanup};
