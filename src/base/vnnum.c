/* vnnum.c: numbers, dates and roman numerals as Vietnamese administrative
 * documents write them (behind vnnum.h).
 *
 * Numbers use "." to group thousands and "," as the decimal mark. Dates are
 * either numeric ("04/5/2021", "19/02/2014", "15/6", also "04-5-2021" and
 * "04.5.2021" when the year is written) or in words ("ngày 21 tháng 3 năm
 * 2024", with blanks left for the day and month in drafts). Month-only
 * expressions such as "tháng 10/2024" are not dates here: they are periods,
 * read by the timeframe parser, and vn_find_date skips them. */
#include "base/vnnum.h"
#include "base/err.h"

#include <stdint.h>
#include <string.h>

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of one white-space character at s: ASCII space, tab, CR, LF, VT,
 * FF or NBSP (C2 A0); 0 for anything else. */
static size_t space_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

static size_t skip_space(const char *s, size_t i)
{
	size_t k;
	while ((k = space_len(s + i)) > 0)
		i += k;
	return i;
}

/* Number of consecutive ASCII digits at s + i; their value (capped, only
 * meaningful for short runs) in *val. */
static size_t digit_run(const char *s, size_t i, int *val)
{
	size_t n = 0;
	int v = 0;
	while (is_digit((unsigned char)s[i + n])) {
		if (n < 6)
			v = v * 10 + (s[i + n] - '0');
		n++;
	}
	*val = v;
	return n;
}

/* ---- numbers ---------------------------------------------------------- */

static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
};

/* Parse one number token: digits, optionally grouped by "." in threes,
 * optionally a "," and decimal digits, optionally "%" (a space before it is
 * allowed). White space around the token is allowed.
 *
 * A "." must be followed by exactly three digits and the leading group must
 * be 1-3 digits not starting with 0: "1.002" is 1002, while "1.5" and
 * "1.00" are refused. Vietnamese writes decimals with ",", so a "." before
 * one or two digits is either a foreign-style decimal or a section number
 * ("1.5", "2.1"); we cannot tell which and do not guess. No sign is
 * accepted ("-" starts list items and ranges). At most 18 digits.
 *
 * Returns 0 with *value and *percent set (either pointer may be NULL), or
 * PH_EINVAL leaving them unchanged. */
int vn_parse_number(const char *s, double *value, int *percent)
{
	if (!s)
		return PH_EINVAL;
	size_t i = skip_space(s, 0), end = strlen(s);
	for (;;) { /* trim the end */
		if (end > i && space_len(s + end - 1) == 1)
			end--;
		else if (end >= i + 2 && (unsigned char)s[end - 2] == 0xC2 &&
		         (unsigned char)s[end - 1] == 0xA0)
			end -= 2;
		else
			break;
	}
	int pct = 0;
	if (end > i && s[end - 1] == '%') {
		pct = 1;
		end--;
		if (end > i && s[end - 1] == ' ')
			end--;
	}

	uint64_t mant = 0;
	int ndigits = 0, frac = 0;
	size_t p = i;
	int v;
	size_t g = digit_run(s, p, &v);
	if (g == 0)
		return PH_EINVAL;
	if (p + g < end && s[p + g] == '.' && (g > 3 || s[p] == '0'))
		return PH_EINVAL;
	for (;;) {
		for (size_t k = 0; k < g; k++) {
			if (++ndigits > 18)
				return PH_EINVAL;
			mant = mant * 10 + (uint64_t)(s[p + k] - '0');
		}
		p += g;
		if (p < end && s[p] == '.') {
			g = digit_run(s, p + 1, &v);
			if (g != 3)
				return PH_EINVAL;
			p++;
			continue;
		}
		break;
	}
	if (p < end && s[p] == ',') {
		g = digit_run(s, p + 1, &v);
		if (g == 0)
			return PH_EINVAL;
		p++;
		for (size_t k = 0; k < g; k++) {
			if (++ndigits > 18)
				return PH_EINVAL;
			mant = mant * 10 + (uint64_t)(s[p + k] - '0');
		}
		frac = (int)g;
		p += g;
	}
	if (p != end)
		return PH_EINVAL;
	/* One rounding from the exact decimal: "28,787" gives the same double
	 * as the literal 28.787. */
	if (value)
		*value = (double)mant / pow10_tab[frac];
	if (percent)
		*percent = pct;
	return 0;
}

