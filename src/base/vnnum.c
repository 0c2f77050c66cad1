/* vnnum.c: numbers, dates and roman numerals as Vietnamese administrative
 * documents write them, numbers as people type and read them (behind
 * vnnum.h).
 *
 * Numbers use "." to group thousands and "," as the decimal mark. One
 * scanner (scan_numeral) splits a numeral into digit runs and separators
 * and one rule (numeral_value) decides what is Vietnamese, for documents
 * (vn_parse_number) and typed input (vn_read_number) alike; typed input
 * that breaks the rule is explained (explain), never guessed. Dates are
 * either numeric ("04/5/2021", "19/02/2014", "15/6", also "04-5-2021" and
 * "04.5.2021" when the year is written) or in words ("ngày 21 tháng 3 năm
 * 2024", with blanks left for the day and month in drafts). Month-only
 * expressions such as "tháng 10/2024" are not dates here: they are periods,
 * read by the timeframe parser, and vn_find_date skips them. */
#include "base/vnnum.h"
#include "base/err.h"
#include "base/text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
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

/* More digits than this do not fit a double's exact integers nor a
 * uint64_t mantissa; nobody types them. */
#define MAX_DIGITS 18

static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
};

/* A numeral as written: digit runs and the one separator before each run
 * after the first. This is the shape both readers classify; what it means
 * is decided by numeral_value (the Vietnamese rule) and, for typed input,
 * by explain (why it is not Vietnamese). */
struct numeral {
	int negative;                  /* a "-" or "−" was written */
	int nruns;                     /* 1..MAX_DIGITS */
	unsigned char len[MAX_DIGITS]; /* digits of each run */
	char sep[MAX_DIGITS];          /* sep[k], k >= 1: '.', ',' or ' ' before run k */
	int ndigits;                   /* all digits, in order, in digits */
	char digits[MAX_DIGITS + 1];
};

enum { SCAN_OK, SCAN_NOT, SCAN_LONG };

/* What scan_numeral accepts besides digits, "." and ",": typed input may
 * carry a sign, and a space between digits is scanned as a separator only
 * so that a foreign grouping ("1 234") can be named; it is never valid. */
#define SCAN_SIGN 1
#define SCAN_SPACES 2

/* Scan s[i..end) as digit runs with single separators between them.
 * SCAN_NOT for anything else (a letter, a separator first, last or after
 * another: ",5", "1.", "1..2"), SCAN_LONG for a well-formed numeral of
 * more than MAX_DIGITS digits. Linear; *n is filled on SCAN_OK. */
static int scan_numeral(const char *s, size_t i, size_t end, int flags, struct numeral *n)
{
	memset(n, 0, sizeof *n);
	if (flags & SCAN_SIGN) {
		if (i < end && (s[i] == '+' || s[i] == '-')) {
			n->negative = s[i] == '-';
			i++;
		} else if (end - i >= 3 && !memcmp(s + i, "\xE2\x88\x92", 3)) {
			n->negative = 1;
			i += 3;
		}
	}
	int over = 0;
	unsigned run = 0;   /* digits of the run being read */
	char before = 0;    /* the separator before it */
	while (i < end) {
		unsigned char c = (unsigned char)s[i];
		if (is_digit(c)) {
			if (n->ndigits >= MAX_DIGITS)
				over = 1;
			else
				n->digits[n->ndigits++] = (char)c;
			run++;
			i++;
			continue;
		}
		size_t k = 1;
		char sep;
		if (c == '.' || c == ',')
			sep = (char)c;
		else if ((flags & SCAN_SPACES) && (k = space_len(s + i)) > 0 && (c == ' ' || k == 2))
			sep = ' ';
		else
			return SCAN_NOT;
		if (!run)
			return SCAN_NOT;
		if (!over) {
			n->sep[n->nruns] = before;
			n->len[n->nruns++] = (unsigned char)run;
		}
		before = sep;
		run = 0;
		i += k;
	}
	if (!run)
		return SCAN_NOT;
	if (over)
		return SCAN_LONG;
	n->sep[n->nruns] = before;
	n->len[n->nruns++] = (unsigned char)run;
	n->digits[n->ndigits] = 0;
	return SCAN_OK;
}

