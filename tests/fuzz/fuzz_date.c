/* fuzz_date.c: the date readers on any text: vn_find_date and
 * vn_parse_date (src/base/vnnum.h), without a default year and with one,
 * and date_parse_iso (src/base/date.h).
 *
 * Invariants:
 *   - a date vn_find_date finds lies inside the input, and is either a
 *     real calendar day or has the unknown parts of a blank form; its
 *     year is the default year exactly when the text gives none;
 *   - the span it finds reads as that same date with vn_parse_date, and
 *     so does the whole input when vn_parse_date accepts it (then
 *     vn_find_date finds it at the start);
 *   - giving a default year only fills the missing year (the text's own
 *     dates are found at the same place either way);
 *   - date_parse_iso gives a real day whose ISO form reads back the same. */
#include "fuzz.h"
#include "base/date.h"
#include "base/err.h"
#include "base/vnnum.h"
#include <stdlib.h>
#include <string.h>

/* The default year the second pass gives: a leap year, so that "29/2"
 * means the same with it as without (y = 0 allows it). */
#define DEFAULT_YEAR 2024

static int same_date(struct ph_date a, struct ph_date b)
{
	return !date_cmp(a, b);
}

/* vn_find_date with default year y; returns 0 or PH_ENOTFOUND. */
static int find(const char *s, size_t n, int y, struct ph_date *d, size_t *at, size_t *len)
{
	int rc = vn_find_date(s, y, d, at, len);
	FUZZ_ASSERT(rc == 0 || rc == PH_ENOTFOUND);
	if (rc)
		return rc;
	FUZZ_ASSERT(*len > 0 && *at + *len <= n);
	if (date_is_full(*d))
		return 0;
	/* Not a full day: a yearless day without a default year, or a
	 * blank form ("ngày   tháng   năm 2024", "ngày   tháng 3 năm 2024"). */
	FUZZ_ASSERT(d->m >= 0 && d->m <= 12 && d->d >= 0 && d->d <= 31);
	FUZZ_ASSERT((d->y == 0 && y == 0 && d->m && d->d) || (d->y && d->d == 0));
	return 0;
}

/* 1 when s[0..n) is white space as the date readers skip it (ASCII
 * blanks and line ends, NBSP). */
static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
			i++;
		else if (!strchr(" \t\r\n\v\f", c) || !c)
			return 0;
	}
	return 1;
}

static void check_dates(const char *s)
{
	size_t n = strlen(s), at0 = 0, len0 = 0, at1 = 0, len1 = 0;
	struct ph_date d0, d1, p;
	int rc0 = find(s, n, 0, &d0, &at0, &len0);
	int rc1 = find(s, n, DEFAULT_YEAR, &d1, &at1, &len1);
	FUZZ_ASSERT(rc0 == rc1);
	if (!rc0) {
		fuzz_reached();
		FUZZ_ASSERT(at0 == at1 && len0 == len1);
		FUZZ_ASSERT(d0.m == d1.m && d0.d == d1.d);
		FUZZ_ASSERT(d0.y ? d1.y == d0.y : d1.y == DEFAULT_YEAR);
		/* The span alone reads as the same date. */
		char *span = malloc(len0 + 1);
		if (span) {
			memcpy(span, s + at0, len0);
			span[len0] = 0;
			FUZZ_ASSERT(vn_parse_date(span, 0, &p) == 0 && same_date(p, d0));
			FUZZ_ASSERT(vn_parse_date(span, DEFAULT_YEAR, &p) == 0 && same_date(p, d1));
			free(span);
		}
	}
	for (int y = 0; y <= DEFAULT_YEAR; y += DEFAULT_YEAR) {
		int rc = vn_parse_date(s, y, &p);
		FUZZ_ASSERT(rc == 0 || rc == PH_EINVAL);
		if (rc)
			continue;
		struct ph_date f;
		size_t at = 0, len = 0;
		FUZZ_ASSERT(vn_find_date(s, y, &f, &at, &len) == 0 && same_date(f, p));
		FUZZ_ASSERT(only_space(s, at));
	}
}

static void check_iso(const char *s)
{
	struct ph_date d;
	char iso[11];
	if (date_parse_iso(s, &d))
		return;
	FUZZ_ASSERT(date_is_full(d));
	FUZZ_ASSERT(date_iso(d, iso) == 1 && strlen(iso) == 10);
	struct ph_date again;
	FUZZ_ASSERT(date_parse_iso(iso, &again) == 0 && same_date(again, d));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	if (!s)
		return 0;
	check_dates(s);
	check_iso(s);
	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"date", 2000, 20, NULL};
