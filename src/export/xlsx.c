/* xlsx.c: the XLSX backend of the table writer (table.h), through
 * libxlsxwriter 1.1.4 (Debian 12). That version writes only to a file
 * (no memory output), so the workbook goes to a private temporary file
 * (mkstemp in $TMPDIR or /tmp, mode 0600), read back into the caller's
 * buffer and removed; its row data streams through constant-memory mode
 * (each row flushed to a temporary file of the library's when the next
 * one starts), so memory does not grow with the rows. Text cells are
 * inline strings, never formulas.
 *
 * Numbers: libxlsxwriter formats them with sprintf("%.16G"), which
 * follows LC_NUMERIC: under a Vietnamese number locale it writes "0,875"
 * and the file is corrupt. phoihop keeps LC_NUMERIC "C" process-wide, and
 * every call into the library here also runs under a "C" locale of its
 * own thread (uselocale), so a locale set elsewhere cannot reach the
 * file. */
#include "export/table_impl.h"
#include "base/err.h"
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
	char path[4096];          /* the workbook's temporary file; "" when none */
	char tmpdir[4000];        /* where the library puts its own temporary files */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *header, *date, *datetime, *integer, *percent;
};

static locale_t c_locale;
static pthread_once_t c_once = PTHREAD_ONCE_INIT;

