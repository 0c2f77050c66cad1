/* fuzz_number.c: the number readers on any text: vn_parse_number (numbers
 * as documents write them), vn_read_number (every figure a person types)
 * and vn_format_number (how pages show them), all in src/base/vnnum.h,
 * and vn_roman.
 *
 * Invariants:
 *   - vn_parse_number gives a finite value of at most 18 digits, >= 0;
 *     the same without its thousands dots ("1.002" = "1002"), with blanks
 *     around it, with a "%" after it (then percent 1); and vn_read_number
 *     reads the same text (without the "%") to the same value: one rule;
 *   - vn_read_number gives a finite value, or a refusal with a code and a
 *     message; the same behind blanks; negated behind "-"; and the text
 *     vn_format_number writes for the value reads back to a value that is
 *     written the same (what a page shows, a form sends back unchanged);
 *   - vn_roman reads the same in upper and lower case, and only 1..20. */
#include "fuzz.h"
#include "base/err.h"
#include "base/vnnum.h"
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* s without its thousands dots ("1.002,5" -> "1002,5"), the form both
 * readers take, and the number of its digits in *digits. NULL when out
 * of memory; caller frees. */
static char *without_dots(const char *s, int *digits)
{
	char *t = malloc(strlen(s) + 1), *w = t;
	*digits = 0;
	if (!t)
		return NULL;
	for (; *s; s++) {
		if (*s == '.')
			continue;
		if (*s >= '0' && *s <= '9')
			++*digits;
		*w++ = *s;
	}
	*w = 0;
	return t;
}

static void check_vn_number(const char *s)
{
	double v, w;
	int pct = -1, pct2 = -1;
	if (vn_parse_number(s, &v, &pct))
		return;
	fuzz_reached();
	FUZZ_ASSERT(isfinite(v) && v >= 0 && v <= 1e18 && (pct == 0 || pct == 1));
	size_t n = strlen(s);
	char *t = malloc(n + 4);
	if (!t)
		return;
	/* Blanks around it. */
	t[0] = ' ';
	memcpy(t + 1, s, n);
	memcpy(t + 1 + n, "\t ", 3);
	FUZZ_ASSERT(vn_parse_number(t, &w, &pct2) == 0 && w == v && pct2 == pct);
	/* A "%" right after its last digit. */
	if (!pct && n && s[n - 1] >= '0' && s[n - 1] <= '9') {
		memcpy(t, s, n);
		memcpy(t + n, "%", 2);
		FUZZ_ASSERT(vn_parse_number(t, &w, &pct2) == 0 && w == v && pct2 == 1);
	}
	free(t);

	/* Without the thousands dots; and the typed-input reader agrees. */
	int digits = 0;
	char *p = without_dots(s, &digits);
	if (!p)
		return;
	FUZZ_ASSERT(vn_parse_number(p, &w, &pct2) == 0 && w == v && pct2 == pct);
	char *q = strchr(p, '%');
	if (q)
		*q = 0;
	struct vn_refusal why;
	FUZZ_ASSERT(vn_read_number(p, &w, &why) == 0 && w == v);
	free(p);
}

static void check_typed(const char *s)
{
	double v, w, x;
	struct vn_refusal why = {0};
	if (vn_read_number(s, &v, &why)) {
		FUZZ_ASSERT(why.code && why.code[0] && why.message[0]);
		return;
	}
	fuzz_reached();
	FUZZ_ASSERT(isfinite(v) && fabs(v) <= 1e18);
	size_t n = strlen(s);
	char *t = malloc(n + 8);
	if (!t)
		return;
	t[0] = ' ';
	memcpy(t + 1, s, n);
	memcpy(t + 1 + n, " \t", 3);
	FUZZ_ASSERT(vn_read_number(t, &w, NULL) == 0 && w == v);
	/* "-" before a number without a sign negates it. */
	const char *u = s;
	while (*u == ' ' || *u == '\t')
		u++;
	if (*u >= '0' && *u <= '9') {
		t[0] = '-';
		memcpy(t + 1, u, strlen(u) + 1);
		FUZZ_ASSERT(vn_read_number(t, &w, NULL) == 0 && w == -v);
	}
	free(t);
	/* What a page shows reads back to what it shows. */
	char shown[VN_NUMBER_MAX], again[VN_NUMBER_MAX];
	vn_format_number(shown, sizeof shown, v, 6);
	FUZZ_ASSERT(vn_read_number(shown, &w, NULL) == 0);
	vn_format_number(again, sizeof again, w, 6);
	FUZZ_ASSERT(strcmp(shown, again) == 0);
	FUZZ_ASSERT(vn_read_number(again, &x, NULL) == 0 && x == w);
}

static void check_roman(const char *s)
{
	size_t n = strlen(s);
	for (size_t k = 0; k <= n && k <= 6; k++) {
		char up[8], low[8];
		for (size_t i = 0; i < k; i++) {
			char c = s[i];
			up[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
			low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
		}
		int v = vn_roman(s, k);
		FUZZ_ASSERT(v >= 0 && v <= 20);
		FUZZ_ASSERT(vn_roman(up, k) == v && vn_roman(low, k) == v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	if (!s)
		return 0;
	check_vn_number(s);
	check_typed(s);
	check_roman(s);

	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"number", 2000, 5, NULL};
