/* test_table.c: the table writer (export/table.h): CSV quoting, BOM,
 * CRLF, separators and decimal marks, the formula-injection guard,
 * control characters and invalid UTF-8, dates; kinds checked and
 * failures sticky, out left as it was; an .xlsx written and read back
 * from its zip (sheet name, inline strings, numbers, date serials and
 * formats, the frozen header, the autofilter, widths); and both formats
 * under a Vietnamese LC_NUMERIC (a locale built with localedef), where
 * libxlsxwriter 1.1.4 alone would write "0,875". */
#include "test.h"
#include "base/buf.h"
#include "base/err.h"
#include "export/export.h"
#include "export/table.h"
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static const struct table_column cols3[] = {
	{"Tên", TABLE_TEXT, 30},
	{"Số", TABLE_NUMBER, 10},
	{"Ngày", TABLE_DATE, 12},
};

/* A CSV of rows of (text, number, date) with sep into b. */
static int csv3(struct buf *b, char sep, const char *const *text, const double *num,
                const char *const *date, size_t n)
{
	struct table *t = NULL;
	int rc = table_new(EXPORT_CSV, sep, NULL, cols3, 3, b, &t);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		table_text(t, text[i]);
		table_num(t, num[i]);
		table_date(t, date[i]);
	}
	return table_finish(t);
}

static void test_csv(void)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	const char *text[] = {"Hội LHPN, tỉnh", "nói \"có\"", "=1+2", "@SUM(A1)", "-5 hộ", "+84",
	                      "\tTab", "dòng 1\ndòng 2", "a\x01" "b\x7f" "c", "bad \xff byte", NULL};
	double num[] = {1234.5, 0.875, 3, -2, 1e-7, NAN, 10, 0, 1, 2, 3};
	const char *date[] = {"2026-06-15", "2024-02-29", "2023-02-29", "Quý III/2024", NULL, "",
	                      "2024-13-01", NULL, NULL, NULL, NULL};
	CHECK_INT(csv3(&b, 0, text, num, date, 11), 0, "csv written");
	const char *want =
		"\xEF\xBB\xBF" "Tên,Số,Ngày\r\n"
		"\"Hội LHPN, tỉnh\",1234.5,2026-06-15\r\n"
		"\"nói \"\"có\"\"\",0.875,2024-02-29\r\n"
		"'=1+2,3,2023-02-29\r\n"
		"'@SUM(A1),-2,Quý III/2024\r\n"
		"'-5 hộ,0.0000001,\r\n"
		"'+84,,\r\n"
		"'\tTab,10,2024-13-01\r\n"
		"\"dòng 1\ndòng 2\",0,\r\n"
		"abc,1,\r\n"
		"bad \xEF\xBF\xBD byte,2,\r\n"
		",3,\r\n";
	CHECK_STR(buf_str(&b), want, "csv with commas");

	buf_reset(&b);
	const char *t2[] = {"a;b", "x,y"};
	double n2[] = {1234.5, 7};
	const char *d2[] = {NULL, NULL};
	CHECK_INT(csv3(&b, ';', t2, n2, d2, 2), 0, "csv with semicolons");
	CHECK_STR(buf_str(&b), "\xEF\xBB\xBF" "Tên;Số;Ngày\r\n\"a;b\";1234,5;\r\nx,y;7;\r\n",
	          "semicolons quote ';', not ',', and write a decimal comma");

	/* Kinds are checked; a failure is sticky and leaves out as it was. */
	buf_reset(&b);
	buf_puts(&b, "before");
	struct table *t = NULL;
	CHECK_INT(table_new(EXPORT_CSV, ',', NULL, cols3, 3, &b, &t), 0, "new");
	table_num(t, 1); /* column 0 is text */
	table_text(t, "x");
	CHECK_INT(table_finish(t), PH_EINVAL, "a number in a text column");
	CHECK_STR(buf_str(&b), "before", "out unchanged after a failure");
	CHECK_INT(table_new(EXPORT_CSV, ',', NULL, cols3, 3, &b, &t), 0, "new");
	table_text(t, "only one cell");
	CHECK_INT(table_finish(t), PH_EINVAL, "a row cut short");
	CHECK_STR(buf_str(&b), "before", "out unchanged after a short row");
	CHECK_INT(table_new(EXPORT_CSV, '\t', NULL, cols3, 3, &b, &t), PH_EINVAL, "tab separator");
	CHECK_INT(table_new(EXPORT_DOCX, ',', NULL, cols3, 3, &b, &t), PH_EINVAL, "docx format");
	CHECK_INT(table_new(EXPORT_CSV, ',', NULL, cols3, 0, &b, &t), PH_EINVAL, "no columns");

	/* Past the buffer's cap: PH_ETOOBIG, nothing kept. */
	struct buf small;
	buf_init(&small, 64);
	CHECK_INT(table_new(EXPORT_CSV, ',', NULL, cols3, 3, &small, &t), 0, "new small");
	for (int i = 0; i < 20; i++) {
		table_text(t, "một dòng khá dài");
		table_num(t, i);
		table_date(t, "2024-01-01");
	}
	CHECK_INT(table_finish(t), PH_ETOOBIG, "over the cap");
	CHECK_INT(small.len, 0, "nothing kept over the cap");
	buf_cleanup(&small);
	buf_cleanup(&b);

	CHECK(table_needs_guard("=x") && table_needs_guard("\rx") && !table_needs_guard("x=") &&
	      !table_needs_guard("") && !table_needs_guard(NULL), "guard");
}

