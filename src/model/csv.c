/* csv.c: the CSV reader and the indicator values file (see csv.h). */
#include "model/csv.h"
#include "base/err.h"
#include "base/text.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when data[i] ends a record: LF, or CR before LF or the end. */
static int record_end(const char *data, size_t len, size_t i)
{
	return data[i] == '\n' || (data[i] == '\r' && (i + 1 == len || data[i + 1] == '\n'));
}

/* Read one field starting at *i into the arena: its extent is found
 * first, then exactly its bytes are copied, so the cost is the field's
 * length (not the rest of the file). 0, PH_EINVAL with *bad_line (a quote
 * left open, text after a closing quote, a quote inside an unquoted
 * field), PH_ENOMEM. */
static int field(struct arena *a, const char *data, size_t len, size_t *i, int *line,
                 char **out, int *bad_line)
{
	size_t p = *i;
	if (p < len && data[p] == '"') {
		size_t q = p + 1, n = 0;
		int lines = 0;
		for (;;) {
			if (q >= len) {
				*bad_line = *line;
				return PH_EINVAL;
			}
			if (data[q] == '"') {
				if (q + 1 < len && data[q + 1] == '"') {
					n++;
					q += 2;
					continue;
				}
				break;
			}
			lines += data[q] == '\n';
			n++;
			q++;
		}
		size_t after = q + 1;
		if (after < len && data[after] != ',' && !record_end(data, len, after)) {
			*bad_line = *line + lines;
			return PH_EINVAL;
		}
		char *f = arena_alloc(a, n + 1);
		if (!f)
			return PH_ENOMEM;
		size_t w = 0;
		for (size_t k = p + 1; k < q; k++) {
			f[w++] = data[k];
			if (data[k] == '"')
				k++; /* the second of a doubled quote */
		}
		f[w] = 0;
		*line += lines;
		*i = after;
		*out = f;
		return 0;
	}
	size_t q = p;
	while (q < len && data[q] != ',' && !record_end(data, len, q)) {
		if (data[q] == '"') {
			*bad_line = *line;
			return PH_EINVAL;
		}
		q++;
	}
	char *f = arena_strndup(a, data + p, q - p);
	if (!f)
		return PH_ENOMEM;
	*i = q;
	*out = f;
	return 0;
}

