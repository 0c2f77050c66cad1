/* csv.c: the CSV backend of the table writer (table.h): UTF-8 with a
 * BOM, RFC 4180 quoting (a cell holding the separator, a quote, CR or LF
 * is enclosed in quotes, inner quotes doubled), CRLF line ends. Cells
 * arrive cleaned and guarded from table.c; numbers are written here in
 * machine form, with a decimal comma when the separator is ';'. */
#include "export/table_impl.h"
#include "base/err.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* After a cell: the separator, or the line end after the last column. */
static int after(struct table *t)
{
	return t->col + 1 == t->ncols ? buf_append(t->out, "\r\n", 2) : buf_putc(t->out, t->sep);
}

static int field(struct table *t, const char *s, size_t len)
{
	int quote = 0;
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == t->sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote)
		return buf_append(t->out, s, len);
	buf_putc(t->out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(t->out, '"');
		buf_putc(t->out, s[i]);
	}
	return buf_putc(t->out, '"');
}

int csv_table_begin(struct table *t)
{
	buf_append(t->out, "\xEF\xBB\xBF", 3);
	for (t->col = 0; t->col < t->ncols; t->col++) {
		const char *s = t->cols[t->col].title;
		field(t, s, strlen(s));
		after(t);
	}
	t->col = 0;
	return buf_error(t->out);
}

int csv_table_text(struct table *t, const char *s, size_t len)
{
	field(t, s, len);
	return after(t);
}

int csv_table_blank(struct table *t)
{
	return after(t);
}

int csv_table_num(struct table *t, double v, int integer)
{
	char s[64];
	if (integer || (v == floor(v) && fabs(v) < 1e15)) {
		snprintf(s, sizeof s, "%.0f", v);
	} else {
		/* At most 10 decimals, trailing zeros dropped. The mark is set
		 * here whatever LC_NUMERIC says: '.', or ',' for ';'. */
		snprintf(s, sizeof s, "%.10f", v);
		char *dot = strpbrk(s, ".,");
		if (dot) {
			char *end = s + strlen(s) - 1;
			while (end > dot && *end == '0')
				*end-- = 0;
			if (end == dot)
				*end = 0;
			else
				*dot = t->sep == ';' ? ',' : '.';
		}
	}
	if (!strcmp(s, "-0"))
		strcpy(s, "0");
	buf_puts(t->out, s);
	return after(t);
}
