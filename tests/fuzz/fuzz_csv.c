/* fuzz_csv.c: the CSV reader of indicator values (src/model/csv.h) on any
 * bytes: csv_parse, vn_read_number on every field, and csv_indicator_import up
 * to its header matching and row checks, never to the database write.
 *
 * Invariants checked on every input:
 *   - memory is linear: the parse runs in an arena capped at 1 MiB plus 256
 *     bytes per input byte, and must not run out of it;
 *   - a parse yields at most one field more than the input has bytes (one
 *     field per comma, plus the last of each line: "," is two fields), no
 *     field longer than the input, every field valid UTF-8, lines in
 *     order and within the input, no row that is one empty field;
 *   - writing the rows back as CSV (every field quoted) and parsing that
 *     gives the same rows; appending a row gives the same rows plus it;
 *   - every field is a number vn_read_number reads (finite, the same with
 *     blanks around it) or refuses with a code and a message;
 *   - with a last row of the wrong width appended, csv_indicator_import
 *     always refuses the file (so it never writes; db is NULL) with
 *     errors that name a row, and when the header row names unit, period
 *     and value it reports no missing column but that last row. */
#include "fuzz.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include "model/csv.h"
#include "base/vnnum.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The arena a parse of len bytes may use: 1 MiB and per_byte bytes per
 * input byte. A linear reader needs well under 100 per byte (a field per
 * byte: its pointer, its string, chunk slack); a quadratic one passes it
 * within a few kilobytes of input. */
static size_t linear_cap(size_t len, size_t per_byte)
{
	return ((size_t)1 << 20) + per_byte * len;
}

static void check_rows(const struct csv_row *rows, size_t n, const char *data, size_t len)
{
	size_t fields = 0;
	int lines = 1, last = 0;
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	for (size_t r = 0; r < n; r++) {
		FUZZ_ASSERT(rows[r].n >= 1);
		FUZZ_ASSERT(rows[r].line > last && rows[r].line <= lines);
		FUZZ_ASSERT(!(rows[r].n == 1 && !rows[r].fields[0][0]));
		last = rows[r].line;
		fields += rows[r].n;
		for (size_t f = 0; f < rows[r].n; f++) {
			size_t fl = strlen(rows[r].fields[f]);
			FUZZ_ASSERT(fl <= len);
			FUZZ_ASSERT(text_utf8_valid(rows[r].fields[f], fl, NULL));
		}
	}
	FUZZ_ASSERT(fields <= len + 1);
}

/* csv_parse in a linear arena (linear_cap): it must not run out of that
 * memory. Its codes: 0, PH_EINVAL / PH_EUTF8 for bad input, and PH_ETOOBIG,
 * which a reader with a cap on rows or fields may answer (then what was
 * written back or appended below may be refused where the input was not). */
static int parse(struct arena *a, const char *data, size_t len, struct csv_row **rows,
                 size_t *n)
{
	int bad = 0;
	int rc = csv_parse(a, data, len, rows, n, &bad);
	FUZZ_ASSERT(rc != PH_ENOMEM && !arena_failed(a));
	FUZZ_ASSERT(rc == 0 || rc == PH_EINVAL || rc == PH_EUTF8 || rc == PH_ETOOBIG);
	return rc;
}

static int same_rows(const struct csv_row *a, size_t na, const struct csv_row *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t r = 0; r < na; r++) {
		if (a[r].n != b[r].n)
			return 0;
		for (size_t f = 0; f < a[r].n; f++)
			if (strcmp(a[r].fields[f], b[r].fields[f]))
				return 0;
	}
	return 1;
}

/* The rows as CSV again: every field quoted, quotes doubled, LF ends. */
static void write_rows(struct buf *out, const struct csv_row *rows, size_t n)
{
	for (size_t r = 0; r < n; r++) {
		for (size_t f = 0; f < rows[r].n; f++) {
			buf_puts(out, f ? ",\"" : "\"");
			for (const char *p = rows[r].fields[f]; *p; p++) {
				if (*p == '"')
					buf_putc(out, '"');
				buf_putc(out, *p);
			}
			buf_putc(out, '"');
		}
		buf_putc(out, '\n');
	}
}

/* Every cell is a figure some file may hold: the one reader of typed
 * numbers either refuses it with a code or reads a finite value, the same
 * with blanks around it. */