static void c_locale_create(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Switch this thread to the "C" locale; returns the one to restore. */
static locale_t c_begin(void)
{
	pthread_once(&c_once, c_locale_create);
	return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void c_end(locale_t old)
{
	if (old)
		uselocale(old);
}

static int lxw_rc(lxw_error e)
{
	switch (e) {
	case LXW_NO_ERROR:
		return 0;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return PH_ENOMEM;
	case LXW_ERROR_CREATING_XLSX_FILE:
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE:
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return PH_EIO;
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return PH_ETOOBIG;
	default:
		return PH_EINVAL;
	}
}

/* The sheet's name: at most 31 characters, none of []:*?/\, not
 * starting or ending with an apostrophe; "Bảng" when nothing is left. */
static void sheet_name(const char *in, char *out, size_t size)
{
	size_t k = 0;
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p && chars < 31;) {
		size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		if (k + len + 1 >= size)
			break;
		if (*p < 0x20 || strchr("[]:*?/\\", *p)) {
			out[k++] = '-';
			p++;
		} else {
			for (size_t i = 0; i < len && p[i]; i++)
				out[k++] = (char)p[i];
			p += len;
		}
		chars++;
	}
	out[k] = 0;
	while (k && out[k - 1] == '\'')
		out[--k] = 0;
	char *s = out;
	while (*s == '\'')
		s++;
	memmove(out, s, strlen(s) + 1);
	if (!*out)
		snprintf(out, size, "Bảng");
}

int xlsx_table_begin(struct table *t, const char *sheet)
{
	struct xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return PH_ENOMEM;
	t->x = x;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir || strlen(dir) > 3000)
		dir = "/tmp";
	snprintf(x->tmpdir, sizeof x->tmpdir, "%s", dir);
	snprintf(x->path, sizeof x->path, "%s/phoihop-xlsx-XXXXXX", dir);
	int fd = mkstemp(x->path);
	if (fd < 0) {
		x->path[0] = 0;
		return PH_EIO;
	}
	close(fd);
	char name[LXW_MAX_SHEETNAME_LENGTH];
	sheet_name(sheet, name, sizeof name);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir,
	                            .use_zip64 = LXW_FALSE};
	locale_t old = c_begin();
	int rc = 0;
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb || !(x->ws = workbook_add_worksheet(x->wb, name))) {
		rc = x->wb ? PH_EINVAL : PH_ENOMEM;
		goto out;
	}
	x->header = workbook_add_format(x->wb);
	x->date = workbook_add_format(x->wb);
	x->datetime = workbook_add_format(x->wb);
	x->integer = workbook_add_format(x->wb);
	x->percent = workbook_add_format(x->wb);
	if (!x->header || !x->date || !x->datetime || !x->integer || !x->percent) {
		rc = PH_ENOMEM;
		goto out;
	}
	format_set_bold(x->header);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bottom(x->header, LXW_BORDER_THIN);
	format_set_bg_color(x->header, 0xDDE5F0);
	format_set_num_format(x->date, "dd/mm/yyyy");
	format_set_num_format(x->datetime, "dd/mm/yyyy hh:mm");
	format_set_num_format(x->integer, "#,##0");
	format_set_num_format(x->percent, "0.0%");
	for (size_t c = 0; c < t->ncols && !rc; c++) {
		double w = t->cols[c].width > 0 ? t->cols[c].width : 12;
		if (w > 255)
			w = 255;
		rc = lxw_rc(worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
	if (!rc)
		worksheet_freeze_panes(x->ws, 1, 0);
	for (size_t c = 0; c < t->ncols && !rc; c++)
		rc = lxw_rc(worksheet_write_string(x->ws, 0, (lxw_col_t)c, t->cols[c].title,
		                                   x->header));
out:
	c_end(old);
	return rc;
}

int xlsx_table_text(struct table *t, const char *s)
{
	locale_t old = c_begin();
	lxw_error e = worksheet_write_string(t->x->ws, (lxw_row_t)t->rows, (lxw_col_t)t->col, s,
	                                     NULL);
	c_end(old);
	return lxw_rc(e);
}

int xlsx_table_num(struct table *t, double v)
{
	struct xlsx *x = t->x;
	int kind = t->cols[t->col].kind;
	lxw_format *f = kind == TABLE_INTEGER ? x->integer : kind == TABLE_PERCENT ? x->percent : NULL;
	locale_t old = c_begin();
	lxw_error e = worksheet_write_number(x->ws, (lxw_row_t)t->rows, (lxw_col_t)t->col, v, f);
	c_end(old);
	return lxw_rc(e);
}

int xlsx_table_date(struct table *t, int y, int m, int d, int hh, int mm)
{
	struct xlsx *x = t->x;
	lxw_datetime dt = {.year = y, .month = m, .day = d, .hour = hh, .min = mm, .sec = 0};
	lxw_format *f = t->cols[t->col].kind == TABLE_DATETIME ? x->datetime : x->date;
	locale_t old = c_begin();
	lxw_error e = worksheet_write_datetime(x->ws, (lxw_row_t)t->rows, (lxw_col_t)t->col, &dt, f);
	c_end(old);
	return lxw_rc(e);
}

/* The file at path appended to out, refused past out's cap. */
static int read_back(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return PH_EIO;
	struct stat st;
	int rc = 0;
	if (fstat(fileno(f), &st) || st.st_size < 0)
		rc = PH_EIO;
	else if ((size_t)st.st_size > out->max - out->len)
		rc = PH_ETOOBIG;
	char chunk[65536];
	size_t n;
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = buf_append(out, chunk, n);
	if (!rc && ferror(f))
		rc = PH_EIO;
	fclose(f);
	return rc;
}

int xlsx_table_finish(struct table *t)
{
	struct xlsx *x = t->x;
	locale_t old = c_begin();
	int rc = 0;
	/* The filter over the header and every row (the header alone when
	 * there is none). */
	rc = lxw_rc(worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)t->rows,
	                                 (lxw_col_t)(t->ncols - 1)));
	lxw_error e = workbook_close(x->wb);
	x->wb = NULL;
	c_end(old);
	if (!rc)
		rc = lxw_rc(e);
	if (!rc)
		rc = read_back(x->path, t->out);
	return rc;
}

void xlsx_table_free(struct table *t)
{
	struct xlsx *x = t->x;
	if (!x)
		return;
	if (x->wb) {
		locale_t old = c_begin();
		workbook_close(x->wb); /* frees it; the file is removed below */
		c_end(old);
	}
	if (x->path[0])
		unlink(x->path);
	free(x);
	t->x = NULL;
}
