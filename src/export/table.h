/* table.h: the one writer of tables for spreadsheets: a list of columns
 * (title, kind, width), then rows cell by cell, streamed into a .csv or an
 * .xlsx file appended to a struct buf. Every table export (export/tables.c)
 * describes its table through this writer, which owns what the two
 * formats must get right:
 *
 *  - CSV (export/csv.c): UTF-8 with a BOM (Excel reads UTF-8 only with
 *    it), RFC 4180 quoting, CRLF line ends, ',' or ';' between cells, no
 *    "sep=" line (Excel then ignores the BOM).
 *  - XLSX (export/xlsx.c, libxlsxwriter): numbers as numbers, dates as
 *    Excel dates shown dd/mm/yyyy, a bold frozen header row, an
 *    autofilter over the table, the columns' widths, the sheet's name;
 *    rows streamed through libxlsxwriter's constant-memory mode (no merged
 *    cells), so 100,000 rows take a few megabytes.
 *
 * Both guard against formula injection: a text cell that starts with
 * = + - @, a tab or a carriage return gets a leading apostrophe (OWASP
 * ASVS 1.2.10); in .xlsx text is also always written as text, never as
 * a formula. Control characters other than tab and line feed are dropped
 * and invalid UTF-8 becomes U+FFFD, in both formats.
 *
 * Cell forms. CSV with ',' (the default) is in machine form: numbers
 * with a dot ("1234.5", no grouping), dates ISO ("2026-06-15") and date
 * times "2026-06-15 10:15" (UTC), which Excel in any regional setting
 * turns into dates shown the user's way (dd/mm/yyyy on a Vietnamese PC)
 * and programs read without guessing. CSV with ';' is the one for a PC
 * set to Vietnamese (whose list separator is ';' and decimal mark ','):
 * the same, but decimals written with a comma ("1234,5"), so that Excel
 * there reads numbers as numbers. Percentages are given in percentage
 * points (87.5); CSV writes 87.5, XLSX stores 0.875 shown "87,5%".
 *
 * Errors are sticky, like struct buf: a call after a failure does
 * nothing, and table_finish returns the first failure. */
#ifndef PH_EXPORT_TABLE_H
#define PH_EXPORT_TABLE_H
#include <stddef.h>

struct buf;
struct table;

enum table_kind {
	TABLE_TEXT = 0,
	TABLE_INTEGER,   /* whole numbers: counts, ids, days late */
	TABLE_NUMBER,    /* reals, at most 4 decimals shown */
	TABLE_PERCENT,   /* percentage points (87.5 = 87,5%) */
	TABLE_DATE,      /* an ISO date "YYYY-MM-DD" */
	TABLE_DATETIME,  /* an ISO UTC time "YYYY-MM-DDTHH:MM:SSZ" (shown dd/mm/yyyy hh:mm) */
};

struct table_column {
	const char *title;  /* header cell, Vietnamese (required) */
	int kind;           /* enum table_kind */
	double width;       /* in characters (Excel's unit); 0: 12 */
};

/* Most columns of a table, and most data rows (an .xlsx sheet holds
 * 1,048,576 rows with its header). */
#define TABLE_COLUMNS_MAX 1024
#define TABLE_ROWS_MAX 1048575
/* Excel's limit of a cell's text; longer text is cut at a character. */
#define TABLE_CELL_MAX 32767

/* A new table of n columns (cols and their titles borrowed until
 * table_finish) in format (EXPORT_CSV or EXPORT_XLSX, export.h) to be
 * appended to out when finished; sep is ',' or ';' (CSV only; 0 is ',');
 * sheet is the sheet's name (XLSX only; cut to 31 characters, and
 * []:*?/\ replaced). The header row is written at once. 0 with *t
 * (freed by table_finish or table_free), PH_EINVAL (a bad format, sep,
 * no column or too many), PH_ENOMEM, PH_EIO (no temporary file). */
int table_new(int format, char sep, const char *sheet, const struct table_column *cols,
              size_t n, struct buf *out, struct table **t);

/* The next cell of the current row; after the last column the next cell
 * starts a new row. NULL text, a date that is not ISO and a number that
 * is not finite give an empty cell (table_text of a non-ISO date writes
 * the text instead: see table_date). A cell of the wrong kind for its
 * column is PH_EINVAL (a bug of the caller's). */
void table_text(struct table *t, const char *s);
void table_int(struct table *t, long long v);
void table_num(struct table *t, double v);
/* A date or date time for a TABLE_DATE or TABLE_DATETIME column: ISO
 * text as the kinds say; other text (a timeframe as written) is written
 * as text; NULL or "" an empty cell. */
void table_date(struct table *t, const char *iso);
void table_blank(struct table *t);

/* Rows written so far (the header not counted). */
size_t table_rows(const struct table *t);

/* End the table (the last row must be whole: PH_EINVAL otherwise),
 * append the file to out and free t. 0, or the first failure: PH_EINVAL,
 * PH_ETOOBIG (past TABLE_ROWS_MAX rows or out's cap), PH_ENOMEM, PH_EIO.
 * On failure out holds what it held before. */
int table_finish(struct table *t);
/* Drop a table without writing it. NULL is fine. */
void table_free(struct table *t);

/* 1 when a text cell needs the apostrophe of the injection guard. */
int table_needs_guard(const char *s);

#endif