/* ---- dates ------------------------------------------------------------ */

static const char *const w_ngay[] = {"ngày", "Ngày", "NGÀY", NULL};
static const char *const w_thang[] = {"tháng", "Tháng", "THÁNG", NULL};
static const char *const w_nam[] = {"năm", "Năm", "NĂM", NULL};

/* 1 when a word may start at s + i: at the start, or after something that
 * is neither an ASCII letter or digit nor part of a multi-byte character
 * (NBSP excepted, it is a space). */
static int word_start(const char *s, size_t i)
{
	if (i == 0)
		return 1;
	unsigned char c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return !is_alnum(c);
	return i >= 2 && c == 0xA0 && (unsigned char)s[i - 2] == 0xC2;
}

/* Length of one of the spellings in forms at s + i, followed by a word end
 * (not a letter, digit or multi-byte letter); 0 if none is there. */
static size_t word_at(const char *s, size_t i, const char *const *forms)
{
	for (; *forms; forms++) {
		size_t n = strlen(*forms);
		if (strncmp(s + i, *forms, n) != 0)
			continue;
		unsigned char c = (unsigned char)s[i + n];
		if (c == 0 || space_len(s + i + n) || (c < 0x80 && !is_alnum(c)))
			return n;
	}
	return 0;
}

/* Day d of month m is possible in year y (y = 0: any year, so 29/2 is). */
static int day_ok(int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1)
		return 0;
	if (y == 0)
		return d <= date_days_in_month(2000, m);
	return d <= date_days_in_month(y, m);
}

static int year_ok(int y)
{
	return y >= 1900 && y <= 2200;
}

/* A numeric date at s + i: D{1,2} sep M{1,2} [sep YYYY] with sep one of
 * "/", "-", "."; without a year only "/" is accepted (so "1.1" and "20-25"
 * are not dates), and the year must then not follow ("15/6/21" and
 * "06/5/NQ" are refused, as are "29-NQ/TU" and "10/2024"). The caller has
 * checked what precedes. Returns the end of the match, or 0. */
static size_t numeric_at(const char *s, size_t i, int default_year, struct ph_date *out)
{
	int d, m, y = 0;
	size_t n = digit_run(s, i, &d);
	if (n < 1 || n > 2)
		return 0;
	size_t j = i + n;
	char sep = s[j];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	j++;
	n = digit_run(s, j, &m);
	if (n < 1 || n > 2)
		return 0;
	j += n;
	unsigned char c = (unsigned char)s[j];
	if (c == (unsigned char)sep) {
		n = digit_run(s, j + 1, &y);
		if (n != 4)
			return 0;
		j += 1 + n;
		c = (unsigned char)s[j];
		if (is_alnum(c))
			return 0;
		if (!year_ok(y) || !day_ok(y, m, d))
			return 0;
	} else {
		if (sep != '/')
			return 0;
		/* "15/6QĐ", "15/6.5", "15/6,5" are something else. Multi-byte
		 * characters other than NBSP and general punctuation (E2 ..:
		 * dashes, quotes) are taken to be letters. */
		if (is_alnum(c) || (c >= 0x80 && c != 0xE2 && !space_len(s + j)))
			return 0;
		if ((c == '.' || c == ',') && is_digit((unsigned char)s[j + 1]))
			return 0;
		y = default_year;
		if (!day_ok(y, m, d))
			return 0;
	}
	out->y = y;
	out->m = m;
	out->d = d;
	return j;
}

/* A date that starts with the word "ngày" at s + i (already checked to be
 * at a word start): "ngày 04/5/2021", "ngày 21 tháng 3 năm 2024", "ngày 15
 * tháng 6" (default year), "ngày   tháng   năm 2024" (blank day and month,
 * y only), "ngày   tháng 3 năm 2024" (blank day). A day with a blank month
 * is refused. Returns the end of the match, or 0. */
