/* fuzz_number.c: the number readers on any text: vn_parse_number (numbers
 * as documents write them, src/base/vnnum.h), csv_number (CSV and form
 * values, src/model/csv.h) and vn_roman.
 *
 * Invariants:
 *   - vn_parse_number gives a finite value of at most 18 digits, >= 0;
 *     the same without its thousands dots ("1.002" = "1002"), with blanks
 *     around it, with a "%" after it (then percent 1); and the value that
 *     csv_number reads from the same digits with "." as the decimal mark
 *     (exactly when the digits fit a double's mantissa, within one unit in
 *     the last place beyond);
 *   - vn_roman reads the same in upper and lower case, and only 1..20. */
#include "fuzz.h"
#include "base/err.h"
#include "base/vnnum.h"
#include "model/csv.h"
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

	/* Without the thousands dots, and read by csv_number. */
	int digits = 0;
	char *p = without_dots(s, &digits);
	if (!p)
		return;
	FUZZ_ASSERT(vn_parse_number(p, &w, &pct2) == 0 && w == v && pct2 == pct);
	char *q = strchr(p, '%');
	if (q)
		*q = 0;
	if (csv_number(p, &w) == 0) {
		if (digits <= 15)
			FUZZ_ASSERT(w == v);
		else
			FUZZ_ASSERT(fabs(w - v) <= v * 4.5e-16); /* three roundings at most */
	} else {
		/* White space other than blanks and tabs (NBSP, line ends) is
		 * the only reason csv_number may refuse what vn_parse_number
		 * read. */
		FUZZ_ASSERT(strpbrk(p, "\xC2\n\r\v\f") != NULL);
	}
	free(p);
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
	double v;
	if (csv_number(s, &v) == 0)
		FUZZ_ASSERT(isfinite(v));
	check_roman(s);

	/* LEAD: the typed-input number parser of src/base/vnnum.h (another
	 * engineer's branch) goes here once merged: call it on s, and check
	 * what it promises (e.g. the value it reads re-reads the same, and it
	 * agrees with vn_parse_number / csv_number where their forms overlap). */

	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"number", 2000, 5, NULL};
