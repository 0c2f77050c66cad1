/* table.c: the table writer's front (table.h): kinds checked, cells and
 * rows counted, text cleaned once for both formats, then handed to the
 * backend of the format (csv.c, xlsx.c). */
#include "export/table_impl.h"
#include "base/err.h"
#include "export/export.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int table_needs_guard(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	             *s == '\r');
}

int table_new(int format, char sep, const char *sheet, const struct table_column *cols,
              size_t n, struct buf *out, struct table **tp)
{
	*tp = NULL;
	if (!sep)
		sep = ',';
	if ((format != EXPORT_CSV && format != EXPORT_XLSX) || (sep != ',' && sep != ';') ||
	    !n || n > TABLE_COLUMNS_MAX || !cols || !out)
		return PH_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!cols[i].title || cols[i].kind < TABLE_TEXT || cols[i].kind > TABLE_DATETIME)
			return PH_EINVAL;
	if (buf_error(out))
		return buf_error(out);
	struct table *t = calloc(1, sizeof *t);
	if (!t)
		return PH_ENOMEM;
	t->format = format;
	t->sep = sep;
	t->cols = cols;
	t->ncols = n;
	t->out = out;
	t->out_start = out->len;
	buf_init(&t->cell, 4 * TABLE_CELL_MAX + 16);
	int rc = format == EXPORT_CSV ? csv_table_begin(t) : xlsx_table_begin(t, sheet);
	if (rc) {
		table_free(t);
		return rc;
	}
	*tp = t;
	return 0;
}

/* Decode one code point of s (at most n bytes): its value, or -1 for an
 * invalid sequence (overlong, a surrogate, past U+10FFFF, cut), with *len
 * the bytes it takes (1 for an invalid byte). */
static long decode(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	*len = 1;
	if (c < 0x80)
		return c;
	size_t k = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
	if (!k || k > n || (k == 4 && c > 0xF4))
		return -1;
	long v = c & (0x7F >> k);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((k == 3 && v < 0x800) || (k == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*len = k;
	return v;
}

/* s cleaned into t->cell: the guard's apostrophe, control characters
 * (but tab and line feed) and U+FFFE/U+FFFF dropped, invalid bytes as
 * U+FFFD, at most TABLE_CELL_MAX characters. */
static int clean(struct table *t, const char *s)
{
	buf_reset(&t->cell);
	if (table_needs_guard(s))
		buf_putc(&t->cell, '\'');
	size_t n = strlen(s), chars = t->cell.len;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n && chars < TABLE_CELL_MAX;) {
		size_t k;
		long c = decode(p + i, n - i, &k);
		if (c < 0)
			buf_puts(&t->cell, "\xEF\xBF\xBD");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xFFFE ||
		         c == 0xFFFF)
			chars--; /* dropped: not counted */
		else
			buf_append(&t->cell, p + i, k);
		chars++;
		i += k;
	}
	return buf_error(&t->cell);
}

/* The column of the next cell, checked against the kinds allowed. */
static int next(struct table *t, int k1, int k2)
{
	if (t->err)
		return 0;
	if (t->col == 0 && t->rows >= TABLE_ROWS_MAX) {
		t->err = PH_ETOOBIG;
		return 0;
	}
	int kind = t->cols[t->col].kind;
	if (kind != k1 && kind != k2) {
		t->err = PH_EINVAL;
		return 0;
	}
	if (t->col == 0)
		t->rows++;
	return 1;
}

static void done(struct table *t, int rc)
{
	if (rc && !t->err)
		t->err = rc;
	if (++t->col == t->ncols)
		t->col = 0;
}

static void put_text(struct table *t, const char *s)
{
	int rc = clean(t, s);
	if (!rc)
		rc = t->format == EXPORT_CSV ? csv_table_text(t, t->cell.data ? t->cell.data : "",
		                                              t->cell.len)
		                             : xlsx_table_text(t, buf_str(&t->cell));
	done(t, rc);
}

static void put_blank(struct table *t)
{
	done(t, t->format == EXPORT_CSV ? csv_table_blank(t) : 0);
}

void table_text(struct table *t, const char *s)
{
	if (!t || !next(t, TABLE_TEXT, TABLE_TEXT))
		return;
	if (!s || !*s)
		put_blank(t);
	else
		put_text(t, s);
}

void table_blank(struct table *t)
{
	if (!t || t->err)
		return;
	if (t->col == 0 && t->rows >= TABLE_ROWS_MAX) {
		t->err = PH_ETOOBIG;
		return;
	}
	if (t->col == 0)
		t->rows++;
	put_blank(t);
}

static void put_num(struct table *t, double v, int integer)
{
	if (!isfinite(v)) {
		put_blank(t);
		return;
	}
	int pct = t->cols[t->col].kind == TABLE_PERCENT;
	int rc = t->format == EXPORT_CSV ? csv_table_num(t, v, integer)
	                                 : xlsx_table_num(t, pct ? v / 100.0 : v);
	done(t, rc);
}

void table_int(struct table *t, long long v)
{
	if (t && next(t, TABLE_INTEGER, TABLE_NUMBER))
		put_num(t, (double)v, 1);
}

void table_num(struct table *t, double v)
{
	if (t && next(t, TABLE_NUMBER, TABLE_PERCENT))
		put_num(t, v, 0);
}

/* n digits of s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

void table_date(struct table *t, const char *iso)
{
	if (!t || !next(t, TABLE_DATE, TABLE_DATETIME))
		return;
	if (!iso || !*iso) {
		put_blank(t);
		return;
	}
	int dt = t->cols[t->col].kind == TABLE_DATETIME;
	size_t n = strlen(iso);
	int y = -1, m = -1, d = -1, hh = 0, mm = 0;
	if (n >= 10 && iso[4] == '-' && iso[7] == '-') {
		y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
		if (n != 10 && !(dt && n >= 16 && (iso[10] == 'T' || iso[10] == ' ') && iso[13] == ':' &&
		                 (hh = digits(iso + 11, 2)) >= 0 && hh < 24 &&
		                 (mm = digits(iso + 14, 2)) >= 0 && mm < 60))
			y = -1;
	}
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))) {
		put_text(t, iso); /* not a date: the text as written */
		return;
	}
	int rc;
	if (t->format == EXPORT_CSV) {
		char s[20];
		memcpy(s, iso, 10);
		if (dt) {
			s[10] = ' ';
			memcpy(s + 11, iso + 11, 5);
			s[16] = 0;
		} else {
			s[10] = 0;
		}
		rc = csv_table_text(t, s, strlen(s));
	} else {
		rc = xlsx_table_date(t, y, m, d, hh, mm);
	}
	done(t, rc);
}

size_t table_rows(const struct table *t)
{
	return t ? t->rows : 0;
}

int table_finish(struct table *t)
{
	if (!t)
		return PH_EINVAL;
	int rc = t->err;
	if (!rc && t->col)
		rc = PH_EINVAL; /* a row cut short */
	if (!rc && t->format == EXPORT_XLSX)
		rc = xlsx_table_finish(t);
	if (!rc)
		rc = buf_error(t->out);
	if (rc && t->out->len > t->out_start) {
		/* Nothing of a failed table stays in out. */
		t->out->len = t->out_start;
		if (t->out->data)
			t->out->data[t->out->len] = 0;
	}
	table_free(t);
	return rc;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	if (t->format == EXPORT_XLSX)
		xlsx_table_free(t);
	buf_cleanup(&t->cell);
	free(t);
}