static size_t words_at(const char *s, size_t i, int default_year, struct ph_date *out)
{
	size_t k = word_at(s, i, w_ngay);
	if (!k)
		return 0;
	size_t j = i + k;
	if (!space_len(s + j))
		return 0;
	j = skip_space(s, j);

	int d = 0, m = 0, y = 0, v;
	size_t n = digit_run(s, j, &v);
	if (n >= 1 && n <= 2 && (s[j + n] == '/' || s[j + n] == '-' || s[j + n] == '.'))
		return numeric_at(s, j, default_year, out);
	if (n > 2)
		return 0;
	if (n) {
		d = v;
		j += n;
		if (!space_len(s + j))
			return 0;
		j = skip_space(s, j);
	}
	if (!(k = word_at(s, j, w_thang)))
		return 0;
	j += k;
	size_t end = j; /* the match so far: "ngày [D] tháng" */
	size_t t = skip_space(s, j);
	n = t > j ? digit_run(s, t, &v) : 0;
	if (n > 2)
		return 0;
	if (n) {
		m = v;
		end = j = t + n;
		if (is_alnum((unsigned char)s[j]))
			return 0;
		t = skip_space(s, j);
	}
	if (t > j && (k = word_at(s, t, w_nam))) {
		size_t u = t + k;
		size_t w = skip_space(s, u);
		n = w > u ? digit_run(s, w, &v) : 0;
		if (n == 4 && !is_alnum((unsigned char)s[w + n])) {
			y = v;
			end = w + n;
		}
	}

	if (y && !year_ok(y))
		return 0;
	if (d) {
		if (!m)
			return 0;
		if (!y)
			y = default_year;
		if (!day_ok(y, m, d))
			return 0;
	} else if (m) {
		if (!y || m > 12)
			return 0;
	} else if (!y) {
		return 0;
	}
	out->y = y;
	out->m = m;
	out->d = d;
	return end;
}

/* A date at exactly s + i, or 0. */
static size_t date_at(const char *s, size_t i, int default_year, struct ph_date *out)
{
	unsigned char c = (unsigned char)s[i];
	if (!word_start(s, i))
		return 0;
	if (c == 'n' || c == 'N')
		return words_at(s, i, default_year, out);
	if (is_digit(c)) {
		/* "1432/QĐ", "56/2012/NĐ-CP", "2021-2025", "1.15/6": the digits
		 * belong to something else. */
		if (i > 0 && strchr("/-.,", s[i - 1]))
			return 0;
		return numeric_at(s, i, default_year, out);
	}
	return 0;
}

/* Scans s for the first date (see date_at and the forms above). A yearless
 * "d/m" is taken wherever it stands, so "10/12 xã" would read as 10
 * December: callers that scan free text should check what precedes the
 * span (e.g. "ngày", "trước"). A match that starts with "ngày" includes it
 * in the span. Returns 0 and fills *out (and *start, *len when not NULL),
 * or PH_ENOTFOUND. */
int vn_find_date(const char *s, int default_year, struct ph_date *out,
                 size_t *start, size_t *len)
{
	if (!s)
		return PH_ENOTFOUND;
	for (size_t i = 0; s[i]; i++) {
		struct ph_date d;
		size_t e = date_at(s, i, default_year, &d);
		if (e) {
			if (out)
				*out = d;
			if (start)
				*start = i;
			if (len)
				*len = e - i;
			return 0;
		}
	}
	return PH_ENOTFOUND;
}

/* Parses s as one date expression and nothing else (white space around
 * it allowed). Returns 0 with *out set, or PH_EINVAL. */
int vn_parse_date(const char *s, int default_year, struct ph_date *out)
{
	if (!s)
		return PH_EINVAL;
	size_t i = skip_space(s, 0);
	struct ph_date d;
	size_t e = date_at(s, i, default_year, &d);
	if (!e || s[skip_space(s, e)] != 0)
		return PH_EINVAL;
	if (out)
		*out = d;
	return 0;
}

/* ---- roman numerals --------------------------------------------------- */

/* The canonical roman numeral of 1..20 in s[0..n), any case, to its
 * value; 0 for anything else ("IIII", "IC", "", "XXI"). */
int vn_roman(const char *s, size_t n)
{
	static const char *const numerals[] = {
		"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
		"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
	};
	if (!s || n == 0 || n > 5)
		return 0;
	char up[6];
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == 0)
			return 0;
		up[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	up[n] = 0;
	for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
		if (strcmp(up, numerals[k]) == 0)
			return (int)k + 1;
	return 0;
}