static void check_number(const char *s)
{
	double v, w;
	struct vn_refusal why = {0};
	if (vn_read_number(s, &v, &why)) {
		FUZZ_ASSERT(why.code && why.message[0]);
		return;
	}
	FUZZ_ASSERT(isfinite(v));
	size_t n = strlen(s);
	char *t = malloc(n + 4);
	if (!t)
		return;
	t[0] = ' ';
	memcpy(t + 1, s, n);
	t[n + 1] = '\t';
	t[n + 2] = 0;
	FUZZ_ASSERT(vn_read_number(t, &w, NULL) == 0 && w == v);
	free(t);
}

static int header_names(const struct csv_row *h, const char *name)
{
	for (size_t f = 0; f < h->n; f++)
		if (!strcasecmp(h->fields[f], name))
			return 1;
	return 0;
}

/* csv_indicator_import on data with a last row one field wider than the
 * header: the file must be refused before anything is written. */
static void check_import(const char *data, size_t len, const struct csv_row *rows, size_t n)
{
	struct arena a, b;
	struct buf in;
	arena_init(&a);
	arena_init(&b);
	buf_init(&in, 2 * len + 4096);
	if (!n)
		goto out;
	buf_append(&in, data, len);
	buf_putc(&in, '\n');
	for (size_t f = 0; f < rows[0].n; f++)
		buf_putc(&in, ',');
	buf_puts(&in, "x\n");
	if (buf_error(&in))
		goto out;
	arena_init_capped(&a, linear_cap(in.len, 256));
	arena_init_capped(&b, linear_cap(in.len, 512));
	/* The same rows, and the extra one. */
	struct csv_row *more = NULL;
	size_t nmore = 0;
	int rc = parse(&a, in.data, in.len, &more, &nmore);
	if (rc == PH_ETOOBIG)
		goto out;
	FUZZ_ASSERT(rc == 0 && nmore == n + 1 && same_rows(rows, n, more, n));
	FUZZ_ASSERT(more[n].n == rows[0].n + 1);
	int guard_line = more[n].line;

	size_t written = 99, nerrs = 0;
	struct indicator_row_error *errs = NULL;
	rc = csv_indicator_import(NULL, &b, NULL, 1, in.data, in.len, &written, &errs, &nerrs);
	FUZZ_ASSERT(rc == PH_EINVAL && nerrs >= 1 && written == 0);
	int named = header_names(&rows[0], "unit") && header_names(&rows[0], "period") &&
	            header_names(&rows[0], "value");
	int guard_seen = 0;
	for (size_t e = 0; e < nerrs; e++) {
		FUZZ_ASSERT(errs[e].row >= 1 && errs[e].code && errs[e].message && errs[e].column);
		FUZZ_ASSERT(!named || strcmp(errs[e].code, "missing_column"));
		guard_seen |= errs[e].row == guard_line && !strcmp(errs[e].code, "field_count");
	}
	FUZZ_ASSERT(!named || guard_seen);
	fuzz_reached();
out:
	buf_cleanup(&in);
	arena_cleanup(&a);
	arena_cleanup(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	struct arena a, b;
	struct buf out;
	arena_init_capped(&a, linear_cap(size, 256));
	arena_init(&b);
	buf_init(&out, 4 * size + 4096);
	struct csv_row *rows = NULL, *again = NULL;
	size_t n = 0, nagain = 0;
	int rc = parse(&a, d, size, &rows, &n);
	if (rc)
		goto out;
	check_rows(rows, n, d, size);
	for (size_t r = 0; r < n; r++)
		for (size_t f = 0; f < rows[r].n; f++)
			check_number(rows[r].fields[f]);

	write_rows(&out, rows, n);
	FUZZ_ASSERT(!buf_error(&out));
	arena_init_capped(&b, linear_cap(out.len, 256));
	rc = parse(&b, buf_str(&out), out.len, &again, &nagain);
	FUZZ_ASSERT(rc == PH_ETOOBIG || (rc == 0 && same_rows(rows, n, again, nagain)));

	check_import(d, size, rows, n);
out:
	buf_cleanup(&out);
	arena_cleanup(&a);
	arena_cleanup(&b);
	return 0;
}

const struct fuzz_target fuzz_target = {"csv", 1000, 30, NULL};