/* The Vietnamese rule: runs after "." have exactly three digits, the first
 * of a grouped number 1-3 digits not starting with 0 ("1.002" is 1002;
 * "1.5", "1.00", "01.002", "1234.567" are not Vietnamese), then at most
 * one "," and the decimals. Vietnamese writes decimals with ",", so a "."
 * before one or two digits is either a foreign decimal or a section
 * number ("1.5", "2.1"); we cannot tell which and do not guess. Returns 0
 * with *value (one rounding from the exact decimal: "28,787" gives the
 * same double as the literal 28.787), -1 when the form is not Vietnamese,
 * -2 when a double cannot hold the digits written. */
static int numeral_value(const struct numeral *n, double *value)
{
	int frac = 0;
	for (int k = 1; k < n->nruns; k++) {
		if (frac)
			return -1; /* something after the decimals */
		if (n->sep[k] == ',')
			frac = n->len[k];
		else if (n->sep[k] != '.' || n->len[k] != 3)
			return -1;
	}
	if (n->nruns > 1 && n->sep[1] == '.' && (n->len[0] > 3 || n->digits[0] == '0'))
		return -1;
	uint64_t mant = 0;
	for (int k = 0; k < n->ndigits; k++)
		mant = mant * 10 + (uint64_t)(n->digits[k] - '0');
	double v = (double)mant / pow10_tab[frac];
	/* A number a double cannot hold to the digits written (more than
	 * about 15 significant digits: "999.999.999.999.999.999" would be
	 * stored as 1e18) is not taken: nothing is silently changed. Written
	 * back with its own decimals, v must give the digits typed. */
	char back[48], want[48];
	snprintf(back, sizeof back, "%.*f", frac, v);
	int int_len = n->ndigits - frac, from = 0, w = 0;
	while (from < int_len - 1 && n->digits[from] == '0')
		from++;
	for (int k = from; k < int_len; k++)
		want[w++] = n->digits[k];
	if (frac)
		want[w++] = '.';
	for (int k = int_len; k < n->ndigits; k++)
		want[w++] = n->digits[k];
	want[w] = 0;
	if (strcmp(want, back))
		return -2;
	*value = n->negative && mant ? -v : v;
	return 0;
}

/* The end of s without the white space that ends it, from i. */
static size_t trim_end(const char *s, size_t i)
{
	size_t end = strlen(s);
	for (;;) {
		if (end > i && space_len(s + end - 1) == 1)
			end--;
		else if (end >= i + 2 && (unsigned char)s[end - 2] == 0xC2 &&
		         (unsigned char)s[end - 1] == 0xA0)
			end -= 2;
		else
			return end;
	}
}

/* A number in a document, percent sign allowed (see vnnum.h). Returns 0
 * with *value and *percent set (either pointer may be NULL), or PH_EINVAL
 * leaving them unchanged. */
int vn_parse_number(const char *s, double *value, int *percent)
{
	if (!s)
		return PH_EINVAL;
	size_t i = skip_space(s, 0), end = trim_end(s, i);
	int pct = 0;
	if (end > i && s[end - 1] == '%') {
		pct = 1;
		end--;
		if (end > i && s[end - 1] == ' ')
			end--;
	}
	struct numeral n;
	double v;
	if (scan_numeral(s, i, end, 0, &n) != SCAN_OK || numeral_value(&n, &v))
		return PH_EINVAL;
	if (value)
		*value = v;
	if (percent)
		*percent = pct;
	return 0;
}

/* Write the Vietnamese spelling of a reading of n into out (64 bytes
 * suffice: 18 digits, 5 dots, a sign, a comma): the digits of runs
 * [0, int_end) as the integer part (leading zeros dropped, grouped by
 * "."), then "," and the digits of run frac when frac >= 0. */