int csv_parse(struct arena *a, const char *data, size_t len, struct csv_row **rows,
              size_t *n, int *bad_line)
{
	size_t cap = 0, i = 0;
	int line = 1;
	*rows = NULL;
	*n = 0;
	*bad_line = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	if (memchr(data, 0, len)) {
		*bad_line = 1;
		return PH_EINVAL;
	}
	if (!text_utf8_valid(data + i, len - i, NULL))
		return PH_EUTF8;
	while (i < len) {
		struct csv_row row = {NULL, 0, line};
		size_t fcap = 0;
		for (;;) {
			char *f = NULL;
			int rc = field(a, data, len, &i, &line, &f, bad_line);
			if (rc)
				return rc;
			/* No more columns than a values file can have: refused before
			 * reading further, whatever the rest of the file holds. */
			if (row.n >= CSV_MAX_COLUMNS) {
				*bad_line = row.line;
				return PH_ETOOBIG;
			}
			char **slot = ARENA_PUSH(a, row.fields, row.n, fcap);
			if (!slot)
				return PH_ENOMEM;
			*slot = f;
			if (i < len && data[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		if (i < len && data[i] == '\r')
			i++;
		if (i < len && data[i] == '\n')
			i++;
		line++;
		if (row.n == 1 && !row.fields[0][0])
			continue; /* an empty line */
		if (*n >= CSV_MAX_ROWS) {
			*bad_line = row.line;
			return PH_ETOOBIG;
		}
		struct csv_row *slot = ARENA_PUSH(a, *rows, *n, cap);
		if (!slot)
			return PH_ENOMEM;
		*slot = row;
	}
	return 0;
}

/* A header cell names a column: the English name, case insensitive, or
 * the Vietnamese one folded (case and diacritics ignored: "Đơn vị",
 * "don vi"). */
static int header_is(const char *h, const char *en, const char *vi)
{
	char *f = text_fold(h), *w = text_fold(vi);
	int ok = f && w && (!strcasecmp(f, en) || !strcmp(f, w));
	free(f);
	free(w);
	return ok;
}

static void structural(struct arena *a, struct indicator_row_error **errs, size_t *n,
                       size_t *cap, int row, const char *column, const char *code,
                       const char *message)
{
	struct indicator_row_error *e = ARENA_PUSH(a, *errs, *n, *cap);
	if (!e)
		return; /* the arena is failed: the request answers an error */
	e->row = row;
	e->column = column;
	e->code = code;
	e->message = message;
}

/* The code of a file refused for its structure: PH_EINVAL with its errors,
 * or PH_ENOMEM when a failed (an error may be missing from the list). */
static int refusal(const struct arena *a)
{
	return arena_failed(a) ? PH_ENOMEM : PH_EINVAL;
}

int csv_indicator_import(struct db *db, struct arena *a, const struct user *actor,
                         long long indicator, const char *data, size_t len,
                         size_t *written, struct indicator_row_error **errs, size_t *nerrs)
{
	struct csv_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	int bad = 0, col[4] = {-1, -1, -1, -1};
	static const char *const en[4] = {"unit", "period", "value", "denominator"};
	static const char *const vi[4] = {"đơn vị", "kỳ", "giá trị", "mẫu số"};
	*written = 0;
	*errs = NULL;
	*nerrs = 0;
	int rc = csv_parse(a, data, len, &rows, &nrows, &bad);
	if (rc == PH_ETOOBIG) {
		structural(a, errs, nerrs, &cap, bad ? bad : 1, "file", "too_large",
		           "Tệp CSV có quá nhiều cột hoặc quá nhiều dòng (tối đa "
		           CSV_LIMITS_VI ").");
		return refusal(a);
	}
	if (rc == PH_ENOMEM)
		return rc;
	if (rc) {
		structural(a, errs, nerrs, &cap, bad ? bad : 1, "file", "bad_csv",
		           "Tệp CSV không đọc được (dấu ngoặc kép không đóng hoặc không phải UTF-8).");
		return refusal(a);
	}
	if (nrows < 2) {
		structural(a, errs, nerrs, &cap, 1, "file", "no_rows",
		           "Tệp CSV không có dòng số liệu nào.");
		return refusal(a);
	}
	for (size_t c = 0; c < rows[0].n; c++)
		for (int k = 0; k < 4; k++)
			if (header_is(rows[0].fields[c], en[k], vi[k]))
				col[k] = (int)c;
	for (int k = 0; k < 3; k++)
		if (col[k] < 0)
			structural(a, errs, nerrs, &cap, 1, en[k], "missing_column",
			           "Thiếu cột bắt buộc (unit, period, value).");
	if (*nerrs || arena_failed(a))
		return refusal(a);
	struct indicator_value_in *in = arena_alloc(a, (nrows - 1) * sizeof *in);
	if (!in)
		return PH_ENOMEM;
	for (size_t r = 1; r < nrows; r++) {
		struct indicator_value_in *v = &in[r - 1];
		const struct csv_row *row = &rows[r];
		v->row = row->line;
		if (row->n != rows[0].n) {
			structural(a, errs, nerrs, &cap, row->line, "file", "field_count",
			           "Số cột của dòng khác với dòng tiêu đề.");
			continue;
		}
		v->unit = row->fields[col[0]];
		v->period = row->fields[col[1]];
		v->num_text = row->fields[col[2]]; /* read by the model */
		if (col[3] >= 0 && row->fields[col[3]][0]) {
			v->has_den = 1;
			v->den_text = row->fields[col[3]];
		}
	}
	if (*nerrs || arena_failed(a))
		return refusal(a);
	rc = indicator_write_values(db, a, actor, indicator, in, nrows - 1, "csv", 2, errs, nerrs);
	if (!rc)
		*written = nrows - 1;
	return rc;
}