/* The member name of the zip in data as a NUL-terminated string (caller
 * frees), or NULL. */
static char *member(const struct buf *b, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	char *out = NULL;
	zip_stat_t st;
	if (z && !zip_stat(z, name, 0, &st) && (out = calloc(1, st.size + 1))) {
		zip_file_t *f = zip_fopen(z, name, 0);
		if (!f || zip_fread(f, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		}
		if (f)
			zip_fclose(f);
	}
	if (z)
		zip_close(z);
	else if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

static const struct table_column cols5[] = {
	{"Nội dung", TABLE_TEXT, 60},
	{"Số lượng", TABLE_INTEGER, 10},
	{"Tỷ lệ", TABLE_PERCENT, 10},
	{"Hạn", TABLE_DATE, 12},
	{"Lúc", TABLE_DATETIME, 17},
};

/* An .xlsx of two rows into b. */
static int xlsx2(struct buf *b, const char *sheet)
{
	struct table *t = NULL;
	int rc = table_new(EXPORT_XLSX, 0, sheet, cols5, 5, b, &t);
	if (rc)
		return rc;
	table_text(t, "=1+2 & <b>");
	table_int(t, 1234);
	table_num(t, 87.5);
	table_date(t, "2024-06-30");
	table_date(t, "2026-11-23T10:15:00Z");
	table_text(t, "x\x02y");
	table_blank(t);
	table_num(t, NAN);
	table_date(t, NULL);
	table_date(t, "không rõ");
	return table_finish(t);
}

static void test_xlsx(void)
{
	struct buf b;
	buf_init(&b, 1 << 22);
	CHECK_INT(xlsx2(&b, "Nhiệm vụ: [kế hoạch] số 12/KH của tỉnh Lào Cai dài"), 0, "xlsx written");
	CHECK(b.len > 1000 && !memcmp(b.data, "PK", 2), "a zip: %zu bytes", b.len);
	char *wb = member(&b, "xl/workbook.xml");
	char *s = member(&b, "xl/worksheets/sheet1.xml");
	char *st = member(&b, "xl/styles.xml");
	CHECK(wb && s && st, "workbook, sheet and styles parts");
	if (wb && s && st) {
		CHECK(strstr(wb, "name=\"Nhiệm vụ- -kế hoạch- số 12-KH c\"") != NULL,
		      "sheet name cut to 31 characters, []:/ replaced: %.400s", strstr(wb, "<sheet "));
		CHECK(strstr(s, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
		      != NULL, "frozen header");
		CHECK(strstr(s, "<autoFilter ref=\"A1:E3\"/>") != NULL, "autofilter over the table");
		CHECK(strstr(s, "<col min=\"1\" max=\"1\" width=\"60.7109375\"") != NULL,
		      "width of column A");
		CHECK(strstr(s, "<t>'=1+2 &amp; &lt;b&gt;</t>") != NULL && !strstr(s, "<f>"),
		      "text guarded, escaped, never a formula");
		CHECK(strstr(s, "<v>1234</v>") && strstr(s, "<v>0.875</v>"), "numbers as numbers");
		CHECK(strstr(s, "<v>45473</v>") != NULL, "30/06/2024 as serial 45473");
		CHECK(strstr(s, "<v>46349.42708333334</v>") || strstr(s, "<v>46349.4270833333"),
		      "23/11/2026 10:15 as a serial with a time");
		CHECK(strstr(s, "<t>xy</t>") != NULL, "a control character dropped");
		CHECK(strstr(s, "<t>không rõ</t>") != NULL, "a date that is not one as text");
		CHECK(strstr(st, "formatCode=\"dd/mm/yyyy\"") && strstr(st, "formatCode=\"0.0%\"") &&
		      strstr(st, "formatCode=\"dd/mm/yyyy hh:mm\""), "date and percent formats");
		CHECK(strstr(st, "<b/>") != NULL, "a bold font for the header");
	}
	free(wb);
	free(s);
	free(st);

	/* 20,000 rows stream through constant memory and all arrive. */
	buf_reset(&b);
	struct table *t = NULL;
	CHECK_INT(table_new(EXPORT_XLSX, 0, "Lớn", cols5, 5, &b, &t), 0, "big table");
	for (int i = 0; i < 20000; i++) {
		table_text(t, "Tuyên truyền, vận động hội viên tham gia");
		table_int(t, i);
		table_num(t, i % 100);
		table_date(t, "2024-01-31");
		table_date(t, "2024-01-31T08:00:00Z");
	}
	CHECK_INT(table_rows(t), 20000, "rows counted");
	CHECK_INT(table_finish(t), 0, "big table written");
	s = member(&b, "xl/worksheets/sheet1.xml");
	CHECK(s && strstr(s, "<autoFilter ref=\"A1:E20001\"/>") && strstr(s, "<row r=\"20001\""),
	      "every row in the sheet");
	free(s);

	/* Past the cap: PH_ETOOBIG and nothing in out. */
	struct buf small;
	buf_init(&small, 2000);
	buf_puts(&small, "x");
	CHECK_INT(xlsx2(&small, "x"), PH_ETOOBIG, "xlsx over the cap");
	CHECK_STR(buf_str(&small), "x", "out unchanged");
	buf_cleanup(&small);
	buf_cleanup(&b);
}

/* A vi_VN LC_NUMERIC made with localedef in a temporary folder; 0 when
 * it cannot be made here. */
static int vietnamese_numbers(char *dir, size_t n)
{
	snprintf(dir, n, "/tmp/phoihop-locale-XXXXXX");
	if (!mkdtemp(dir))
		return 0;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "localedef -i vi_VN -f UTF-8 %s/vi_VN.UTF-8 >/dev/null 2>&1", dir);
	if (system(cmd) != 0)
		return 0;
	setenv("LOCPATH", dir, 1);
	return setlocale(LC_NUMERIC, "vi_VN.UTF-8") != NULL;
}

static void test_locale(void)
{
	char dir[64];
	if (!vietnamese_numbers(dir, sizeof dir)) {
		printf("test_table: SKIP the vi_VN LC_NUMERIC check: localedef could not build vi_VN "
		       "(package locales)\n");
		return;
	}
	char probe[16];
	snprintf(probe, sizeof probe, "%.3f", 0.875);
	CHECK_STR(probe, "0,875", "the locale writes a decimal comma (the bug's condition)");
	struct buf b;
	buf_init(&b, 1 << 22);
	CHECK_INT(xlsx2(&b, "Số"), 0, "xlsx under vi_VN");
	char *s = member(&b, "xl/worksheets/sheet1.xml");
	CHECK(s && strstr(s, "<v>0.875</v>") && !strstr(s, "0,875"), "xlsx numbers stay 0.875");
	free(s);
	buf_reset(&b);
	const char *text[] = {"a"};
	double num[] = {0.875};
	const char *date[] = {NULL};
	CHECK_INT(csv3(&b, ',', text, num, date, 1), 0, "csv under vi_VN");
	CHECK(strstr(buf_str(&b), ",0.875,") != NULL, "csv numbers stay 0.875: %s", buf_str(&b));
	buf_cleanup(&b);
	setlocale(LC_NUMERIC, "C");
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_table: could not remove %s\n", dir);
}

int main(void)
{
	test_csv();
	test_xlsx();
	test_locale();
	TEST_END("test_table");
}