static void spell(char out[64], const struct numeral *n, int int_end, int frac)
{
	int off[MAX_DIGITS + 1], o = 0, k = 0;
	for (int r = 0; r < n->nruns; r++) {
		off[r] = o;
		o += n->len[r];
	}
	off[n->nruns] = o;
	const char *d = n->digits;
	int from = 0, to = off[int_end];
	while (from < to - 1 && d[from] == '0')
		from++;
	if (n->negative)
		out[k++] = '-';
	for (int j = from; j < to; j++) {
		if (j > from && (to - j) % 3 == 0)
			out[k++] = '.';
		out[k++] = d[j];
	}
	if (to == from)
		out[k++] = '0';
	if (frac >= 0) {
		out[k++] = ',';
		for (int j = off[frac]; j < off[frac] + n->len[frac]; j++)
			out[k++] = d[j];
	}
	out[k] = 0;
}

/* Fill *why with code and the sentence fmt (its %s are filled in order). */
static int refuse(struct vn_refusal *why, const char *code, const char *fmt, const char *a,
                  const char *b, const char *c)
{
	if (why) {
		why->code = code;
		snprintf(why->message, sizeof why->message, fmt, a, b, c);
	}
	return PH_EINVAL;
}

/* What a refusal names the input by: the text in quotes when it is short,
 * valid UTF-8 and printable, else the given words. */
static const char *quoted(char q[64], const char *s, size_t n, const char *words)
{
	if (n > 40 || !text_utf8_valid(s, n, NULL))
		return words;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return words;
	snprintf(q, 64, "“%.*s”", (int)n, s);
	return q;
}

/* Why the numeral n (the text s, n_len bytes) is not Vietnamese, in *why.
 * Returns PH_EINVAL. */
static int explain(const struct numeral *n, const char *s, size_t s_len, struct vn_refusal *why)
{
	char q[64], a[64], b[64];
	const char *who = quoted(q, s, s_len, "Giá trị đã nhập");
	int dots = 0, commas = 0, spaces = 0;
	for (int k = 1; k < n->nruns; k++) {
		dots += n->sep[k] == '.';
		commas += n->sep[k] == ',';
		spaces += n->sep[k] == ' ';
	}
	int first_ok = n->len[0] <= 3 && n->digits[0] != '0';
	static const char foreign[] =
		"%s không phải cách viết số của Việt Nam; hãy viết %s (dấu chấm ngăn hàng nghìn,"
		" dấu phẩy ngăn phần thập phân).";
	static const char not_number[] =
		"%s không phải là một số. Ví dụ cách viết số: 2.500; 1.234,5; 0,75.";
	int m = 1;
	if (spaces) {
		/* "1 234 567", "1 234,5", "1 234.5": grouped by spaces */
		while (m < n->nruns && n->sep[m] == ' ' && n->len[m] == 3)
			m++;
		int decimals = m == n->nruns - 1 && (n->sep[m] == ',' || n->sep[m] == '.');
		if (m > 1 && first_ok && (m == n->nruns || decimals)) {
			spell(a, n, m, decimals ? m : -1);
			return refuse(why, VN_NUM_FOREIGN, foreign, who, a, NULL);
		}
		return refuse(why, VN_NUM_NOT, not_number, who, NULL, NULL);
	}
	if (commas && n->sep[1] == ',' && first_ok) {
		/* "1,234,567" and "1,234.5": commas group thousands, "." decimals */
		while (m < n->nruns && n->sep[m] == ',' && n->len[m] == 3)
			m++;
		int decimals = m == n->nruns - 1 && n->sep[m] == '.';
		if ((m == n->nruns && commas >= 2) || decimals) {
			spell(a, n, m, decimals ? m : -1);
			return refuse(why, VN_NUM_FOREIGN, foreign, who, a, NULL);
		}
	}
	if (dots && !commas) {
		/* "2.5", "1.2345", "1234.567", "1.234.56": the last "." is a
		 * decimal point, or every "." groups thousands */
		int last = n->nruns - 1, zero = 1;
		for (int k = 0; k < n->ndigits - n->len[last]; k++)
			zero = zero && n->digits[k] == '0';
		spell(a, n, last, last);
		if (zero) /* "0.5": no integer reading */
			return refuse(why, VN_NUM_FOREIGN, foreign, who, a, NULL);
		spell(b, n, n->nruns, -1);
		return refuse(why, VN_NUM_AMBIGUOUS,
		              "%s không rõ là số nào: nếu là số thập phân, hãy viết %s; nếu là số"
		              " nguyên, hãy viết %s. Dấu chấm chỉ dùng để ngăn hàng nghìn, dấu phẩy"
		              " để ngăn phần thập phân.", who, a, b);
	}
	if (dots)
		return refuse(why, VN_NUM_AMBIGUOUS,
		              "%s không rõ là số nào: sau mỗi dấu chấm (ngăn hàng nghìn) phải có đúng"
		              " ba chữ số, và dấu phẩy ngăn phần thập phân, ví dụ 2.500 hoặc 1.234,5.",
		              who, NULL, NULL);
	return refuse(why, VN_NUM_NOT, not_number, who, NULL, NULL);
}

