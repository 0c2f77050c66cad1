/* table_impl.h: what table.c shares with its two backends (csv.c,
 * xlsx.c); not for other callers. table.c checks kinds, counts cells and
 * rows, cleans text (control characters, invalid UTF-8, the injection
 * guard, Excel's cell limit); a backend only places cells. */
#ifndef PH_EXPORT_TABLE_IMPL_H
#define PH_EXPORT_TABLE_IMPL_H
#include <stddef.h>
#include "base/buf.h"
#include "export/table.h"

struct xlsx;

struct table {
	int format;                      /* EXPORT_CSV or EXPORT_XLSX */
	char sep;                        /* CSV: ',' or ';' */
	const struct table_column *cols; /* borrowed */
	size_t ncols;
	size_t col;                      /* next cell's column */
	size_t rows;                     /* data rows started */
	int err;                         /* first failure (sticky) */
	struct buf *out;                 /* the caller's */
	size_t out_start;                /* out->len at table_new */
	struct buf cell;                 /* scratch: one cleaned cell */
	struct xlsx *x;                  /* XLSX backend state */
};

/* CSV: the BOM and the header into t->out. */
int csv_table_begin(struct table *t);
/* One cell at t->col (text already cleaned, guard applied). A cell
 * written as text; a number in machine form (or with a decimal comma
 * for ';'); an empty cell. The row's end is written after the last
 * column. */
int csv_table_text(struct table *t, const char *s, size_t len);
int csv_table_num(struct table *t, double v, int integer);
int csv_table_blank(struct table *t);

/* XLSX: a workbook in a private temporary file, the sheet, the formats,
 * widths, frozen header and header row. */
int xlsx_table_begin(struct table *t, const char *sheet);
/* Cells at (t->rows, t->col); the header is row 0. */
int xlsx_table_text(struct table *t, const char *s);
int xlsx_table_num(struct table *t, double v);
int xlsx_table_date(struct table *t, int y, int m, int d, int hh, int mm);
/* The autofilter, close the workbook, read it into t->out (capped by
 * it), remove the file. */
int xlsx_table_finish(struct table *t);
/* Close and remove without reading (after a failure). */
void xlsx_table_free(struct table *t);

#endif