int vn_read_number(const char *s, double *value, struct vn_refusal *why)
{
	if (!s)
		return refuse(why, VN_NUM_NOT, "Chưa nhập số.", NULL, NULL, NULL);
	size_t i = skip_space(s, 0), end = trim_end(s, i);
	if (i == end)
		return refuse(why, VN_NUM_NOT, "Chưa nhập số.", NULL, NULL, NULL);
	char q[64];
	struct numeral n;
	double v;
	switch (scan_numeral(s, i, end, SCAN_SIGN | SCAN_SPACES, &n)) {
	case SCAN_LONG:
		return refuse(why, VN_NUM_TOO_LONG, "%s có quá 18 chữ số.",
		              quoted(q, s + i, end - i, "Số đã nhập"), NULL, NULL);
	case SCAN_NOT:
		return refuse(why, VN_NUM_NOT,
		              "%s không phải là một số. Ví dụ cách viết số: 2.500; 1.234,5; 0,75.",
		              quoted(q, s + i, end - i, "Giá trị đã nhập"), NULL, NULL);
	default:
		break;
	}
	int rule = numeral_value(&n, &v);
	if (rule == -2)
		return refuse(why, VN_NUM_TOO_LONG, "%s có nhiều chữ số hơn mức hệ thống lưu chính xác"
		              " được (khoảng 15 chữ số có nghĩa); hãy làm tròn bớt.",
		              quoted(q, s + i, end - i, "Số đã nhập"), NULL, NULL);
	if (rule)
		return explain(&n, s + i, end - i, why);
	if (value)
		*value = v;
	return 0;
}

size_t vn_format_number(char *out, size_t cap, double v, int decimals)
{
	char s[VN_NUMBER_MAX], t[VN_NUMBER_MAX];
	size_t k = 0;
	if (!cap)
		return 0;
	if (!isfinite(v)) {
		snprintf(out, cap, "—");
		return strlen(out);
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* No more places than a double holds digits (about 15 significant):
	 * 99999999999999.9 is shown "99.999.999.999.999,9", not with the
	 * binary noise after it, which no one typed and the reader refuses. */
	double mag = fabs(v);
	int int_digits = 1;
	while (mag >= 10 && int_digits < 400) {
		mag /= 10;
		int_digits++;
	}
	if (decimals > 15 - int_digits)
		decimals = 15 - int_digits > 0 ? 15 - int_digits : 0;
	/* at most 309 integer digits, a sign, a point and 6 places */
	snprintf(s, sizeof s, "%.*f", decimals, v);
	char *dot = strchr(s, '.');
	if (dot) { /* drop the trailing zeros of the fraction: 12.50 -> 12.5, 3.00 -> 3 */
		char *e = s + strlen(s) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	if (!strcmp(s, "-0"))
		strcpy(s, "0");
	const char *p = s;
	if (*p == '-')
		t[k++] = *p++;
	size_t digits = strcspn(p, ".");
	for (size_t j = 0; j < digits; j++) {
		if (j && (digits - j) % 3 == 0)
			t[k++] = '.';
		t[k++] = p[j];
	}
	if (p[digits] == '.') {
		t[k++] = ',';
		for (const char *f = p + digits + 1; *f; f++)
			t[k++] = *f;
	}
	t[k] = 0;
	snprintf(out, cap, "%s", t);
	return k < cap ? k : cap - 1;
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
